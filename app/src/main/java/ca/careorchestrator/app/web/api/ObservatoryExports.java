package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Dictionary;
import ca.careorchestrator.app.observatory.Figures;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import ca.careorchestrator.app.observatory.ObservatoryQueries;
import ca.careorchestrator.app.observatory.SmallCells;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open-data exports: the rows of a dataset as the dictionary's columns, small cells suppressed, written as they are
 * read (CSV per RFC 4180, or a JSON array of objects) so that two years of the province never sit in memory.
 */
final class ObservatoryExports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObservatoryQueries queries;

    ObservatoryExports(ObservatoryQueries queries) {
        this.queries = queries;
    }

    /** The column names, then each row's values in that order (null: suppressed, or no value). */
    void rows(Dataset dataset, ObservatoryFilter filter, Area.Level level, Consumer<List<Object>> rows) {
        switch (dataset) {
            case SUPPLY -> queries.supplyRows(filter, level, r -> {
                List<Object> row = new ArrayList<>(List.of(r.day().toString(), r.area().level().name(), r.area().code(), r.area().name(),
                        r.regionCode(), r.service(), r.profession()));
                row.addAll(measures(r.figures(), Dataset.SUPPLY));
                rows.accept(row);
            });
            case DEMAND -> queries.demandRows(filter, r -> {
                List<Object> row = new ArrayList<>(List.of(r.day().toString(), r.regionCode(), r.localNetworkCode(), r.areaName(), r.service()));
                row.addAll(measures(r.figures(), Dataset.DEMAND));
                rows.accept(row);
            });
            case ACCESS -> queries.accessRows(filter, r -> {
                List<Object> row = new ArrayList<>(List.of(r.day().toString(), r.clinic().code(), r.clinic().name(), r.regionCode(),
                        r.localNetworkCode()));
                row.add(r.thirdNextMinutes().isPresent() ? (Object) (long) r.thirdNextMinutes().getAsInt() : null);
                row.add((long) r.freeAhead());
                row.add(r.measuredAt().toString());
                rows.accept(row);
            });
            case QUALITY -> queries.qualityRows(filter.from(), filter.to(), r -> {
                List<Object> row = new ArrayList<>(List.of(r.day().toString(), r.source(), r.lagSamples()));
                row.add(r.lagSamples() == 0 ? null : Math.round((double) r.lagSecondsTotal() / r.lagSamples()));
                row.add(r.lagSecondsMax());
                row.add(r.quarantined());
                rows.accept(row);
            });
            case FAIRNESS -> queries.fairnessRows(filter.from(), filter.to(), r -> {
                List<Object> row = new ArrayList<>(List.of(r.day().toString(), r.signal(), r.actorKind()));
                row.add(nullable(SmallCells.count(r.flags())));
                rows.accept(row);
            });
        }
    }

    private static List<Object> measures(Figures figures, Dataset dataset) {
        SmallCells.Shown shown = SmallCells.protect(figures);
        List<Object> values = new ArrayList<>();
        for (Measure measure : Measure.of(dataset)) {
            values.add(nullable(shown.get(measure)));
        }
        return values;
    }

    static Long nullable(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    void csv(Dataset dataset, ObservatoryFilter filter, Area.Level level, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        line(writer, Dictionary.columns(dataset).stream().map(c -> (Object) c.name()).toList());
        try {
            rows(dataset, filter, level, row -> {
                try {
                    line(writer, row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private static void line(Writer writer, List<Object> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(values.get(i)));
        }
        writer.write("\r\n");
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; null is empty. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    void json(Dataset dataset, ObservatoryFilter filter, Area.Level level, OutputStream out) {
        List<String> names = Dictionary.columns(dataset).stream().map(Dictionary.Column::name).toList();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            rows(dataset, filter, level, row -> {
                json.writeStartObject();
                for (int i = 0; i < names.size(); i++) {
                    json.writeName(names.get(i));
                    switch (row.get(i)) {
                        case null -> json.writeNull();
                        case Long number -> json.writeNumber(number);
                        case Object other -> json.writeString(other.toString());
                    }
                }
                json.writeEndObject();
            });
            json.writeEndArray();
        }
    }
}
