package ca.careorchestrator.app.web.observatory;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What colours the regions' tiles: a rate or a delay cut into four classes at fixed bounds, so that a class means the
 * same whatever the filter (class 4 = most of it). The class is also written as marks (■■□□) and the value as text:
 * colour is never the only cue.
 */
enum Indicator {
    FILL(KeyFigures::fillRate, 0.50, 0.70, 0.85),
    UNUSED_SHARE(KeyFigures::unusedShare, 0.05, 0.15, 0.30),
    UNMET_SHARE(KeyFigures::unmetShare, 0.05, 0.15, 0.30),
    THIRD_NEXT(KeyFigures::thirdNextDays, 2, 7, 14);

    private final Function<KeyFigures, OptionalDouble> value;
    private final double[] bounds;

    Indicator(Function<KeyFigures, OptionalDouble> value, double... bounds) {
        this.value = value;
        this.bounds = bounds;
    }

    String param() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Indicator of(String param) {
        for (Indicator indicator : values()) {
            if (indicator.param().equals(param)) {
                return indicator;
            }
        }
        return FILL;
    }

    OptionalDouble value(KeyFigures figures) {
        return value.apply(figures);
    }

    /** 1 to 4, or 0 when the area has no value for it. */
    int level(KeyFigures figures) {
        OptionalDouble v = value(figures);
        if (v.isEmpty()) {
            return 0;
        }
        int level = 1;
        for (double bound : bounds) {
            if (v.getAsDouble() >= bound) {
                level++;
            }
        }
        return level;
    }

    String shown(OptionalDouble v, Numbers numbers) {
        return this == THIRD_NEXT ? numbers.days(v) : numbers.percent(v);
    }

    /** The legend's four ranges, as text: "< 50,0 %", "50,0 % à 70,0 %", …, "≥ 85,0 %". */
    List<String> ranges(Numbers numbers, String to) {
        String a = shown(OptionalDouble.of(bounds[0]), numbers);
        String b = shown(OptionalDouble.of(bounds[1]), numbers);
        String c = shown(OptionalDouble.of(bounds[2]), numbers);
        return List.of("< " + a, a + " " + to + " " + b, b + " " + to + " " + c, "≥ " + c);
    }

    static String marks(int level) {
        return level == 0 ? "" : "■".repeat(level) + "□".repeat(4 - level);
    }
}
