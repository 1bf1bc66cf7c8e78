package ca.careorchestrator.simulator.csv;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OSCAR-QC's schedule export: each {@link #export()} writes the whole schedule of all its clinics as one CSV
 * file in the drop folder, in Latin-1 by default (as a French-Canadian Windows install does), written under
 * a {@code .tmp} name and renamed into place when complete. The file's modification time is the export's
 * time. Booking is by phone: there is no API. Faults: MALFORMED_RECORD (one row with an impossible date),
 * DUPLICATES (every row twice), OUT_OF_ORDER (rows in reverse); the network ones mean nothing for a folder.
 */
public final class OscarCsvSimulator implements PlatformServer {

    /** The OSCAR-QC export's columns, in its order. */
    public static final List<String> HEADER = List.of("slot_id", "clinic_id", "clinic_name", "clinic_phone", "provider_no",
            "provider_type", "appointment_date", "start_time", "end_time", "appointment_type", "visit_mode", "status", "time_zone");
    static final String BROKEN_DATE = "2026-13-45";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final SimulatedPlatform platform;
    private final Path requestedFolder;
    private final Charset charset;
    private Path folder;
    private Instant lastExport = Instant.EPOCH;

    /** Exports into a fresh temporary folder, in ISO-8859-1. */
    public OscarCsvSimulator(SimulatedPlatform platform) {
        this(platform, null, StandardCharsets.ISO_8859_1);
    }

    /** Exports into {@code folder} (a temporary one when null), in {@code charset}. */
    public OscarCsvSimulator(SimulatedPlatform platform, Path folder, Charset charset) {
        if (platform.system() != SourceSystem.OSCAR_QC) {
            throw new IllegalArgumentException("the OSCAR-QC simulator exports an OSCAR-QC platform, not " + platform.system());
        }
        this.platform = platform;
        this.requestedFolder = folder;
        this.charset = charset;
    }

    @Override
    public SimulatedPlatform platform() {
        return platform;
    }

    @Override
    public synchronized void start() throws IOException {
        if (folder == null) {
            folder = requestedFolder == null ? Files.createTempDirectory("oscar-drop-") : Files.createDirectories(requestedFolder);
        }
    }

    @Override
    public synchronized URI endpoint() {
        if (folder == null) {
            throw new IllegalStateException("not started");
        }
        return folder.toUri();
    }

    @Override
    public Map<String, String> connectorSettings() {
        return Map.of("csv.charset", charset.name());
    }

    /** Nothing to stop: the folder and its files stay for whoever reads them. */
    @Override
    public void close() {
    }

    public synchronized Path folder() {
        return folder;
    }

    /** Writes the current full schedule as {@code oscar-export-<UTC time>.csv}; returns the file. */
    public synchronized Path export() throws IOException {
        start();
        // Strictly later than the previous export even on a stopped simulated clock: the time names and versions the file.
        Instant now = platform.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Instant stamp = now.isAfter(lastExport) ? now : lastExport.plusMillis(1);
        lastExport = stamp;
        String name = "oscar-export-" + STAMP.format(stamp) + ".csv";
        Path partial = folder.resolve(name + ".tmp");
        Files.write(partial, render(platform.faults().isEmpty() ? Set.of() : Set.copyOf(platform.faults())).getBytes(charset));
        Files.setLastModifiedTime(partial, FileTime.from(stamp));
        Path file = folder.resolve(name);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    String render(Set<FaultMode> faults) {
        Map<ClinicId, Clinic> clinics = new HashMap<>();
        platform.clinics().forEach(c -> clinics.put(c.id(), c));
        List<String> rows = new ArrayList<>();
        int broken = -1;
        for (PlatformSlot slot : platform.slots()) {
            if (broken < 0 && slot.free() && faults.contains(FaultMode.MALFORMED_RECORD)) {
                broken = rows.size();
            }
            rows.add(row(slot, clinics.get(slot.clinic()), rows.size() == broken));
        }
        if (faults.contains(FaultMode.DUPLICATES)) {
            List<String> twice = new ArrayList<>(rows.size() * 2);
            for (String row : rows) {
                twice.add(row);
                twice.add(row);
            }
            rows = twice;
        }
        if (faults.contains(FaultMode.OUT_OF_ORDER)) {
            Collections.reverse(rows);
        }
        StringBuilder out = new StringBuilder(rows.size() * 160);
        out.append(String.join(",", HEADER)).append("\r\n");
        rows.forEach(r -> out.append(r).append("\r\n"));
        return out.toString();
    }

    private static String row(PlatformSlot slot, Clinic clinic, boolean broken) {
        ZonedDateTime start = slot.start().atZone(slot.zone());
        ZonedDateTime end = start.plus(slot.duration());
        List<String> cells = List.of(slot.externalId(), slot.siteRef(), clinic == null ? "" : clinic.name(),
                clinic == null || clinic.phone() == null ? "" : clinic.phone(), slot.professionalRef(), nullToEmpty(slot.professionCode()),
                broken ? BROKEN_DATE : DATE.format(start), TIME.format(start), TIME.format(end), nullToEmpty(slot.serviceCode()),
                nullToEmpty(slot.modalityCode()), slot.free() ? "available" : "booked", slot.zone().getId());
        StringBuilder row = new StringBuilder();
        for (String cell : cells) {
            if (!row.isEmpty()) {
                row.append(',');
            }
            row.append(quoted(cell));
        }
        return row.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /**
     * Exports the OSCAR-QC clinics of a generated province every so often until stopped:
     * {@code --folder /tmp/oscar-drop --preset region --weeks 8 --every 300} (seconds; first day: next Monday).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path folder = null;
        Preset preset = Preset.REGION;
        int weeks = ProvinceSpec.DEFAULT_WEEKS;
        long every = 300;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--folder" -> folder = Path.of(args[i + 1]);
                case "--preset" -> preset = Preset.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--weeks" -> weeks = Integer.parseInt(args[i + 1]);
                case "--every" -> every = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--folder, --preset, --weeks, --every)");
            }
        }
        Clock clock = Clock.systemUTC();
        LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Province province = ProvinceGenerator.generate(new ProvinceSpec(preset, ProvinceSpec.DEFAULT_SEED, monday, weeks));
        OscarCsvSimulator simulator = new OscarCsvSimulator(SimulatedPlatform.of(province, SourceSystem.OSCAR_QC, clock), folder,
                StandardCharsets.ISO_8859_1);
        simulator.start();
        System.out.println("OSCAR-QC exports (" + simulator.platform().size() + " slots) into " + simulator.endpoint());
        while (!Thread.currentThread().isInterrupted()) {
            System.out.println("exported " + simulator.export().getFileName());
            Thread.sleep(every * 1000);
        }
    }
}
