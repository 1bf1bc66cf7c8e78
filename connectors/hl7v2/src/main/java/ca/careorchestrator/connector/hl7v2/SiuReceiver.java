package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One pushed message to records, delivered, and the answer the sender gets. Nothing is decided before the
 * sink has spoken: we ACK what was applied, and a message we cannot read goes to quarantine (as one
 * {@link SourceRecord.Unreadable}) before we NACK it, so it is visible and replayable.
 */
final class SiuReceiver {

    private static final System.Logger LOG = System.getLogger(SiuReceiver.class.getName());

    private final Hl7Codec codec;
    private final ZoneId zone;

    SiuReceiver(Hl7Codec codec, ZoneId zone) {
        this.codec = codec;
        this.zone = zone;
    }

    Answer receive(String text, RecordSink sink) {
        Translation translation = translate(text);
        Outcome outcome;
        try {
            outcome = sink.deliver(translation.records());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the record sink failed on an HL7 message", e);
            return Answer.retry("internal error, retry");
        }
        return switch (outcome) {
            case Outcome.Ok ok -> translation.nack().orElse(Answer.accepted());
            case Outcome.Rejected rejected -> Answer.error(Answer.INTERNAL_ERROR, "rejected: " + rejected.reason());
            case Outcome.RetryAfter retry -> Answer.retry("busy, retry after " + retry.delay().toSeconds() + " s");
            case Outcome.PermanentFailure failure -> Answer.retry("not applied: " + failure.reason());
        };
    }

    /** The records of one message, and the NACK it earns if it was unreadable (sent once the sink quarantined it). */
    private record Translation(List<SourceRecord> records, Optional<Answer> nack) {
        static Translation unreadable(int code, String reason, String text) {
            return new Translation(ScheduleTranslator.unreadable(null, reason, text), Optional.of(Answer.error(code, reason)));
        }
    }

    private Translation translate(String text) {
        Message message;
        try {
            message = codec.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            return Translation.unreadable(Answer.DATA_TYPE_ERROR, "not parseable HL7: " + e.getMessage(), text);
        }
        try {
            Terser terser = Hl7Codec.terser(message);
            String type = terser.get("MSH-9-1");
            String event = terser.get("MSH-9-2");
            if (!"SIU".equalsIgnoreCase(type == null ? "" : type.strip())) {
                return Translation.unreadable(Answer.UNSUPPORTED_MESSAGE_TYPE, "not a schedule message: " + type + "^" + event, text);
            }
            // MSH-9.2 decides, not SCH-25 (vendors leave SCH-25 at Booked on S15/S17/S26).
            Optional<SiuTrigger> trigger = SiuTrigger.of(event);
            if (trigger.isEmpty()) {
                return Translation.unreadable(Answer.UNSUPPORTED_EVENT, "unsupported SIU trigger event " + event, text);
            }
            ScheduleTranslator.Envelope envelope = envelope(terser, zone);
            List<SourceRecord> records = ScheduleTranslator.translate(message, trigger.get().effect(), envelope, text);
            Optional<Answer> nack = records.stream().filter(SourceRecord.Unreadable.class::isInstance)
                    .map(r -> Answer.error(Answer.DATA_TYPE_ERROR, ((SourceRecord.Unreadable) r).reason())).findFirst();
            return new Translation(records, nack);
        } catch (HL7Exception | IllegalArgumentException e) {
            return Translation.unreadable(Answer.DATA_TYPE_ERROR, e.getMessage(), text);
        }
    }

    /** MSH-7 as epoch millis is the version of every slot in the message; MSH-4 is the site of last resort. */
    static ScheduleTranslator.Envelope envelope(Terser terser, ZoneId zone) throws HL7Exception {
        String stamp = terser.get("MSH-7");
        if (stamp == null || stamp.isBlank()) {
            throw new IllegalArgumentException("MSH-7 is empty: no version for the slot");
        }
        String facility = terser.get("MSH-4-1");
        return new ScheduleTranslator.Envelope(Hl7Time.parse(stamp, zone).toEpochMilli(),
                facility == null ? null : facility.strip(), zone);
    }
}
