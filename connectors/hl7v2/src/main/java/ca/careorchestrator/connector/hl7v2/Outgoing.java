package ca.careorchestrator.connector.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.util.Terser;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The MSH of what we send (queries, booking requests), in the version the source speaks. */
final class Outgoing {

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,20}");

    private Outgoing() {
    }

    static void header(Terser t, Settings settings, String type, String event, String structure, String controlId, Instant now)
            throws HL7Exception {
        t.set("MSH-1", "|");
        t.set("MSH-2", "^~\\&");
        t.set("MSH-3-1", settings.application());
        t.set("MSH-4-1", settings.facility());
        t.set("MSH-7", Hl7Time.format(now, settings.zone()));
        t.set("MSH-9-1", type);
        t.set("MSH-9-2", event);
        if (!settings.version().equals("2.3")) {
            t.set("MSH-9-3", structure);
        }
        t.set("MSH-10", controlId);
        t.set("MSH-11", "P");
        t.set("MSH-12", settings.version());
        t.set("MSH-18", "UNICODE UTF-8");
    }

    /** We always write UTF-8 and say so in MSH-18. */
    static Charset charset() {
        return StandardCharsets.UTF_8;
    }

    /**
     * MSH-10 from an idempotency key: the key itself when it fits HL7's 20-character ST, else a stable digest
     * of it, so the same key always gives the same control id (and the source the same answer).
     */
    static String controlId(String idempotencyKey) {
        if (PLAIN_ID.matcher(idempotencyKey).matches()) {
            return idempotencyKey;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "K" + HexFormat.of().formatHex(digest).substring(0, 19);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
