package ca.careorchestrator.core.orientation;

import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orientation decision table: reasons for a visit and rows read top-down, the first row matching the answers
 * giving the outcome. Loaded from two versioned TSV files and checked on load (every row's reason, service and
 * professions exist; red flags never book; every reason has a row). {@link #orient} is total: every answer either
 * gets an outcome or a list of defects.
 *
 * <p>Safety first: a red flag, from the list or found in the free text, is answered at once, before any other answer
 * is asked for or checked.
 */
public final class DecisionTable {

    /** Pregnancy is asked of people of these ages; "pregnant" at another age contradicts the age. */
    public static final AgeRange CHILDBEARING = new AgeRange(10, 55);

    private static final Pattern VERSION = Pattern.compile("version ([0-9][0-9.\\-]*[0-9])");
    private static final String REASONS = "reasons.tsv";
    private static final String TABLE = "decision-table.tsv";

    private final String version;
    private final Map<String, Reason> reasons;
    private final List<Row> rows;

    private DecisionTable(String version, Map<String, Reason> reasons, List<Row> rows) {
        this.version = version;
        this.reasons = reasons;
        this.rows = rows;
    }

    /** One row: the answers it matches and where they lead. */
    record Row(String id, String reason, AgeRange ages, Optional<Boolean> pregnant, Optional<Boolean> chronic,
            Optional<Boolean> registered, Outcome outcome, Map<Language, String> why) {

        boolean matches(Reason candidate, int age, boolean isPregnant, boolean isChronic, boolean isRegistered) {
            return reason.equals(candidate.code()) && ages.contains(age) && pregnant.map(p -> p == isPregnant).orElse(true)
                    && chronic.map(c -> c == isChronic).orElse(true) && registered.map(r -> r == isRegistered).orElse(true);
        }
    }

    /** The table shipped with the orchestrator (classpath, next to this class). */
    public static DecisionTable standard() {
        try (InputStream reasons = DecisionTable.class.getResourceAsStream(REASONS);
                InputStream table = DecisionTable.class.getResourceAsStream(TABLE)) {
            if (reasons == null || table == null) {
                throw new IllegalStateException("the orientation table is missing from the classpath");
            }
            return read(new InputStreamReader(reasons, StandardCharsets.UTF_8), new InputStreamReader(table, StandardCharsets.UTF_8),
                    ServiceTypes.standard());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and checks a table; a defect names its file and line. */
    public static DecisionTable read(Reader reasonsFile, Reader tableFile, ServiceTypes services) throws IOException {
        Map<String, Reason> reasons = new LinkedHashMap<>();
        String version = null;
        for (Line line : lines(reasonsFile)) {
            if (line.comment()) {
                version = version == null ? version(line.text()) : version;
                continue;
            }
            String[] c = line.cells(8, REASONS);
            try {
                Map<Language, List<String>> keywords = new EnumMap<>(Language.class);
                keywords.put(Language.FR, phrases(c[6]));
                keywords.put(Language.EN, phrases(c[7]));
                Reason reason = new Reason(c[0].strip(), switch (c[1].strip()) {
                    case "red-flag" -> true;
                    case "visit" -> false;
                    default -> throw new IllegalArgumentException("kind is red-flag or visit");
                }, AgeRange.parse(c[2]), switch (c[3].strip()) {
                    case "required" -> true;
                    case "*" -> false;
                    default -> throw new IllegalArgumentException("pregnancy is * or required");
                }, Map.of(Language.FR, c[4].strip(), Language.EN, c[5].strip()), keywords);
                if (reasons.put(reason.code(), reason) != null) {
                    throw new IllegalArgumentException("reason " + reason.code() + " is defined twice");
                }
            } catch (RuntimeException e) {
                throw line.defect(REASONS, e.getMessage());
            }
        }
        List<Row> rows = new ArrayList<>();
        String tableVersion = null;
        for (Line line : lines(tableFile)) {
            if (line.comment()) {
                tableVersion = tableVersion == null ? version(line.text()) : tableVersion;
                continue;
            }
            String[] c = line.cells(12, TABLE);
            try {
                Row row = new Row(c[0].strip(), c[1].strip(), AgeRange.parse(c[2]), flag(c[3], "yes", "no"), flag(c[4], "yes", "no"),
                        flag(c[5], "registered", "orphan"), outcome(c[6].strip(), c[7].strip(), c[8].strip(), c[9].strip(), services),
                        Map.of(Language.FR, c[10].strip(), Language.EN, c[11].strip()));
                Reason reason = reasons.get(row.reason());
                if (reason == null) {
                    throw new IllegalArgumentException("unknown reason " + row.reason());
                }
                if (reason.redFlag() && row.outcome() instanceof Outcome.Book) {
                    throw new IllegalArgumentException("a red flag never leads to a booking");
                }
                if (row.why().values().stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException("every row says why, in French and English");
                }
                rows.add(row);
            } catch (RuntimeException e) {
                throw line.defect(TABLE, e.getMessage());
            }
        }
        for (Reason reason : reasons.values()) {
            if (rows.stream().noneMatch(r -> r.reason().equals(reason.code()))) {
                throw new IllegalArgumentException(TABLE + ": no row for reason " + reason.code());
            }
        }
        if (version == null || !version.equals(tableVersion)) {
            throw new IllegalArgumentException("the first comments of " + REASONS + " and " + TABLE + " name the same version");
        }
        return new DecisionTable(version, Map.copyOf(reasons), List.copyOf(rows));
    }

    public String version() {
        return version;
    }

    /** The structured list, in the file's order (red flags first). */
    public List<Reason> reasons() {
        return rows.stream().map(Row::reason).distinct().map(reasons::get).toList();
    }

    public Optional<Reason> reason(String code) {
        return Optional.ofNullable(code == null ? null : reasons.get(code.strip()));
    }

    /**
     * Orients the answers: an outcome with the row that matched, or what is missing or wrong. A red flag (listed or
     * found in the text) is answered before anything else is checked.
     */
    public OrientationResult orient(Answers answers) {
        List<Reason> candidates = List.of();
        Reason reason;
        if (answers.reason().filter(r -> !r.isBlank()).isPresent()) {
            Optional<Reason> listed = reason(answers.reason().get());
            if (listed.isEmpty()) {
                return refused(AnswerDefect.UNKNOWN_REASON);
            }
            reason = listed.get();
        } else if (answers.text().filter(t -> !t.isBlank()).isPresent()) {
            candidates = match(answers.text().get());
            if (candidates.isEmpty()) {
                return refused(AnswerDefect.UNKNOWN_REASON);
            }
            if (candidates.size() > 1) {
                return new OrientationResult.NotOriented(List.of(AnswerDefect.AMBIGUOUS_REASON), candidates);
            }
            reason = candidates.getFirst();
        } else {
            return refused(AnswerDefect.MISSING_REASON);
        }
        if (reason.redFlag()) {
            Row row = rows.stream().filter(r -> r.reason().equals(reason.code())).findFirst().orElseThrow();
            return recommended(row, reason);
        }
        List<AnswerDefect> defects = new ArrayList<>();
        Optional<Integer> age = answers.age();
        if (age.isEmpty()) {
            defects.add(AnswerDefect.MISSING_AGE);
        } else if (!AgeRange.ANY.contains(age.get())) {
            defects.add(AnswerDefect.AGE_OUT_OF_RANGE);
        }
        if (answers.chronic().isEmpty()) {
            defects.add(AnswerDefect.MISSING_CHRONIC);
        }
        if (answers.registered().isEmpty()) {
            defects.add(AnswerDefect.MISSING_REGISTRATION);
        }
        boolean pregnant = answers.pregnant().orElse(false);
        if (age.isPresent() && AgeRange.ANY.contains(age.get())) {
            int years = age.get();
            if (CHILDBEARING.contains(years) && answers.pregnant().isEmpty()) {
                defects.add(AnswerDefect.MISSING_PREGNANCY);
            } else if ((pregnant && !CHILDBEARING.contains(years)) || !reason.ages().contains(years)
                    || (reason.requiresPregnancy() && answers.pregnant().isPresent() && !pregnant)) {
                defects.add(AnswerDefect.CONTRADICTORY_ANSWERS);
            }
        }
        if (!defects.isEmpty()) {
            return new OrientationResult.NotOriented(defects, candidates);
        }
        int years = age.orElseThrow();
        boolean chronic = answers.chronic().orElseThrow();
        boolean registered = answers.registered().orElseThrow();
        Row row = rows.stream().filter(r -> r.matches(reason, years, pregnant, chronic, registered)).findFirst()
                .orElseThrow(() -> new IllegalStateException("decision table " + version + " has no row for reason " + reason.code()
                        + " at age " + years + " (pregnant " + pregnant + ", chronic " + chronic + ", registered " + registered + ")"));
        return recommended(row, reason);
    }

    /**
     * The reasons free text names (French or English, accents and case ignored): the first red flag named, if any
     * (safety first); else every reason named, less those only named inside another reason's longer phrase
     * ("infection" inside "infection urinaire"). Several when the text names several.
     */
    public List<Reason> match(String text) {
        String words = " " + normalize(text) + " ";
        Map<Reason, List<String>> named = new LinkedHashMap<>();
        for (Reason reason : reasons()) {
            List<String> found = reason.keywords().values().stream().flatMap(List::stream)
                    .filter(phrase -> words.contains(" " + phrase + " ")).distinct().toList();
            if (!found.isEmpty()) {
                if (reason.redFlag()) {
                    return List.of(reason);
                }
                named.put(reason, found);
            }
        }
        return named.keySet().stream().filter(reason -> !onlyInsideOthers(reason, named)).toList();
    }

    private static boolean onlyInsideOthers(Reason reason, Map<Reason, List<String>> named) {
        return named.get(reason).stream().allMatch(phrase -> named.entrySet().stream()
                .anyMatch(other -> other.getKey() != reason && other.getValue().stream()
                        .anyMatch(longer -> longer.length() > phrase.length() && (" " + longer + " ").contains(" " + phrase + " "))));
    }

    private Recommendation recommendation(Row row, Reason reason) {
        return new Recommendation(version, row.id(), reason, row.outcome(), row.why());
    }

    private OrientationResult recommended(Row row, Reason reason) {
        return new OrientationResult.Recommended(recommendation(row, reason));
    }

    private static OrientationResult refused(AnswerDefect defect) {
        return new OrientationResult.NotOriented(List.of(defect), List.of());
    }

    /** Lower case, no accents, words separated by single spaces ("Douleur à la poitrine!" → "douleur a la poitrine"). */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static List<String> phrases(String cell) {
        return Arrays.stream(cell.split("\\|")).map(DecisionTable::normalize).filter(p -> !p.isEmpty()).toList();
    }

    private static Optional<Boolean> flag(String cell, String yes, String no) {
        String value = cell.strip();
        if (value.equals("*")) {
            return Optional.empty();
        }
        if (value.equals(yes)) {
            return Optional.of(true);
        }
        if (value.equals(no)) {
            return Optional.of(false);
        }
        throw new IllegalArgumentException("expected *, " + yes + " or " + no + ", not " + value);
    }

    private static Outcome outcome(String kind, String service, String professions, String delay, ServiceTypes services) {
        return switch (kind) {
            case "911" -> new Outcome.CallEmergency();
            case "811-sante" -> new Outcome.CallInfoLine(Outcome.CallInfoLine.Line.INFO_SANTE);
            case "811-social" -> new Outcome.CallInfoLine(Outcome.CallInfoLine.Line.INFO_SOCIAL);
            case "book" -> {
                ServiceTypeCode code = services.find(service).orElseThrow(() -> new IllegalArgumentException("unknown service " + service)).code();
                List<Profession> list = Arrays.stream(professions.split(",")).map(String::strip).map(Profession::valueOf).toList();
                yield new Outcome.Book(code, list, Duration.parse(delay));
            }
            default -> throw new IllegalArgumentException("outcome is book, 911, 811-sante or 811-social, not " + kind);
        };
    }

    private static String version(String comment) {
        Matcher matcher = VERSION.matcher(comment);
        return matcher.find() ? matcher.group(1) : null;
    }

    private record Line(int number, String text) {

        boolean comment() {
            return text.isBlank() || text.startsWith("#");
        }

        String[] cells(int count, String file) {
            String[] cells = text.split("\t", -1);
            if (cells.length != count) {
                throw defect(file, "expected " + count + " tab-separated cells, found " + cells.length);
            }
            return cells;
        }

        IllegalArgumentException defect(String file, String message) {
            return new IllegalArgumentException(file + ", line " + number + ": " + message);
        }
    }

    private static List<Line> lines(Reader reader) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String text;
            int number = 0;
            while ((text = in.readLine()) != null) {
                lines.add(new Line(++number, text));
            }
        }
        return lines;
    }
}
