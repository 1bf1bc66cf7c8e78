package ca.careorchestrator.app.web.observatory;

import java.util.List;

/**
 * A chart as its data table: the table is the chart's text alternative (WCAG 1.1.1) and what the page's script draws
 * the chart from, so the two cannot disagree. Columns marked as series are drawn; the others (a share) are for reading.
 */
record Chart(String id, Kind kind, String title, String description, String firstColumn, List<Column> columns, List<Row> rows) {

    enum Kind {
        /** One line per series over the days. */
        LINE,
        /** One bar per row (a distribution), horizontal so that long labels fit a phone. */
        BAR;

        public String attribute() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A column of the table; a series is drawn. */
    record Column(String label, boolean series) {
    }

    /** A row: its machine-readable key (a day, a bucket's column), its label and its cells. */
    record Row(String key, String label, List<Cell> cells) {
    }

    /** A cell: the raw number the chart draws and the text the table shows. */
    record Cell(String raw, String shown) {
    }

    /** Whether every drawn value is zero or missing: the page says so instead of an empty chart. */
    public boolean empty() {
        for (Row row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                String raw = row.cells().get(i).raw();
                if (columns.get(i).series() && !raw.isEmpty() && Double.parseDouble(raw) != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
