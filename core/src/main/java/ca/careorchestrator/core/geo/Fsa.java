package ca.careorchestrator.core.geo;

import java.util.regex.Pattern;

/**
 * A forward sortation area: the first three characters of a Canadian postal code (letter, digit, letter).
 * Quebec's start with G, H or J.
 */
public record Fsa(String value) implements Comparable<Fsa> {

    static final String FIRST_LETTERS = "ABCEGHJKLMNPRSTVXY";
    static final String OTHER_LETTERS = "ABCEGHJKLMNPRSTVWXYZ";
    private static final Pattern FORMAT =
            Pattern.compile("[" + FIRST_LETTERS + "][0-9][" + OTHER_LETTERS + "]");

    public Fsa {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a forward sortation area is letter, digit, letter (e.g. H2X)");
        }
    }

    public static boolean isValid(String raw) {
        return raw != null && FORMAT.matcher(raw).matches();
    }

    /** True for the FSAs of Quebec (G, H, J). */
    public boolean inQuebec() {
        char first = value.charAt(0);
        return first == 'G' || first == 'H' || first == 'J';
    }

    @Override
    public int compareTo(Fsa other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
