package ca.careorchestrator.app.observatory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Medians over clinics, computed here rather than in SQL: PostgreSQL's {@code percentile_cont} has no H2 equivalent, and
 * an area has at most a few hundred clinics. With an even count, the mean of the two middle values.
 */
public final class Median {

    private Median() {
    }

    /**
     * The median third next available appointment, in minutes. A clinic without one (fewer than three free slots ahead)
     * is counted as later than every other rather than left out, which would flatter the area: when the median falls on
     * such clinics there is no median.
     */
    public static OptionalInt ofMinutes(List<OptionalInt> values) {
        if (values.isEmpty()) {
            return OptionalInt.empty();
        }
        List<OptionalInt> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing((OptionalInt v) -> v.isEmpty()).thenComparingInt(v -> v.orElse(0)));
        int n = sorted.size();
        OptionalInt upper = sorted.get(n / 2);
        OptionalInt lower = n % 2 == 1 ? upper : sorted.get(n / 2 - 1);
        if (upper.isEmpty() || lower.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.round((lower.getAsInt() + (long) upper.getAsInt()) / 2.0));
    }

    /** The median count (rounded half up); 0 for no values. */
    public static long of(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    }

    /** The median rate over the clinics that have one (a clinic that offered nothing has no fill rate). */
    public static OptionalDouble ofRates(List<OptionalDouble> rates) {
        double[] sorted = rates.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }
}
