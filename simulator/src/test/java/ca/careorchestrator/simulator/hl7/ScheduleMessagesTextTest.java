package ca.careorchestrator.simulator.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.message.SQR_S25;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The SQR^S25 pages and SIU messages written as text are, byte for byte, what the former HAPI Terser path encoded,
 * for every HL7 system profile. The former path lives on here only as the reference.
 */
class ScheduleMessagesTextTest {

    private static final List<SourceSystem> HL7_SYSTEMS =
            List.of(SourceSystem.LOGIBEC, SourceSystem.KINLOGIX, SourceSystem.OMNIMED, SourceSystem.MYLE, SourceSystem.MEDESYNC);
    private static final Instant STAMP = Instant.parse("2026-11-23T12:34:56.789Z");

    private static final ClinicId PLAIN = clinic(1);
    private static final ClinicId ACCENTED = clinic(2);
    private static final ClinicId TYPOGRAPHIC = clinic(3);
    private static final ClinicId ESCAPES = clinic(4);
    private static final ClinicId UNNAMED = clinic(5);
    private static final Map<ClinicId, String> NAMES = Map.of(
            PLAIN, "Clinique du Parc",
            ACCENTED, "Clinique médicale Sainte-Thérèse",
            TYPOGRAPHIC, "GMF de l\u2019Estrie \u2013 Sherbrooke\u00a0Est \u4e2d",
            ESCAPES, "A|B^C&D~E\\F \\.br\\ G\\H\\ \\X0D\\ \\Zend");

    private static final ReferenceMessages REFERENCE = new ReferenceMessages();

    @AfterAll
    static void close() throws Exception {
        REFERENCE.context.close();
    }

    private static ClinicId clinic(int n) {
        return new ClinicId(new UUID(0, n));
    }

    private static PlatformSlot slot(String id, ClinicId clinic, String site, String professional, String profession, String service,
            String modality, String start, int minutes, String zone, PlatformSlot.Status status) {
        return new PlatformSlot(id, 1, 1, STAMP, clinic, site, professional, profession, service, modality, Instant.parse(start),
                Duration.ofMinutes(minutes), ZoneId.of(zone), status);
    }

    /** Slots covering free and booked, missing optional codes, and values that need every kind of escaping. */
    private static List<PlatformSlot> slots() {
        return List.of(
                slot("LGB^slot-001", PLAIN, "site-1", "prof-1", "MD", "CONSULT", "CL", "2026-11-24T14:00:00Z", 15,
                        "America/Montreal", PlatformSlot.Status.FREE),
                slot("LGB^slot-002", ACCENTED, "site-2", "prof-2", "NP", "SUIVI", "TEL", "2026-11-24T14:15:00Z", 30,
                        "America/Montreal", PlatformSlot.Status.BOOKED),
                slot("a|b^c&d~e\\f", TYPOGRAPHIC, "site|3", "prof^3", null, "svc&3", null, "2026-12-01T09:00:00Z", 20,
                        "America/Toronto", PlatformSlot.Status.FREE),
                slot("fmt \\.br\\ \\H\\ \\N\\ \\X0D0A\\ \\Cxx\\ \\M\\ \\Z\\ \\.open \\H", ESCAPES, "s\\E\\", "p\\", "C\\",
                        "x\\", "\\", "2026-12-01T09:30:00Z", 45, "America/Halifax", PlatformSlot.Status.BOOKED),
                slot("cr\rnul\u0000tail~", UNNAMED, "site\r5", "prof~5", "RN", "VAC~CIN", "VID", "2027-03-14T06:30:00Z", 60,
                        "America/Montreal", PlatformSlot.Status.FREE),
                slot("", PLAIN, "", "", "", "", "", "2027-06-30T23:45:00Z", 5, "UTC", PlatformSlot.Status.BOOKED),
                slot("accent é ü ç \u2013 \u4e2d", ACCENTED, "site é", "prof ü", "MD", "SERVICE \u2019", "CL",
                        "2027-07-01T00:00:00Z", 90, "America/Montreal", PlatformSlot.Status.FREE));
    }

