package ca.careorchestrator.app.web.observatory;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Figures as the page's language writes them: counts ("8 539" in French, "8,539" in English), shares ("72,5 %" /
 * "72.5%") and days ("3,4 j" / "3.4 d"); a value that cannot be computed (or is suppressed) is "—", a suppressed count "x".
 */
public final class Numbers {

    static final String NONE = "—";
    /** A count the observatory does not publish (SmallCells): 1 to 4, or what would give one back by subtraction. */
    static final String SUPPRESSED = "x";

    private final NumberFormat counts;
    private final NumberFormat percents;
    private final NumberFormat days;
    private final boolean english;
    private final java.time.format.DateTimeFormatter date;

    Numbers(Locale locale) {
        this.english = "en".equals(locale.getLanguage());
        Locale shown = english ? Locale.CANADA : Locale.CANADA_FRENCH;
        this.counts = NumberFormat.getIntegerInstance(shown);
        this.percents = NumberFormat.getNumberInstance(shown);
        percents.setMinimumFractionDigits(1);
        percents.setMaximumFractionDigits(1);
        this.days = NumberFormat.getNumberInstance(shown);
        days.setMinimumFractionDigits(1);
        days.setMaximumFractionDigits(1);
        this.date = java.time.format.DateTimeFormatter.ofPattern(english ? "MMMM d, yyyy" : "d MMMM yyyy", shown);
    }

    /** "3 mars 2026", "March 3, 2026". */
    public String date(java.time.LocalDate day) {
        return date.format(day);
    }

    public String count(long value) {
        return counts.format(value);
    }

    public String count(java.util.OptionalLong value) {
        return value.isEmpty() ? SUPPRESSED : counts.format(value.getAsLong());
    }

    public String percent(OptionalDouble share) {
        return share.isEmpty() ? NONE : percents.format(share.getAsDouble() * 100) + (english ? "%" : "\u00a0%");
    }

    public String days(OptionalDouble value) {
        return value.isEmpty() ? NONE : days.format(value.getAsDouble()) + (english ? " d" : "\u00a0j");
    }

    /** A value for a chart's data (machine-readable: the same in every language). */
    static String raw(OptionalDouble value, int scale) {
        return value.isEmpty() ? "" : java.math.BigDecimal.valueOf(value.getAsDouble()).setScale(scale, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
