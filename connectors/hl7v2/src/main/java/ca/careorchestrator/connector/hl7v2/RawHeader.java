package ca.careorchestrator.connector.hl7v2;

import java.util.regex.Pattern;

/**
 * The MSH of a message read as text, without HAPI: enough to answer a message that HAPI cannot parse
 * (MSA-2 must name its MSH-10 even when the rest is garbage). Values are component 1, unescaped.
 */
record RawHeader(String sendingApplication, String sendingFacility, String receivingApplication, String receivingFacility,
        String type, String event, String controlId, String processingId, String version) {

    static final RawHeader NONE = new RawHeader("", "", "", "", "", "", "", "P", "");

    static RawHeader of(String message) {
        if (message == null || !message.startsWith("MSH") || message.length() < 8) {
            return NONE;
        }
        int end = message.indexOf('\r');
        String msh = end < 0 ? message : message.substring(0, end);
        char field = msh.charAt(3);
        char component = msh.charAt(4);
        char escape = msh.charAt(6);
        String[] fields = msh.split(Pattern.quote(String.valueOf(field)), -1);
        Part part = n -> {
            if (n - 1 >= fields.length) {
                return "";
            }
            String first = fields[n - 1].split(Pattern.quote(String.valueOf(component)), -1)[0];
            return unescape(first, escape, field, component, msh.charAt(5), msh.charAt(7)).strip();
        };
        String[] type = n(fields, 9).split(Pattern.quote(String.valueOf(component)), -1);
        return new RawHeader(part.get(3), part.get(4), part.get(5), part.get(6), type[0].strip(),
                type.length > 1 ? type[1].strip() : "", part.get(10), part.get(11).isEmpty() ? "P" : part.get(11), part.get(12));
    }

    private interface Part {
        String get(int n);
    }

    private static String n(String[] fields, int n) {
        return n - 1 < fields.length ? fields[n - 1] : "";
    }

    private static String unescape(String text, char escape, char field, char component, char repetition, char sub) {
        if (text.indexOf(escape) < 0) {
            return text;
        }
        String e = String.valueOf(escape);
        return text.replace(e + "F" + e, String.valueOf(field)).replace(e + "S" + e, String.valueOf(component))
                .replace(e + "R" + e, String.valueOf(repetition)).replace(e + "T" + e, String.valueOf(sub))
                .replace(e + "E" + e, e);
    }
}
