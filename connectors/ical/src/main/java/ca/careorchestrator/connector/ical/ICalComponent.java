package ca.careorchestrator.connector.ical;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;

/**
 * A component as content lines (RFC 5545 section 3.1), read with ical4j's parser but not its object
 * model: ical4j's {@code CalendarBuilder} registers a new {@code java.time.zone.ZoneRulesProvider} with the
 * JVM on every build (never removed, and a builder cannot be reused), which a connector parsing thousands of
 * parts per pull, every few minutes, cannot afford. Values stay as text; the reader turns the ones it uses
 * into java.time values itself.
 */
record ICalComponent(String name, List<Line> lines, List<ICalComponent> children) {

    /** One content line: name and parameter names upper-cased, parameter values unquoted, value as written. */
    record Line(String name, Map<String, String> parameters, String value) {

        String parameter(String parameter) {
            return parameters.get(parameter);
        }

        /** The value as TEXT (RFC 5545 3.3.11): escapes undone. */
        String text() {
            return unescape(value);
        }
    }

    /** The first component of a calendar text, with its sub-components. */
    static ICalComponent parse(String part) throws ParserException {
        Builder handler = new Builder();
        String calendar = "BEGIN:VCALENDAR\r\n" + part + (part.endsWith("\n") ? "" : "\r\n") + "END:VCALENDAR\r\n";
        try {
            new CalendarParserImpl().parse(new UnfoldingReader(new StringReader(calendar)), handler);
        } catch (IOException e) {
            throw new ParserException(e.getMessage(), 0, e);
        }
        if (handler.top.children.isEmpty()) {
            throw new ParserException("no component", 0);
        }
        return handler.top.children.getFirst().build();
    }

    Optional<Line> first(String property) {
        for (Line line : lines) {
            if (line.name().equals(property)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    List<Line> all(String property) {
        return lines.stream().filter(l -> l.name().equals(property)).toList();
    }

    Optional<ICalComponent> child(String component) {
        return children.stream().filter(c -> c.name().equals(component)).findFirst();
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The items of a TEXT list value (CATEGORIES): split on commas that are not escaped. */
    static List<String> textList(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                item.append(c).append(value.charAt(++i));
            } else if (c == ',') {
                items.add(unescape(item.toString()).trim());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(unescape(item.toString()).trim());
        items.removeIf(String::isEmpty);
        return items;
    }

    private static final class Mutable {
        final String name;
        final List<Line> lines = new ArrayList<>();
        final List<Mutable> children = new ArrayList<>();

        Mutable(String name) {
            this.name = name;
        }

        ICalComponent build() {
            return new ICalComponent(name, List.copyOf(lines), children.stream().map(Mutable::build).toList());
        }
    }

    /** Collects ical4j parser events into a tree. */
    private static final class Builder implements ContentHandler {
        final Mutable top = new Mutable("VCALENDAR");
        final Deque<Mutable> open = new ArrayDeque<>();
        String property;
        Map<String, String> parameters;
        String value;

        Builder() {
            open.push(top);
        }

        @Override
        public void startCalendar() {
        }

        @Override
        public void endCalendar() {
        }

        @Override
        public void startComponent(String component) {
            Mutable child = new Mutable(component.toUpperCase(Locale.ROOT));
            open.peek().children.add(child);
            open.push(child);
        }

        @Override
        public void endComponent(String component) {
            open.pop();
        }

        @Override
        public void startProperty(String name) {
            property = name.toUpperCase(Locale.ROOT);
            parameters = new LinkedHashMap<>();
            value = "";
        }

        @Override
        public void propertyValue(String propertyValue) {
            value = propertyValue == null ? "" : propertyValue;
        }

        @Override
        public void parameter(String name, String parameterValue) {
            String unquoted = parameterValue == null ? "" : parameterValue;
            if (unquoted.length() >= 2 && unquoted.startsWith("\"") && unquoted.endsWith("\"")) {
                unquoted = unquoted.substring(1, unquoted.length() - 1);
            }
            parameters.put(name.toUpperCase(Locale.ROOT), unquoted);
        }

        @Override
        public void endProperty(String name) {
            open.peek().lines.add(new Line(property, Map.copyOf(parameters), value));
        }
    }
}
