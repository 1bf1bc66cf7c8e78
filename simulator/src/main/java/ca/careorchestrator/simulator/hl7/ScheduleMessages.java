package ca.careorchestrator.simulator.hl7;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.message.SQR_S25;
import ca.uhn.hl7v2.model.v251.message.SRR_S01;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages one simulated HL7 system writes, built with HAPI's 2.5.1 structures and stamped with the
 * system's own version (the segments and fields used exist unchanged from 2.3 on).
 *
 * <p>The profile: every slot is a filler appointment record. SCH-2 (filler appointment ID, EI-1) is the slot's
 * id; SCH-25 is {@code Open} (a local value of user table 0278) while nobody holds it and {@code Booked}
 * once someone does. SCH-11.4/.5 start and end with offset, SCH-9/SCH-10 minutes; AIS-3 the service code;
 * AIP-3 the professional and AIP-4 the profession code; AIL-3.4 the clinic (facility), AIL-3.9 its name,
 * AIL-4 the modality code (location type: CL clinic, TEL phone, VID video).
 */
final class ScheduleMessages implements AutoCloseable {

    /** Where the simulator tells the time of its messages: the province's wall clock. */
    static final ZoneId ZONE = ZoneId.of("America/Montreal");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ", Locale.ROOT);
    private static final String BROKEN_TIME = "2026-13-45 25:99";

    private final HapiContext context = new DefaultHapiContext();
    private final PipeParser parser;
    private final Hl7Profile profile;
    private final Map<ClinicId, String> clinicNames;

    ScheduleMessages(Hl7Profile profile, Map<ClinicId, String> clinicNames) {
        this.profile = profile;
        this.clinicNames = Map.copyOf(clinicNames);
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        parser = context.getPipeParser();
    }

    Hl7Profile profile() {
        return profile;
    }

    Message parse(String text) throws HL7Exception {
        return parser.parse(text);
    }

    /** Which SIU trigger a slot state is announced with. */
    enum Trigger {
        /** New appointment record: an open slot published, or a booking made. */
        S12,
        /** Cancellation: the slot is open again. */
        S15,
        /** Deletion: the slot was withdrawn. */
        S17
    }

    /** SIU^S12/S15/S17 for one slot. {@code broken} garbles SCH-11.4 and AIS-4 (the MALFORMED_RECORD fault). */
    String siu(Trigger trigger, PlatformSlot slot, String controlId, Instant stamp, boolean broken) {
        SIU_S12 siu = create(new SIU_S12());
        Terser t = new Terser(siu);
        try {
            header(t, "SIU", trigger.name(), "SIU_S12", controlId, stamp);
            String status = switch (trigger) {
                case S12 -> slot.free() ? "Open" : "Booked";
                case S15 -> "Cancelled";
                case S17 -> "Deleted";
            };
            schedule(t, "/", slot, status, broken);
        } catch (HL7Exception e) {
            throw new IllegalStateException(e);
        }
        return encode(siu);
    }

