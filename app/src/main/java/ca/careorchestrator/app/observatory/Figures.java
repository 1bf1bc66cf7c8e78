package ca.careorchestrator.app.observatory;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Measures summed over some days and areas, with the rates derived from them. */
public record Figures(Map<Measure, Long> values) {

    public Figures {
        EnumMap<Measure, Long> copy = new EnumMap<>(Measure.class);
        copy.putAll(values);
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public long get(Measure measure) {
        return values.getOrDefault(measure, 0L);
    }

    /** used / offered: the share of the slots offered that were used. */
    public OptionalDouble fillRate() {
        return ratio(get(Measure.USED), get(Measure.OFFERED));
    }

    /** booked_orphan / booked: the share of the orchestrator's bookings made for orphan patients. */
    public OptionalDouble orphanShare() {
        return ratio(get(Measure.BOOKED_ORPHAN), get(Measure.BOOKED));
    }

    /** searches_unmet / searches. */
    public OptionalDouble unmetShare() {
        return ratio(get(Measure.SEARCHES_UNMET), get(Measure.SEARCHES));
    }

    /** Mean days from request to appointment, over the bookings. */
    public OptionalDouble meanWaitDays() {
        long booked = get(Measure.BOOKED);
        return booked == 0 ? OptionalDouble.empty() : OptionalDouble.of(get(Measure.WAIT_MINUTES_TOTAL) / 1440.0 / booked);
    }

    private static OptionalDouble ratio(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