    private static void assertSame(String what, Supplier<String> reference, Supplier<String> text) {
        String expected = reference.get();
        String actual = text.get();
        if (!actual.equals(expected)) {
            int at = 0;
            while (at < Math.min(actual.length(), expected.length()) && actual.charAt(at) == expected.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 80);
            assertThat(show(actual, from, at + 80)).as(what + ": first difference at " + at).isEqualTo(show(expected, from, at + 80));
        }
        assertThat(actual.getBytes(StandardCharsets.UTF_8)).as(what).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String show(String text, int from, int to) {
        return text.substring(Math.min(from, text.length()), Math.min(to, text.length())).replace("\r", "<CR>");
    }

    @Test
    void sqrPagesAreTheSameTextAsTheTerserPathForEveryProfile() {
        List<PlatformSlot> slots = slots();
        int compared = 0;
        for (SourceSystem system : HL7_SYSTEMS) {
            Hl7Profile profile = Hl7Profile.of(system);
            try (ScheduleMessages messages = new ScheduleMessages(profile, NAMES)) {
                for (boolean breakOne : new boolean[] {false, true}) {
                    for (boolean twice : new boolean[] {false, true}) {
                        // First page (more follow), a continuation page, the last page, an empty answer.
                        List<List<PlatformSlot>> pages = List.of(slots.subList(0, 3), slots.subList(3, 5), slots.subList(5, 7), slots,
                                List.of());
                        List<String> continuations = new ArrayList<>();
                        continuations.add(slots.get(2).externalId());
                        continuations.add(slots.get(4).externalId());
                        continuations.add(null);
                        continuations.add("");
                        continuations.add(null);
                        for (int p = 0; p < pages.size(); p++) {
                            List<PlatformSlot> page = pages.get(p);
                            String continuation = continuations.get(p);
                            for (String[] ids : new String[][] {{"Q-1", "TAG-1", "LGB000042"}, {"", "", ""}, {"q|^&~\\", "t\r", "c\\.br\\"}}) {
                                String what = system + " page " + p + " breakOne=" + breakOne + " twice=" + twice + " ids=" + List.of(ids);
                                assertSame(what,
                                        () -> REFERENCE.sqr(profile, ids[0], ids[1], page, continuation, ids[2], STAMP, breakOne, twice),
                                        () -> messages.sqr(ids[0], ids[1], page, continuation, ids[2], STAMP, breakOne, twice));
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(5 * 2 * 2 * 5 * 3);
    }

    @Test
    void siuMessagesAreTheSameTextAsTheTerserPathForEveryProfile() {
        for (SourceSystem system : HL7_SYSTEMS) {
            Hl7Profile profile = Hl7Profile.of(system);
            try (ScheduleMessages messages = new ScheduleMessages(profile, NAMES)) {
                for (PlatformSlot slot : slots()) {
                    for (ScheduleMessages.Trigger trigger : ScheduleMessages.Trigger.values()) {
                        for (boolean broken : new boolean[] {false, true}) {
                            assertSame(system + " " + trigger + " " + slot.externalId() + " broken=" + broken,
                                    () -> REFERENCE.siu(profile, trigger, slot, "MSY000007", STAMP, broken),
                                    () -> messages.siu(trigger, slot, "MSY000007", STAMP, broken));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aPageOf500SlotsRendersFasterAsText() {
        List<PlatformSlot> base = slots();
        List<PlatformSlot> page = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            PlatformSlot b = base.get(i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 6);
            page.add(new PlatformSlot("LGB^" + String.format(Locale.ROOT, "%08d", i), 1, i, STAMP, b.clinic(), b.siteRef(),
                    b.professionalRef(), b.professionCode(), b.serviceCode(), b.modalityCode(), b.start().plusSeconds(900L * i),
                    b.duration(), b.zone(), i % 4 == 0 ? PlatformSlot.Status.BOOKED : PlatformSlot.Status.FREE));
        }
        Hl7Profile profile = Hl7Profile.of(SourceSystem.LOGIBEC);
        try (ScheduleMessages messages = new ScheduleMessages(profile, NAMES)) {
            String continuation = page.getLast().externalId();
            Supplier<String> old = () -> REFERENCE.sqr(profile, "Q-1", "TAG", page, continuation, "LGB1", STAMP, false, false);
            Supplier<String> text = () -> messages.sqr("Q-1", "TAG", page, continuation, "LGB1", STAMP, false, false);
            assertSame("500 slots", old, text);
            long oldNanos = best(old);
            long textNanos = best(text);
            System.out.printf(Locale.ROOT, "SQR^S25 page of 500 slots, best of 20: Terser %.3f ms, text %.3f ms, ratio %.1fx%n",
                    oldNanos / 1e6, textNanos / 1e6, (double) oldNanos / textNanos);
        }
    }

    private static long best(Supplier<String> render) {
        long best = Long.MAX_VALUE;
        int sink = 0;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            sink += render.get().length();
            best = Math.min(best, System.nanoTime() - start);
        }
        assertThat(sink).isPositive();
        return best;
    }

    /** The former rendering through HAPI's Terser and PipeParser, kept here as the reference only. */
    private static final class ReferenceMessages {

        private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT);
        private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ", Locale.ROOT);
        private static final String BROKEN_TIME = "2026-13-45 25:99";

        private final HapiContext context = new DefaultHapiContext();
        private final PipeParser parser;
        private final Map<Hl7Profile, ScheduleMessages> storables = new HashMap<>();

        ReferenceMessages() {
            context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
            context.setValidationContext(ValidationContextFactory.noValidation());
            parser = context.getPipeParser();
        }

        String siu(Hl7Profile profile, ScheduleMessages.Trigger trigger, PlatformSlot slot, String controlId, Instant stamp, boolean broken) {
            SIU_S12 siu = new SIU_S12();
            siu.setParser(parser);
            Terser t = new Terser(siu);
            try {
                header(profile, t, "SIU", trigger.name(), "SIU_S12", controlId, stamp);
                String status = switch (trigger) {
                    case S12 -> slot.free() ? "Open" : "Booked";
                    case S15 -> "Cancelled";
                    case S17 -> "Deleted";
                };
                schedule(profile, t, "/", slot, status, broken);
            } catch (HL7Exception e) {
                throw new IllegalStateException(e);
            }
            return encode(siu);
        }

        String sqr(Hl7Profile profile, String requestControlId, String queryTag, List<PlatformSlot> slots, String continuation,
                String controlId, Instant stamp, boolean breakOne, boolean twice) {
            SQR_S25 sqr = new SQR_S25();
            sqr.setParser(parser);
            Terser t = new Terser(sqr);
            try {
                header(profile, t, "SQR", "S25", "SQR_S25", controlId, stamp);
                t.set("MSA-1", "AA");
                t.set("MSA-2", requestControlId);
                t.set("QAK-1", queryTag);
                t.set("QAK-2", slots.isEmpty() ? "NF" : "OK");
                int group = 0;
                for (PlatformSlot slot : slots) {
                    for (int copy = 0; copy < (twice ? 2 : 1); copy++) {
                        boolean broken = breakOne && group == 0;
                        schedule(profile, t, "/SCHEDULE(" + group++ + ")/", slot, slot.free() ? "Open" : "Booked", broken);
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

        private void header(Hl7Profile profile, Terser t, String type, String event, String structure, String controlId, Instant stamp)
                throws HL7Exception {
            t.set("MSH-1", "|");
            t.set("MSH-2", "^~\\&");
            t.set("MSH-3-1", profile.application());
            t.set("MSH-4-1", profile.facility());
            t.set("MSH-5-1", "CAREORCH");
            t.set("MSH-6-1", "QC");
            t.set("MSH-7", STAMP_FORMAT.format(stamp.atZone(ScheduleMessages.ZONE)));
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

        private void schedule(Hl7Profile profile, Terser t, String at, PlatformSlot slot, String status, boolean broken) throws HL7Exception {
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
            String name = NAMES.get(slot.clinic());
            if (name != null) {
                t.set(resources + "LOCATION_RESOURCE(0)/AIL-3-9", storable(profile, name));
            }
            if (slot.modalityCode() != null) {
                t.set(resources + "LOCATION_RESOURCE(0)/AIL-4-1", slot.modalityCode());
            }
        }

        /** The charset folding is not part of the rendering change: the production method is used. */
        private String storable(Hl7Profile profile, String name) {
            return storables.computeIfAbsent(profile, p -> new ScheduleMessages(p, NAMES)).storable(name);
        }

        private String encode(Message message) {
            try {
                return parser.encode(message);
            } catch (HL7Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
