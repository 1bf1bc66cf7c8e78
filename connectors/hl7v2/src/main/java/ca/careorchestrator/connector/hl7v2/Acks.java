package ca.careorchestrator.connector.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.time.ZoneId;

/** ACK messages in the sender's own HL7 version: ERR-3/ERR-4 from 2.5 on, ERR-1 before. */
final class Acks {

    static final String DEFAULT_VERSION = "2.5.1";

    private Acks() {
    }

    static String ack(Hl7Codec codec, RawHeader incoming, Answer answer, String controlId, Instant now, ZoneId zone,
            String ourApplication, String ourFacility) {
        ACK ack = codec.create(new ACK());
        Terser t = Hl7Codec.terser(ack);
        String version = incoming.version().isEmpty() ? DEFAULT_VERSION : incoming.version();
        try {
            t.set("MSH-1", "|");
            t.set("MSH-2", "^~\\&");
            t.set("MSH-3-1", or(incoming.receivingApplication(), ourApplication));
            t.set("MSH-4-1", or(incoming.receivingFacility(), ourFacility));
            t.set("MSH-5-1", incoming.sendingApplication());
            t.set("MSH-6-1", incoming.sendingFacility());
            t.set("MSH-7", Hl7Time.format(now, zone));
            t.set("MSH-9-1", "ACK");
            t.set("MSH-9-2", incoming.event());
            if (!version.equals("2.3")) {
                t.set("MSH-9-3", "ACK");
            }
            t.set("MSH-10", controlId);
            t.set("MSH-11", incoming.processingId());
            t.set("MSH-12", version);
            t.set("MSA-1", answer.code().name());
            t.set("MSA-2", incoming.controlId());
            if (answer.code() != Answer.Code.AA) {
                String reason = answer.reason().length() > 200 ? answer.reason().substring(0, 200) : answer.reason();
                t.set("MSA-3", reason);
                if (version.startsWith("2.5") || version.compareTo("2.5") > 0) {
                    t.set("ERR-3-1", String.valueOf(answer.errorCode()));
                    t.set("ERR-3-3", "HL70357");
                    t.set("ERR-4", "E");
                    t.set("ERR-8", reason);
                } else {
                    t.set("ERR-1-4-1", String.valueOf(answer.errorCode()));
                    t.set("ERR-1-4-2", reason);
                    t.set("ERR-1-4-3", "HL70357");
                }
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build an ACK: " + e.getMessage(), e);
        }
        return codec.encode(ack);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
