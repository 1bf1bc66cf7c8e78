package ca.careorchestrator.connector.ical;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a feed into self-contained parts on its BEGIN/END lines, before any parsing, so that one broken
 * component costs only itself: ical4j's parser stops at the first error and would lose the whole feed.
 * An AVAILABLE is cut out together with the properties of its VAVAILABILITY (site, professional, UID),
 * since it means nothing without them; a VEVENT stands alone. VTIMEZONE, VFREEBUSY and anything else are
 * not parts: TZIDs are IANA ids resolved by java.time (see README).
 */
final class FeedParts {

    private static final String CRLF = "\r\n";
    private static final Set<String> TOP_LEVEL = Set.of("VEVENT", "VAVAILABILITY", "VFREEBUSY", "VTODO", "VJOURNAL", "VTIMEZONE");

    /** What a part holds. */
    enum Kind {
        /** {@code BEGIN:VAVAILABILITY} (its own properties), one {@code AVAILABLE}, {@code END:VAVAILABILITY}. */
        AVAILABLE,
        /** One {@code VEVENT} (a booked slot). */
        EVENT,
        /** A component whose BEGIN/END lines do not balance; {@code problem} says how. */
        BROKEN
    }

    record Part(Kind kind, String text, String problem) {
    }

    private FeedParts() {
    }

    static List<Part> split(String feed) {
        List<Part> parts = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        Component current = null;
        StringBuilder child = null;
        for (String line : (Iterable<String>) feed.lines()::iterator) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.regionMatches(true, 0, "BEGIN:", 0, 6)) {
                String name = line.substring(6).trim().toUpperCase(Locale.ROOT);
                if (open.isEmpty()) {
                    // A feed may lack its BEGIN:VCALENDAR line: its components are read all the same.
                    open.push("VCALENDAR");
                    if (name.equals("VCALENDAR")) {
                        continue;
                    }
                }
                if (open.size() > 1 && TOP_LEVEL.contains(name)) {
                    // The component before this one never ended: it is broken, this one starts afresh.
                    if (current != null) {
                        if (child != null) {
                            current.text.append(child);
                            child = null;
                        }
                        current.problem = "BEGIN:" + open.peek() + " never ended";
                        current.into(parts);
                        current = null;
                    }
                    while (open.size() > 1) {
                        open.pop();
                    }
                }
                if (open.size() == 1) {
                    current = new Component(name);
                    current.text.append(line).append(CRLF);
                } else if (open.size() == 2 && current != null && current.name.equals("VAVAILABILITY") && name.equals("AVAILABLE")) {
                    child = new StringBuilder(line).append(CRLF);
                } else {
                    append(current, child, line);
                }
                open.push(name);
                continue;
            }
            if (line.regionMatches(true, 0, "END:", 0, 4)) {
                String name = line.substring(4).trim().toUpperCase(Locale.ROOT);
                if (!open.contains(name)) {
                    if (current != null) {
                        current.problem = "END:" + name + " without its BEGIN";
                    }
                    append(current, child, line);
                    continue;
                }
                while (!open.peek().equals(name)) {
                    String unclosed = open.pop();
                    if (current != null) {
                        current.problem = "BEGIN:" + unclosed + " never ended";
                        if (open.size() == 2 && child != null) {
                            current.text.append(child);
                            child = null;
                        }
                    }
                }
                append(current, child, line);
                open.pop();
                if (child != null && open.size() == 2) {
                    current.children.add(child.toString());
                    child = null;
                }
                if (open.size() == 1 && current != null) {
                    current.into(parts);
                    current = null;
                }
                continue;
            }
            append(current, child, line);
        }
        if (current != null) {
            if (child != null) {
                current.text.append(child);
            }
            current.problem = "BEGIN:" + current.name + " never ended";
            current.into(parts);
        }
        return parts;
    }

    private static void append(Component current, StringBuilder child, String line) {
        if (child != null) {
            child.append(line).append(CRLF);
        } else if (current != null) {
            current.text.append(line).append(CRLF);
        }
    }

    /** A top-level component being cut out. */
    private static final class Component {
        final String name;
        final StringBuilder text = new StringBuilder();
        final List<String> children = new ArrayList<>();
        String problem;

        Component(String name) {
            this.name = name;
        }

        void into(List<Part> parts) {
            if (problem != null) {
                StringBuilder all = new StringBuilder(text);
                children.forEach(all::append);
                parts.add(new Part(Kind.BROKEN, all.toString(), problem));
                return;
            }
            switch (name) {
                case "VEVENT" -> parts.add(new Part(Kind.EVENT, text.toString(), null));
                case "VAVAILABILITY" -> {
                    // text holds BEGIN:VAVAILABILITY, its properties and END:VAVAILABILITY (the AVAILABLEs were cut out).
                    String header = text.substring(0, text.lastIndexOf("END:"));
                    String end = text.substring(text.lastIndexOf("END:"));
                    for (String available : children) {
                        parts.add(new Part(Kind.AVAILABLE, header + available + end, null));
                    }
                }
                default -> {
                    // VTIMEZONE, VFREEBUSY, VTODO...: not read (README).
                }
            }
        }
    }
}
