package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.ObservatoryQueries;
import ca.careorchestrator.app.observatory.ObservatoryQueries.DayFigures;
import ca.careorchestrator.app.observatory.SmallCells;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.springframework.context.MessageSource;

/** The charts of an area's page, each with its data table, in the page's language. */
final class Charts {

    private final MessageSource messages;
    private final Locale locale;
    private final Numbers numbers;
    private final DateTimeFormatter day;

    Charts(MessageSource messages, Locale locale, Numbers numbers) {
        this.messages = messages;
        this.locale = locale;
        this.numbers = numbers;
        boolean english = "en".equals(locale.getLanguage());
        this.day = DateTimeFormatter.ofPattern(english ? "EEE MMM d, yyyy" : "EEE d MMM yyyy", english ? Locale.CANADA : Locale.CANADA_FRENCH);
    }

    // ---- over the days

    Chart supply(List<DayFigures> days) {
        return daily("chart-supply", "supply", days, Measure.PUBLISHED, Measure.OFFERED, Measure.USED, Measure.UNUSED);
    }

    Chart bookings(List<DayFigures> days) {
        return daily("chart-bookings", "bookings", days, Measure.BOOKED, Measure.CANCELLED, Measure.NO_SHOWS);
    }

    Chart searches(List<DayFigures> days) {
        return daily("chart-searches", "searches", days, Measure.SEARCHES, Measure.SEARCHES_UNMET);
    }

    Chart waitlist(List<DayFigures> days) {
        return daily("chart-waitlist", "waitlist", days, Measure.WAITLIST_ENTRIES, Measure.EXITS_BOOKED, Measure.EXITS_EXPIRED,
                Measure.EXITS_WITHDRAWN);
    }

    private Chart daily(String id, String key, List<DayFigures> days, Measure... measures) {
        List<Chart.Column> columns = new ArrayList<>();
        for (Measure measure : measures) {
            columns.add(new Chart.Column(measure.label(locale), true));
        }
        List<Chart.Row> rows = new ArrayList<>();
        for (DayFigures d : days) {
            SmallCells.Shown shown = SmallCells.protect(d.figures());
            List<Chart.Cell> cells = new ArrayList<>();
            for (Measure measure : measures) {
                OptionalLong value = shown.get(measure);
                cells.add(new Chart.Cell(value.isPresent() ? Long.toString(value.getAsLong()) : "", numbers.count(value)));
            }
            rows.add(new Chart.Row(d.day().toString(), day.format(d.day()), cells));
        }
        return new Chart(id, Chart.Kind.LINE, text("obs.chart." + key + ".title"), text("obs.chart." + key + ".description"),
                text("obs.chart.day"), columns, rows);
    }

    // ---- distributions over the days asked

    /** Request to appointment, in days. */
    Chart waits(SmallCells.Shown f) {
        return distribution("chart-waits", "waits", f, Measure.WAIT_0_1, Measure.WAIT_2_7, Measure.WAIT_8_14, Measure.WAIT_15_30,
                Measure.WAIT_31_60, Measure.WAIT_61_PLUS);
    }

    /** How long before its start a slot was published. */
    Chart leads(SmallCells.Shown f) {
        return distribution("chart-leads", "leads", f, Measure.PUBLISHED_LEAD_0_1, Measure.PUBLISHED_LEAD_2_7, Measure.PUBLISHED_LEAD_8_30,
                Measure.PUBLISHED_LEAD_31_PLUS);
    }

    Chart modalities(SmallCells.Shown f) {
        return distribution("chart-modalities", "modalities", f, Measure.PUBLISHED_IN_PERSON, Measure.PUBLISHED_PHONE, Measure.PUBLISHED_VIDEO);
    }

    Chart channels(SmallCells.Shown f) {
        return distribution("chart-channels", "channels", f, Measure.BOOKED_PATIENT, Measure.BOOKED_PARTNER, Measure.BOOKED_DESK,
                Measure.BOOKED_STAFF, Measure.BOOKED_WAITLIST, Measure.BOOKED_OTHER);
    }

