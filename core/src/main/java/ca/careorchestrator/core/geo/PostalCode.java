package ca.careorchestrator.core.geo;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A Canadian postal code, normalised to "A1A 1A1". */
public record PostalCode(String value) {

    private static final Pattern FORMAT = Pattern.compile(
            "[" + Fsa.FIRST_LETTERS + "][0-9][" + Fsa.OTHER_LETTERS + "] [0-9]["
                    + Fsa.OTHER_LETTERS + "][0-9]");

    public PostalCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a postal code reads A1A 1A1");
        }
    }

    /** Accepts "h2x1y4", "H2X 1Y4", "H2X-1Y4"; empty when the result is not a postal code. */
    public static Optional<PostalCode> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (compact.length() != 6) {
            return Optional.empty();
        }
        String spaced = compact.substring(0, 3) + " " + compact.substring(3);
        return FORMAT.matcher(spaced).matches() ? Optional.of(new PostalCode(spaced)) : Optional.empty();
    }

    public Fsa fsa() {
        return new Fsa(value.substring(0, 3));
    }
}
