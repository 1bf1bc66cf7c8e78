package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.SourceSystem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The canonical text of a province: one line per clinic, professional, template and slot, in generation
 * order. Two provinces are the same exactly when their texts are; {@link #sha256} fingerprints one.
 */
public final class ProvinceText {

    private ProvinceText() {
    }

    public static void write(Province province, OutputStream target) {
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
            ProvinceSpec spec = province.spec();
            out.write("# care-orchestrator synthetic province|" + spec.preset().code() + "|" + spec.seed() + "|"
                    + spec.firstDay() + "|" + spec.weeks() + "\n");
            for (Clinic c : province.clinics()) {
                out.write("clinic|" + c.id() + "|" + c.name() + "|" + c.kind() + "|" + c.localNetwork() + "|" + c.fsa() + "|"
                        + c.location().latitude() + "|" + c.location().longitude() + "|" + c.phone() + "|"
                        + c.systems().stream().map(SourceSystem::name).collect(Collectors.joining(",")) + "\n");
            }
            for (Professional p : province.professionals()) {
                out.write("professional|" + p.id() + "|" + p.clinic() + "|" + p.profession() + "|" + p.familyName() + "|"
                        + p.givenName() + "|" + p.languages().stream().sorted().map(Enum::name).collect(Collectors.joining(","))
                        + "\n");
            }
            for (WeeklyTemplate t : province.templates()) {
                out.write("template|" + t.professional() + "|" + t.sessions().stream()
                        .map(s -> s.day() + " " + s.start() + " " + s.slots() + "x" + s.slotLength().toMinutes() + " "
                                + s.service() + " " + s.modality())
                        .collect(Collectors.joining(";")) + "\n");
            }
            province.forEachSlot(slot -> line(out, slot));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Writer out, Slot s) {
        try {
            out.write("slot|" + s.id() + "|" + s.professional() + "|" + s.service() + "|" + s.modality() + "|" + s.start()
                    + "|" + s.duration().toMinutes() + "|" + s.state().code() + "|");
            for (Listing l : s.listings()) {
                out.write(l.source().name() + "=" + l.externalId() + "@" + l.sourceVersion() + ";");
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the canonical text, computed while streaming (the full province never sits in memory). */
    public static String sha256(Province province) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                write(province, out);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