    /** One SQR^S25 page: {@code slots} as SCHEDULE groups, DSC-1 = {@code continuation} when more follow. */
    String sqr(String requestControlId, String queryTag, List<PlatformSlot> slots, String continuation, String controlId,
            Instant stamp, boolean breakOne, boolean twice) {
        SQR_S25 sqr = create(new SQR_S25());
        Terser t = new Terser(sqr);
        try {
            header(t, "SQR", "S25", "SQR_S25", controlId, stamp);
            t.set("MSA-1", "AA");
            t.set("MSA-2", requestControlId);
            t.set("QAK-1", queryTag);
            t.set("QAK-2", slots.isEmpty() ? "NF" : "OK");
            int group = 0;
            for (PlatformSlot slot : slots) {
                for (int copy = 0; copy < (twice ? 2 : 1); copy++) {
                    boolean broken = breakOne && group == 0;
                    schedule(t, "/SCHEDULE(" + group++ + ")/", slot, slot.free() ? "Open" : "Booked", broken);
                }
            }
            if (continuation != null) {
                t.set("DSC-1", continuation);
                t.set("DSC-2", "I");
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException(e);
        }
        return encode(sqr);
    }

    /** SRR^S01/S04 accepting: SCH-2 the appointment, SCH-24 (parent filler appointment ID) the slot it sits in. */
    String srrAccepted(String event, String requestControlId, String placerId, String appointment, String slotId, String status,
            String controlId, Instant stamp) {
        SRR_S01 srr = create(new SRR_S01());
        Terser t = new Terser(srr);
        try {
            header(t, "SRR", event, "SRR_S01", controlId, stamp);
            t.set("MSA-1", "AA");
            t.set("MSA-2", requestControlId);
            t.set("/SCHEDULE/SCH-1-1", placerId);
            t.set("/SCHEDULE/SCH-2-1", appointment);
            if (slotId != null) {
                t.set("/SCHEDULE/SCH-24-1", slotId);
            }
            t.set("/SCHEDULE/SCH-25-1", status);
            t.set("/SCHEDULE/RESOURCES/RGS-1", "1");
        } catch (HL7Exception e) {
            throw new IllegalStateException(e);
        }
        return encode(srr);
    }

    /** SRR^S01/S04 refusing, with the reason in MSA-3 and ERR. */
    String srrRefused(String event, String requestControlId, String reason, String controlId, Instant stamp) {
        SRR_S01 srr = create(new SRR_S01());
        Terser t = new Terser(srr);
        try {
            header(t, "SRR", event, "SRR_S01", controlId, stamp);
            t.set("MSA-1", "AE");
            t.set("MSA-2", requestControlId);
            t.set("MSA-3", reason);
            error(t, "ERR", 207, reason);
        } catch (HL7Exception e) {
            throw new IllegalStateException(e);
        }
        return encode(srr);
    }

    /** ACK AR for what this interface does not serve (HL7 table 0357 code 200: unsupported message type). */
    String unsupported(String event, String requestControlId, String reason, String controlId, Instant stamp) {
        ACK ack = create(new ACK());
        Terser t = new Terser(ack);
        try {
            header(t, "ACK", event == null ? "" : event, "ACK", controlId, stamp);
            t.set("MSA-1", "AR");
            t.set("MSA-2", requestControlId == null ? "" : requestControlId);
            t.set("MSA-3", reason);
            error(t, "ERR", 200, reason);
        } catch (HL7Exception e) {
            throw new IllegalStateException(e);
        }
        return encode(ack);
    }

    private void error(Terser t, String segment, int code, String reason) throws HL7Exception {
        if (profile.hasErr3()) {
            t.set(segment + "-3-1", String.valueOf(code));
            t.set(segment + "-3-3", "HL70357");
            t.set(segment + "-4", "E");
            t.set(segment + "-8", reason);
        } else {
            t.set(segment + "-1-4-1", String.valueOf(code));
            t.set(segment + "-1-4-2", reason);
            t.set(segment + "-1-4-3", "HL70357");
        }
    }

    private void header(Terser t, String type, String event, String structure, String controlId, Instant stamp) throws HL7Exception {
        t.set("MSH-1", "|");
        t.set("MSH-2", "^~\\&");
        t.set("MSH-3-1", profile.application());
        t.set("MSH-4-1", profile.facility());
        t.set("MSH-5-1", "CAREORCH");
        t.set("MSH-6-1", "QC");
        t.set("MSH-7", STAMP.format(stamp.atZone(ZONE)));
        t.set("MSH-9-1", type);
        t.set("MSH-9-2", event);
        if (profile.hasStructure()) {
            t.set("MSH-9-3", structure);
        }
        t.set("MSH-10", controlId);
        t.set("MSH-11", "P");
        t.set("MSH-12", profile.version());
        t.set("MSH-18", profile.charsetName());
    }

    private void schedule(Terser t, String at, PlatformSlot slot, String status, boolean broken) throws HL7Exception {
        String start = broken ? BROKEN_TIME : SECONDS.format(slot.start().atZone(slot.zone()));
        String end = SECONDS.format(slot.start().plus(slot.duration()).atZone(slot.zone()));
        String minutes = String.valueOf(slot.duration().toMinutes());
        t.set(at + "SCH-2-1", slot.externalId());
        t.set(at + "SCH-9", minutes);
        t.set(at + "SCH-10-1", "MIN");
        t.set(at + "SCH-11-4-1", start);
        t.set(at + "SCH-11-5-1", end);
        t.set(at + "SCH-25-1", status);
        String resources = at + "RESOURCES(0)/";
        t.set(resources + "RGS-1", "1");
        t.set(resources + "SERVICE(0)/AIS-1", "1");
        t.set(resources + "SERVICE(0)/AIS-3-1", slot.serviceCode());
        t.set(resources + "SERVICE(0)/AIS-4-1", start);
        t.set(resources + "SERVICE(0)/AIS-7", minutes);
        t.set(resources + "SERVICE(0)/AIS-8-1", "MIN");
        t.set(resources + "PERSONNEL_RESOURCE(0)/AIP-1", "1");
        t.set(resources + "PERSONNEL_RESOURCE(0)/AIP-3-1", slot.professionalRef());
        if (slot.professionCode() != null) {
            t.set(resources + "PERSONNEL_RESOURCE(0)/AIP-4-1", slot.professionCode());
        }
        t.set(resources + "LOCATION_RESOURCE(0)/AIL-1", "1");
        t.set(resources + "LOCATION_RESOURCE(0)/AIL-3-4-1", slot.siteRef());
        t.set(resources + "LOCATION_RESOURCE(0)/AIL-3-6", "C");
        String name = clinicNames.get(slot.clinic());
        if (name != null) {
            t.set(resources + "LOCATION_RESOURCE(0)/AIL-3-9", storable(name));
        }
        if (slot.modalityCode() != null) {
            t.set(resources + "LOCATION_RESOURCE(0)/AIL-4-1", slot.modalityCode());
        }
    }

    /**
     * A name as this system can hold it: a Latin-1 system has no typographic dashes or quotes (its users typed
     * plain ones), and anything else it cannot encode becomes '?', as such systems store it.
     */
    String storable(String text) {
        if (profile.charset().newEncoder().canEncode(text)) {
            return text;
        }
        String plain = text.replace('\u2013', '-').replace('\u2014', '-').replace('\u2019', '\'').replace('\u00a0', ' ');
        StringBuilder out = new StringBuilder(plain.length());
        var encoder = profile.charset().newEncoder();
        plain.codePoints().forEach(c -> out.append(encoder.canEncode(Character.toString(c)) ? Character.toString(c) : "?"));
        return out.toString();
    }

    private <M extends Message> M create(M message) {
        message.setParser(parser);
        return message;
    }

    private String encode(Message message) {
        try {
            return parser.encode(message);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot encode " + message.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (IOException e) {
            // Nothing of ours to release.
        }
    }
}
