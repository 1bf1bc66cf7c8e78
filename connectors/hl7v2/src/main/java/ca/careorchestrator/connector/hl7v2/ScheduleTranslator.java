package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.SourceRecord;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One schedule (an SIU message, or one SCHEDULE group of an SQR^S25) to source records. The rules, each
 * citing the field it reads, are the profile in README.md; anything that does not fit is an
 * {@link SourceRecord.Unreadable} with the reason, never a guess.
 */
final class ScheduleTranslator {

    /** What the message header says about every schedule in it. */
    record Envelope(long version, String sendingFacility, ZoneId zone) {
    }

    private ScheduleTranslator() {
    }

    /**
     * The records for one schedule: a {@code SiteSeen} when AIL names the site, then the slot as
     * {@code SlotSeen} or {@code SlotGone}; or a single {@code Unreadable}.
     */
    static List<SourceRecord> translate(Structure schedule, SiuTrigger.Effect effect, Envelope envelope, String raw) {
        String externalId = null;
        try {
            Map<String, Segment> segments = Hl7Codec.firstSegments(schedule);
            Segment sch = segments.get("SCH");
            if (sch == null) {
                return unreadable(null, "no SCH segment", raw);
            }
            // SCH-2 filler appointment ID (EI, all components: the id is unique within its namespace), else SCH-1 placer's.
            externalId = Hl7Codec.joined(sch, 2, 4);
            if (externalId == null) {
                externalId = Hl7Codec.joined(sch, 1, 4);
            }
            if (externalId == null) {
                return unreadable(null, "SCH-1 and SCH-2 name no appointment", raw);
            }
            String status = status(sch);
            SiuTrigger.Effect resolved = effect;
            boolean free = switch (effect) {
                case FREES -> true;
                case TAKES -> false;
                case REMOVES -> false;
                case BY_STATUS -> switch (status) {
                    case "OPEN", "CANCELLED", "CANCELED", "DC" -> true;
                    case "DELETED" -> {
                        resolved = SiuTrigger.Effect.REMOVES;
                        yield false;
                    }
                    default -> false;
                };
            };
            if (resolved == SiuTrigger.Effect.REMOVES) {
                return List.of(new SourceRecord.SlotGone(externalId, envelope.version(), raw));
            }
            return slotSeen(externalId, free, segments, sch, envelope, raw);
        } catch (HL7Exception | IllegalArgumentException | ArithmeticException e) {
            return unreadable(externalId, e.getMessage(), raw);
        }
    }

    private static List<SourceRecord> slotSeen(String externalId, boolean free, Map<String, Segment> segments, Segment sch,
            Envelope envelope, String raw) throws HL7Exception {
        Segment ail = segments.get("AIL");
        Segment aip = segments.get("AIP");
        Segment aig = segments.get("AIG");
        Segment ais = segments.get("AIS");
        Segment tq1 = segments.get("TQ1");
        Instant start = start(sch, tq1, ais, envelope.zone());
        Duration duration = duration(sch, ais, start, envelope.zone());
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration + " is not positive");
        }
        // AIL-3 location resource ID: PL-4 facility, else PL-1 point of care; no AIL: MSH-4 sending facility (one-site senders).
        String siteRef = first(Hl7Codec.value(ail, 3, 4), Hl7Codec.value(ail, 3, 1));
        boolean siteFromAil = siteRef != null;
        if (siteRef == null) {
            siteRef = envelope.sendingFacility();
        }
        if (siteRef == null || siteRef.isBlank()) {
            return unreadable(externalId, "no site: AIL-3 and MSH-4 are empty", raw);
        }
        String professionalRef = first(Hl7Codec.value(aip, 3, 1), Hl7Codec.value(aig, 3, 1));
        String professionCode = Hl7Codec.value(aip, 4, 1);
        String serviceCode = first(Hl7Codec.value(ais, 3, 1), Hl7Codec.value(sch, 7, 1), Hl7Codec.value(sch, 8, 1));
        String modalityCode = Hl7Codec.value(ail, 4, 1);
        List<SourceRecord> records = new ArrayList<>(2);
        if (siteFromAil) {
            records.add(new SourceRecord.SiteSeen(siteRef, Hl7Codec.value(ail, 3, 9), null, null, ail.encode()));
        }
        records.add(new SourceRecord.SlotSeen(externalId, envelope.version(), siteRef, professionalRef, serviceCode, professionCode,
                modalityCode, start, duration, free, SourceRecord.BookingHint.NONE, raw));
        return records;
    }

    /** SCH-11.4 (TQ start), else TQ1-7, else AIS-4. */
    private static Instant start(Segment sch, Segment tq1, Segment ais, ZoneId zone) throws HL7Exception {
        String text = first(Hl7Codec.value(sch, 11, 4), Hl7Codec.value(tq1, 7, 1), Hl7Codec.value(ais, 4, 1));
        if (text == null) {
            throw new IllegalArgumentException("no start: SCH-11.4, TQ1-7 and AIS-4 are empty");
        }
        return Hl7Time.parse(text, zone);
    }

    /** SCH-9 with SCH-10 units, else TQ-3 (SCH-11.3), else AIS-7 with AIS-8, else SCH-11.5 end minus start. */
    private static Duration duration(Segment sch, Segment ais, Instant start, ZoneId zone) throws HL7Exception {
        String amount = Hl7Codec.value(sch, 9, 1);
        if (amount != null) {
            return Hl7Time.amount(amount, Hl7Codec.value(sch, 10, 1));
        }
        String tq = Hl7Codec.value(sch, 11, 3);
        if (tq != null) {
            return Hl7Time.tqDuration(tq);
        }
        String service = Hl7Codec.value(ais, 7, 1);
        if (service != null) {
            return Hl7Time.amount(service, Hl7Codec.value(ais, 8, 1));
        }
        String end = Hl7Codec.value(sch, 11, 5);
        if (end != null) {
            return Duration.between(start, Hl7Time.parse(end, zone));
        }
        throw new IllegalArgumentException("no duration: SCH-9, SCH-11.3, AIS-7 and SCH-11.5 are empty");
    }

    /** SCH-25 filler status code, identifier else text, upper case ("" when absent). */
    private static String status(Segment sch) throws HL7Exception {
        String status = first(Hl7Codec.value(sch, 25, 1), Hl7Codec.value(sch, 25, 2));
        return status == null ? "" : status.toUpperCase(Locale.ROOT);
    }

    static List<SourceRecord> unreadable(String externalId, String reason, String raw) {
        return List.of(new SourceRecord.Unreadable(externalId, reason == null ? "unreadable" : reason, raw));
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
