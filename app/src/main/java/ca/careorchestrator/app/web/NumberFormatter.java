package ca.careorchestrator.app.web;

import java.text.NumberFormat;
import java.util.Locale;

/** Formats counts for the page's language ("8 539 073" in French, "8,539,073" in English). */
public final class NumberFormatter {

    private final NumberFormat format;

    NumberFormatter(Locale locale) {
        this.format = NumberFormat.getIntegerInstance(locale);
    }

    public String format(long value) {
        return format.format(value);
    }
}
