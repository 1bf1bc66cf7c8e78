package ca.careorchestrator.core.patient;

import ca.careorchestrator.core.care.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What each access-desk priority code means: the longest an orphan patient with it should wait for a first
 * appointment, and its label. Data ({@code priority-codes.tsv}), one row per code, delays growing from A to E.
 */
public final class PriorityCodes {

    /** A code's meaning. */
    public record Meaning(PriorityCode code, Duration maxDelay, Map<Language, String> label) {

        public Meaning {
            label = Map.copyOf(label);
        }
    }

    private final Map<PriorityCode, Meaning> meanings;

    private PriorityCodes(Map<PriorityCode, Meaning> meanings) {
        this.meanings = meanings;
    }

    public static PriorityCodes standard() {
        try (InputStream in = PriorityCodes.class.getResourceAsStream("priority-codes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("priority-codes.tsv is missing from the classpath");
            }
            Map<PriorityCode, Meaning> meanings = new EnumMap<>(PriorityCode.class);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 4) {
                    throw new IllegalStateException("priority-codes.tsv: expected 4 cells in " + line);
                }
                PriorityCode code = PriorityCode.valueOf(cells[0].strip());
                meanings.put(code, new Meaning(code, Duration.parse(cells[1].strip()), Map.of(Language.FR, cells[2].strip(),
                        Language.EN, cells[3].strip())));
            }
            if (meanings.size() != PriorityCode.values().length) {
                throw new IllegalStateException("priority-codes.tsv defines every code once");
            }
            Duration previous = Duration.ZERO;
            for (PriorityCode code : PriorityCode.values()) {
                if (meanings.get(code).maxDelay().compareTo(previous) <= 0) {
                    throw new IllegalStateException("priority-codes.tsv: delays grow from A to E");
                }
                previous = meanings.get(code).maxDelay();
            }
            return new PriorityCodes(Map.copyOf(meanings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Meaning meaning(PriorityCode code) {
        return meanings.get(code);
    }

    public Duration maxDelay(PriorityCode code) {
        return meanings.get(code).maxDelay();
    }

    /** When a request filed at {@code filedAt} with this code is in breach (waited longer than its delay). */
    public Instant breachAt(PriorityCode code, Instant filedAt) {
        return filedAt.plus(maxDelay(code));
    }
}
