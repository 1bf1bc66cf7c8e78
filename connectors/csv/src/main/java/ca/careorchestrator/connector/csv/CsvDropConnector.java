package ca.careorchestrator.connector.csv;

import ca.careorchestrator.connector.spi.Capability;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a drop folder of schedule exports. Each pull takes the newest {@code *.csv} file by name (exports
 * are named by their time; older ones waiting are superseded and moved to {@code stale/} unread), reads it
 * whole, delivers it and moves it to {@code done/}. Every file is a full
 * export of the clinics it covers (OSCAR-QC writes all its clinics in each), so a pull that read a file is
 * {@link Outcome.Coverage#FULL}; no file is {@code Ok(0, same checkpoint, CHANGES)}. The checkpoint is
 * the name of the last file applied.
 */
final class CsvDropConnector implements PullConnector {

    static final int BATCH = 500;
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String STALE = "stale";
    private static final Duration FOLDER_TROUBLE = Duration.ofSeconds(30);

    private final Path folder;
    private final CsvSettings settings;

    CsvDropConnector(SourceConfig config) {
        if (!"file".equalsIgnoreCase(config.endpoint().getScheme())) {
            throw new IllegalArgumentException("a CSV drop folder is a file: URI, not " + config.endpoint());
        }
        this.folder = Path.of(config.endpoint());
        this.settings = CsvSettings.of(config);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SEARCH, Capability.PHONE);
    }

    @Override
    public Outcome pull(Checkpoint from, RecordSink sink) throws InterruptedException {
        if (!Files.isDirectory(folder)) {
            return new Outcome.PermanentFailure("no drop folder " + folder);
        }
        try {
            List<Path> exports = exports();
            if (!exports.isEmpty()) {
                // Every export is a whole schedule: when several wait, the newest supersedes the others.
                for (Path older : exports.subList(0, exports.size() - 1)) {
                    move(older, STALE);
                }
                Path newest = exports.getLast();
                if (from.isNone() || newest.getFileName().toString().compareTo(from.value()) > 0) {
                    return apply(newest, sink);
                }
                // Named before what was applied: an older full export would roll the schedule back.
                move(newest, STALE);
            }
        } catch (IOException e) {
            return new Outcome.RetryAfter(FOLDER_TROUBLE, "drop folder unreadable: " + e);
        }
        return new Outcome.Ok(0, from, Outcome.Coverage.CHANGES);
    }

    private Outcome apply(Path file, RecordSink sink) throws IOException {
        String name = file.getFileName().toString();
        byte[] bytes;
        long version;
        try {
            bytes = Files.readAllBytes(file);
            // The export's time is every row's version: a later export supersedes an earlier one, row by row.
            version = Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException gone) {
            return new Outcome.RetryAfter(Duration.ZERO, "export " + name + " went away while being read");
        }
        String text = ScheduleExport.decode(bytes, settings.charset());
        List<SourceRecord> records;
        try {
            records = ScheduleExport.read(text, settings, version);
        } catch (ScheduleExport.Unusable e) {
            move(file, FAILED);
            return new Outcome.Rejected(name, e.getMessage(), text);
        }
        for (int i = 0; i < records.size(); i += BATCH) {
            Outcome delivered = sink.deliver(records.subList(i, Math.min(records.size(), i + BATCH)));
            switch (delivered) {
                case Outcome.Ok ok -> {
                }
                case Outcome.Rejected rejected -> {
                    // Kept for replay once whatever made the store refuse it is fixed.
                    move(file, FAILED);
                    return rejected;
                }
                case Outcome.RetryAfter retry -> {
                    // Left in place: the next pull reads it again (records are idempotent on id and version).
                    return retry;
                }
                case Outcome.PermanentFailure failure -> {
                    return failure;
                }
            }
        }
        move(file, DONE);
        return new Outcome.Ok(records.size(), new Checkpoint(name), Outcome.Coverage.FULL);
    }

    /**
     * The exports ready to read, oldest name first: {@code *.csv} only, so a file still being written under
     * another name ({@code .tmp}, {@code .part}) and renamed into place when complete is never read half-done.
     */
    private List<Path> exports() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".csv");
                    })
                    .sorted()
                    .toList();
        }
    }

    private void move(Path file, String into) throws IOException {
        Path target = folder.resolve(into);
        Files.createDirectories(target);
        try {
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
