package ca.careorchestrator.connector.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HAPI parser for every version we meet (2.3 to 2.5.1): messages are read into the 2.5.1 structures
 * (a superset for the segments we use) and validation is off, because HAPI's default rules reject real
 * vendor messages (US phone format, trailing spaces) that carry a perfectly usable schedule.
 */
final class Hl7Codec implements AutoCloseable {

    private final HapiContext context = new DefaultHapiContext();
    private final PipeParser parser;

    Hl7Codec() {
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        parser = context.getPipeParser();
    }

    Message parse(String text) throws HL7Exception {
        return parser.parse(text);
    }

    String encode(Message message) {
        try {
            return parser.encode(message);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot encode what we built: " + e.getMessage(), e);
        }
    }

    /** A new message of a 2.5.1 structure, bound to this parser. */
    <M extends Message> M create(M empty) {
        empty.setParser(parser);
        return empty;
    }

    /** The first segment of each name in {@code group}, depth first (tolerates segments HAPI placed in an odd group). */
    static Map<String, Segment> firstSegments(Structure group) throws HL7Exception {
        Map<String, Segment> first = new LinkedHashMap<>();
        for (Segment segment : segments(group)) {
            first.putIfAbsent(segment.getName(), segment);
        }
        return first;
    }

    /** Every non-empty segment of {@code structure}, in order. */
    static List<Segment> segments(Structure structure) throws HL7Exception {
        List<Segment> all = new ArrayList<>();
        collect(structure, all);
        return all;
    }

    private static void collect(Structure structure, List<Segment> all) throws HL7Exception {
        if (structure instanceof Segment segment) {
            if (!segment.isEmpty()) {
                all.add(segment);
            }
        } else if (structure instanceof Group group) {
            for (String name : group.getNames()) {
                for (Structure child : group.getAll(name)) {
                    collect(child, all);
                }
            }
        }
    }

    /** The segments of {@code group} as pipe text, CR-separated (the raw payload of one schedule of an SQR). */
    static String text(Structure group, Message message) throws HL7Exception {
        EncodingCharacters encoding = EncodingCharacters.getInstance(message);
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments(group)) {
            text.append(PipeParser.encode(segment, encoding)).append('\r');
        }
        return text.toString();
    }

    /** Field {@code field}, repetition 0, component {@code component}, subcomponent 1; blank is null; trimmed. */
    static String value(Segment segment, int field, int component) throws HL7Exception {
        return value(segment, field, component, 1);
    }

    static String value(Segment segment, int field, int component, int subcomponent) throws HL7Exception {
        if (segment == null || field > segment.numFields() || segment.getField(field).length == 0) {
            return null;
        }
        String value = Terser.get(segment, field, 0, component, subcomponent);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Components 1..n of a field joined with '^', trailing empty ones dropped (an EI such as {@code 49849903800^Clicrdv}). */
    static String joined(Segment segment, int field, int components) throws HL7Exception {
        List<String> parts = new ArrayList<>();
        for (int c = 1; c <= components; c++) {
            String part = value(segment, field, c);
            parts.add(part == null ? "" : part);
        }
        while (!parts.isEmpty() && parts.getLast().isEmpty()) {
            parts.removeLast();
        }
        return parts.isEmpty() ? null : String.join("^", parts);
    }

    static Terser terser(Message message) {
        return new Terser(message);
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (IOException e) {
            // Nothing to release that matters: the context holds no sockets of ours.
        }
    }
}