    Chart stages(SmallCells.Shown f) {
        return distribution("chart-stages", "stages", f, Measure.BOOKED_STAGE_REGISTERED_CLINIC, Measure.BOOKED_STAGE_REGISTERED_PROFESSIONAL,
                Measure.BOOKED_STAGE_REFERRED_ORPHAN, Measure.BOOKED_STAGE_AGE_BAND, Measure.BOOKED_STAGE_RESIDENT_OF,
                Measure.BOOKED_STAGE_ANY_INSURED, Measure.BOOKED_NO_POLICY);
    }

    Chart cancellations(SmallCells.Shown f) {
        return distribution("chart-cancellations", "cancellations", f, Measure.CANCELLED_PATIENT, Measure.CANCELLED_PARTNER,
                Measure.CANCELLED_DESK, Measure.CANCELLED_STAFF, Measure.CANCELLED_SOURCE, Measure.CANCELLED_OTHER);
    }

    /**
     * Counts and their shares of the whole. A suppressed count is "x", and then no share is shown: with the others'
     * shares and a total it would come back.
     */
    private Chart distribution(String id, String key, SmallCells.Shown f, Measure... measures) {
        long total = 0;
        boolean whole = true;
        for (Measure measure : measures) {
            whole &= f.get(measure).isPresent();
            total += f.get(measure).orElse(0);
        }
        List<Chart.Row> rows = new ArrayList<>();
        for (Measure measure : measures) {
            OptionalLong value = f.get(measure);
            OptionalDouble share = whole ? KeyFigures.ratio(value.getAsLong(), total) : OptionalDouble.empty();
            rows.add(new Chart.Row(measure.column(), measure.label(locale), List.of(
                    new Chart.Cell(value.isPresent() ? Long.toString(value.getAsLong()) : "", numbers.count(value)),
                    new Chart.Cell(Numbers.raw(share, 4), whole ? numbers.percent(share) : Numbers.SUPPRESSED))));
        }
        return bars(id, key, rows);
    }

    /** Third next available appointment, in days, of each part of an area (the median over its clinics). */
    Chart access(List<ObservatoryQueries.AreaFigures> parts) {
        List<Chart.Row> rows = new ArrayList<>();
        for (ObservatoryQueries.AreaFigures part : parts) {
            OptionalDouble days = KeyFigures.days(part.thirdNextMedianMinutes());
            rows.add(new Chart.Row(part.area().code(), part.area().name(), List.of(new Chart.Cell(Numbers.raw(days, 1), numbers.days(days)))));
        }
        return new Chart("chart-access", Chart.Kind.BAR, text("obs.chart.access.title"), text("obs.chart.access.description"),
                text("obs.chart.access.rows"), List.of(new Chart.Column(text("obs.chart.access.days"), true)), rows);
    }

    /** A bar chart of rows already counted: a count (drawn) and its share of the whole (read). */
    Chart bars(String id, String key, List<Chart.Row> rows) {
        return new Chart(id, Chart.Kind.BAR, text("obs.chart." + key + ".title"), text("obs.chart." + key + ".description"),
                text("obs.chart." + key + ".rows"), List.of(new Chart.Column(text("obs.chart.count"), true), new Chart.Column(text("obs.chart.share"), false)),
                rows);
    }

    /** Rows of counts with their shares of the sum, for {@link #bars}. */
    List<Chart.Row> counted(List<String> keys, List<String> labels, List<Long> values) {
        long total = values.stream().mapToLong(Long::longValue).sum();
        List<Chart.Row> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            long value = values.get(i);
            OptionalDouble share = KeyFigures.ratio(value, total);
            rows.add(new Chart.Row(keys.get(i), labels.get(i),
                    List.of(new Chart.Cell(Long.toString(value), numbers.count(value)), new Chart.Cell(Numbers.raw(share, 4), numbers.percent(share)))));
        }
        return rows;
    }

    private String text(String key) {
        return messages.getMessage(key, null, locale);
    }
}
