package ca.careorchestrator.simulator.hl7;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.message.SRR_S01;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages one simulated HL7 system writes, laid out as HAPI's 2.5.1 structures encode them and stamped with
 * the system's own version (the segments and fields used exist unchanged from 2.3 on). SIU and SQR^S25, written
 * for every slot, are written as text directly; the rarer SRR and ACK answers go through HAPI's Terser.
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
    /** Each clinic's name as this system stores it (see {@link #storable}). */
    private final Map<ClinicId, String> clinicNames;

    ScheduleMessages(Hl7Profile profile, Map<ClinicId, String> clinicNames) {
        this.profile = profile;
        Map<ClinicId, String> stored = new HashMap<>();
        clinicNames.forEach((clinic, name) -> stored.put(clinic, storable(name)));
        this.clinicNames = Map.copyOf(stored);
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
        Hl7Text out = new Hl7Text(new StringBuilder(768));
        header(out, "SIU", trigger.name(), "SIU_S12", controlId, stamp);
        String status = switch (trigger) {
            case S12 -> slot.free() ? "Open" : "Booked";
            case S15 -> "Cancelled";
            case S17 -> "Deleted";
        };
        schedule(out, slot, status, broken, false);
        return out.text();
    }

    /**
     * One SQR^S25 page: {@code slots} as SCHEDULE groups, DSC-1 = {@code continuation} when more follow. Written
     * as text directly (a page is what a sync asks for most, and HAPI's Terser and encoder cost most of the time):
     * the same segments, field positions and escaping as HAPI's 2.5.1 SQR_S25 structure encodes.
     */
    String sqr(String requestControlId, String queryTag, List<PlatformSlot> slots, String continuation, String controlId,
            Instant stamp, boolean breakOne, boolean twice) {
        int copies = twice ? 2 : 1;
        Hl7Text out = new Hl7Text(new StringBuilder(512 + slots.size() * copies * 512));
        header(out, "SQR", "S25", "SQR_S25", controlId, stamp);
        out.segment("MSA").put(1, "AA").put(2, requestControlId).end();
        out.segment("QAK").put(1, queryTag).put(2, slots.isEmpty() ? "NF" : "OK").end();
        int group = 0;
        for (PlatformSlot slot : slots) {
            for (int copy = 0; copy < copies; copy++) {
                boolean broken = breakOne && group == 0;
                group++;
                schedule(out, slot, slot.free() ? "Open" : "Booked", broken, true);
            }
        }
        if (continuation != null) {
            out.segment("DSC").put(1, continuation).put(2, "I").end();
        }
        return out.text();
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

    private void header(Hl7Text out, String type, String event, String structure, String controlId, Instant stamp) {
        out.msh()
                .put(3, 1, profile.application())
                .put(4, 1, profile.facility())
                .put(5, 1, "CAREORCH")
                .put(6, 1, "QC")
                .put(7, STAMP.format(stamp.atZone(ZONE)))
                .put(9, 1, type)
                .put(9, 2, event);
        if (profile.hasStructure()) {
            out.put(9, 3, structure);
        }
        out.put(10, controlId)
                .put(11, "P")
                .put(12, profile.version())
                .put(18, profile.charsetName())
                .end();
    }

    /**
     * One slot's segments, in the order of HAPI's 2.5.1 SCHEDULE group: SCH, then the RESOURCES group's RGS, SERVICE
     * (AIS), and LOCATION_RESOURCE (AIL) before PERSONNEL_RESOURCE (AIP) in SIU_S12, after it in SQR_S25.
     */
    private void schedule(Hl7Text out, PlatformSlot slot, String status, boolean broken, boolean personnelFirst) {
        String start = broken ? BROKEN_TIME : SECONDS.format(slot.start().atZone(slot.zone()));
        String end = SECONDS.format(slot.start().plus(slot.duration()).atZone(slot.zone()));
        String minutes = String.valueOf(slot.duration().toMinutes());
        out.segment("SCH")
                .put(2, 1, slot.externalId())
                .put(9, minutes)
                .put(10, 1, "MIN")
                .put(11, 4, 1, start)
                .put(11, 5, 1, end)
                .put(25, 1, status)
                .end();
        out.segment("RGS").put(1, "1").end();
        out.segment("AIS")
                .put(1, "1")
                .put(3, 1, slot.serviceCode())
                .put(4, 1, start)
                .put(7, minutes)
                .put(8, 1, "MIN")
                .end();
        if (personnelFirst) {
            personnel(out, slot);
            location(out, slot);
        } else {
            location(out, slot);
            personnel(out, slot);
        }
    }

    private static void personnel(Hl7Text out, PlatformSlot slot) {
        out.segment("AIP").put(1, "1").put(3, 1, slot.professionalRef());
        if (slot.professionCode() != null) {
            out.put(4, 1, slot.professionCode());
        }
        out.end();
    }

    private void location(Hl7Text out, PlatformSlot slot) {
        out.segment("AIL").put(1, "1").put(3, 4, 1, slot.siteRef()).put(3, 6, "C");
        String name = clinicNames.get(slot.clinic());
        if (name != null) {
            out.put(3, 9, name);
        }
        if (slot.modalityCode() != null) {
            out.put(4, 1, slot.modalityCode());
        }
        out.end();
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

    /**
     * HL7 ER7 text written segment by segment, with the encoding characters of MSH-1/MSH-2 ({@code |^~\&}) and
     * the escaping and trimming HAPI's {@code PipeParser} applies: values are placed at (field, component,
     * subcomponent) positions in increasing order; separators are written only before a non-empty value, so
     * empty values and trailing empty positions leave nothing behind, and a segment with nothing in it is left out.
     */
    private static final class Hl7Text {

        private final StringBuilder out;
        private int segmentStart;
        private int field;
        private int component;
        private int subcomponent;

        Hl7Text(StringBuilder out) {
            this.out = out;
        }

        /** Starts MSH: MSH-1 and MSH-2 (the encoding characters, written as they are). */
        Hl7Text msh() {
            segmentStart = out.length();
            out.append("MSH|^~\\&");
            field = 2;
            component = 1;
            subcomponent = 1;
            return this;
        }

        Hl7Text segment(String name) {
            segmentStart = out.length();
            out.append(name);
            field = 0;
            component = 1;
            subcomponent = 1;
            return this;
        }

        Hl7Text put(int f, String value) {
            return put(f, 1, 1, value);
        }

        Hl7Text put(int f, int c, String value) {
            return put(f, c, 1, value);
        }

        Hl7Text put(int f, int c, int s, String value) {
            if (value == null || value.isEmpty()) {
                return this;
            }
            if (f > field) {
                repeat('|', f - field);
                repeat('^', c - 1);
                repeat('&', s - 1);
            } else if (f == field && c > component) {
                repeat('^', c - component);
                repeat('&', s - 1);
            } else if (f == field && c == component && s > subcomponent) {
                repeat('&', s - subcomponent);
            } else {
                throw new IllegalStateException("position " + f + "." + c + "." + s + " written out of order");
            }
            field = f;
            component = c;
            subcomponent = s;
            escape(value);
            return this;
        }

        /** Ends the segment; one with nothing but its name is left out, as HAPI leaves out empty segments. */
        Hl7Text end() {
            if (field == 0) {
                out.setLength(segmentStart);
            } else {
                out.append('\r');
            }
            return this;
        }

        String text() {
            return out.toString();
        }

        private void repeat(char separator, int times) {
            for (int i = 0; i < times; i++) {
                out.append(separator);
            }
        }

        /**
         * HAPI's default escaping: {@code | ^ & ~ \} as {@code \F\ \S\ \T\ \R\ \E\}, a carriage return as
         * {@code \X000d\}, a NUL (the absent truncation character) as {@code #}; an escape character that opens a
         * formatting or charset sequence ({@code \.br\}, {@code \Xhh\}, {@code \H\} ...) is passed through.
         */
        private void escape(String value) {
            int length = value.length();
            int plain = 0;
            while (plain < length && !special(value.charAt(plain))) {
                plain++;
            }
            if (plain == length) {
                out.append(value);
                return;
            }
            out.append(value, 0, plain);
            for (int i = plain; i < length; i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '|' -> out.append("\\F\\");
                    case '^' -> out.append("\\S\\");
                    case '&' -> out.append("\\T\\");
                    case '~' -> out.append("\\R\\");
                    case '\u0000' -> out.append('#');
                    case '\r' -> out.append("\\X000d\\");
                    case '\\' -> i = escapeCharacter(value, i);
                    default -> out.append(c);
                }
            }
        }

        /** The escape character at {@code i}: a sequence HAPI passes through, or {@code \E\}. Returns the last index used. */
        private int escapeCharacter(String value, int i) {
            if (i + 1 < value.length()) {
                switch (value.charAt(i + 1)) {
                    case '.', 'C', 'M', 'X', 'Z' -> {
                        int close = value.indexOf('\\', i + 1);
                        if (close > 0) {
                            out.append(value, i, close + 1);
                            return close;
                        }
                    }
                    case 'H', 'N' -> {
                        if (i + 2 < value.length() && value.charAt(i + 2) == '\\') {
                            out.append(value, i, i + 3);
                            return i + 2;
                        }
                    }
                    default -> {
                        // An escape character on its own.
                    }
                }
            }
            out.append("\\E\\");
            return i;
        }

        private static boolean special(char c) {
            return c == '|' || c == '^' || c == '&' || c == '~' || c == '\\' || c == '\r' || c == '\u0000';
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
