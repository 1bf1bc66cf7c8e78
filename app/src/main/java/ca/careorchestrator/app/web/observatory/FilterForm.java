package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.FilterCheck;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The filters of the observatory's pages as typed in their GET form (blank = the default): Quebec days from and to, a
 * service type and a profession. The observatory's {@link FilterCheck} parses and checks them, as it does the API's.
 */
record FilterForm(String from, String to, String service, String profession) {

    FilterForm {
        from = strip(from);
        to = strip(to);
        service = strip(service);
        profession = strip(profession);
    }

    static FilterForm empty() {
        return new FilterForm("", "", "", "");
    }

    static FilterForm orEmpty(FilterForm form) {
        return form == null ? empty() : form;
    }

    /** What the form asks of the area a page shows ({@code code}: a region's, a local network's or a clinic's id). */
    FilterCheck.Asked asked(Area.Level level, String code) {
        return new FilterCheck.Asked(level == Area.Level.REGION ? code : null, level == Area.Level.LOCAL_NETWORK ? code : null,
                level == Area.Level.CLINIC ? code : null, from, to, service, profession);
    }

    /** The form as the page shows it back: the days the figures were read for (the defaults filled in). */
    FilterForm shown(ObservatoryFilter filter) {
        return new FilterForm(filter.from().toString(), filter.to().toString(), service, profession);
    }

    /** The query string of this form (blank fields left out), for links that keep the filters: "?from=…&to=…". */
    String query(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("from", from);
        all.put("to", to);
        all.put("service", service);
        all.put("profession", profession);
        all.putAll(more);
        StringBuilder query = new StringBuilder();
        all.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    String query() {
        return query(Map.of());
    }

    /** This page ({@code path}, these filters and {@code more}) in the other language: for the header's switch. */
    String otherLanguage(String path, Map<String, String> more, Locale locale) {
        Map<String, String> all = new LinkedHashMap<>(more);
        all.put("lang", "en".equals(locale.getLanguage()) ? "fr" : "en");
        return path + query(all);
    }

    private static String strip(String raw) {
        return raw == null ? "" : raw.strip();
    }
}
