package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.observatory.Figures;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.SmallCells;
import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The figures an area's row, tile and cards show: counts summed over the days asked and the rates derived from them,
 * as the observatory publishes them ({@link SmallCells}: an empty count is suppressed, shown "x"). A rate with nothing
 * to divide by, or with a suppressed part, is empty too. The third next available appointment counts no one: never
 * suppressed.
 */
record KeyFigures(OptionalLong offered, OptionalLong used, OptionalDouble fillRate, OptionalLong unused, OptionalDouble unusedShare,
        OptionalLong booked, OptionalLong cancelled, OptionalLong noShows, OptionalDouble noShowRate, OptionalLong searches,
        OptionalLong unmet, OptionalDouble unmetShare, OptionalDouble meanWaitDays, OptionalDouble thirdNextDays, OptionalDouble orphanShare) {

    static KeyFigures of(SmallCells.Shown s, OptionalInt thirdNextMinutes) {
        return new KeyFigures(s.get(Measure.OFFERED), s.get(Measure.USED), s.fillRate(), s.get(Measure.UNUSED),
                ratio(s.get(Measure.UNUSED), s.get(Measure.OFFERED)), s.get(Measure.BOOKED), s.get(Measure.CANCELLED), s.get(Measure.NO_SHOWS),
                ratio(s.get(Measure.NO_SHOWS), s.get(Measure.USED_HERE)), s.get(Measure.SEARCHES), s.get(Measure.SEARCHES_UNMET), s.unmetShare(),
                s.meanWaitDays(), days(thirdNextMinutes), s.orphanShare());
    }

    /** Figures on their own (no breakdown to protect them against). */
    static KeyFigures of(Figures figures, OptionalInt thirdNextMinutes) {
        return of(SmallCells.protect(figures), thirdNextMinutes);
    }

    static OptionalDouble days(OptionalInt minutes) {
        return minutes.isPresent() ? OptionalDouble.of(minutes.getAsInt() / 1440.0) : OptionalDouble.empty();
    }

    /** Whether the area had any supply or demand in the days asked (a suppressed count is some). */
    boolean hasData() {
        return some(offered) || some(booked) || some(searches) || some(cancelled) || thirdNextDays.isPresent();
    }

    private static boolean some(OptionalLong count) {
        return count.isEmpty() || count.getAsLong() > 0;
    }

    static OptionalDouble ratio(OptionalLong part, OptionalLong whole) {
        return part.isEmpty() || whole.isEmpty() ? OptionalDouble.empty() : ratio(part.getAsLong(), whole.getAsLong());
    }

    static OptionalDouble ratio(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }

    private static OptionalDouble real(OptionalLong count) {
        return count.isPresent() ? OptionalDouble.of(count.getAsLong()) : OptionalDouble.empty();
    }

    /** The cell of a table of areas in {@code column} (a {@link SortKey} parameter but the name's), as written on the page. */
    public String cell(String column, Numbers numbers) {
        return switch (SortKey.of(column)) {
            case OFFERED -> numbers.count(offered);
            case FILL -> numbers.percent(fillRate);
            case UNUSED -> numbers.count(unused);
            case BOOKED -> numbers.count(booked);
            case NO_SHOWS -> numbers.count(noShows);
            case UNMET -> numbers.count(unmet);
            case UNMET_SHARE -> numbers.percent(unmetShare);
            case WAIT -> numbers.days(meanWaitDays);
            case THIRD_NEXT -> numbers.days(thirdNextDays);
            case NAME -> throw new IllegalArgumentException("no figure in the name column: " + column);
        };
    }

    /** The columns a table of areas sorts by (the {@code sort} parameter), each with how to read it from the figures. */
    enum SortKey {
        NAME(null),
        OFFERED(k -> real(k.offered())),
        FILL(KeyFigures::fillRate),
        UNUSED(k -> real(k.unused())),
        BOOKED(k -> real(k.booked())),
        NO_SHOWS(k -> real(k.noShows())),
        UNMET(k -> real(k.unmet())),
        UNMET_SHARE(KeyFigures::unmetShare),
        WAIT(KeyFigures::meanWaitDays),
        THIRD_NEXT(KeyFigures::thirdNextDays);

        private final Function<KeyFigures, OptionalDouble> value;

        SortKey(Function<KeyFigures, OptionalDouble> value) {
            this.value = value;
        }

        String param() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static SortKey of(String param) {
            for (SortKey key : values()) {
                if (key.param().equals(param)) {
                    return key;
                }
            }
            return NAME;
        }

        /** Figures in this column's order, an empty (suppressed or undefined) value last whichever the direction. */
        Comparator<KeyFigures> order(boolean descending) {
            return (a, b) -> {
                OptionalDouble x = value.apply(a);
                OptionalDouble y = value.apply(b);
                if (x.isEmpty() || y.isEmpty()) {
                    return Boolean.compare(x.isEmpty(), y.isEmpty());
                }
                int c = Double.compare(x.getAsDouble(), y.getAsDouble());
                return descending ? -c : c;
            };
        }
    }
}
