package ca.careorchestrator.core.orientation;

/** Ages in whole years, both ends included: {@code *}, {@code 0-17}, {@code 18-} in the data files. */
public record AgeRange(int from, int to) {

    public static final int OLDEST = 120;
    public static final AgeRange ANY = new AgeRange(0, OLDEST);

    public AgeRange {
        if (from < 0 || to > OLDEST || to < from) {
            throw new IllegalArgumentException("an age range is within 0 to " + OLDEST + " and not empty");
        }
    }

    static AgeRange parse(String text) {
        String cell = text.strip();
        if (cell.equals("*")) {
            return ANY;
        }
        int dash = cell.indexOf('-');
        if (dash < 0) {
            int age = Integer.parseInt(cell);
            return new AgeRange(age, age);
        }
        int from = Integer.parseInt(cell.substring(0, dash));
        String rest = cell.substring(dash + 1);
        return new AgeRange(from, rest.isEmpty() ? OLDEST : Integer.parseInt(rest));
    }

    public boolean contains(int age) {
        return age >= from && age <= to;
    }
}
