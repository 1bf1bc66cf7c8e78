package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.web.api.SearchCriteria;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The search page's form as the patient filled it (raw text, shown back as typed). Every field is optional: an
 * empty form searches the whole province, soonest first, over the next 30 days.
 */
record SearchForm(String postalCode, String radiusKm, String region, String service, String profession, String modality,
        String language, String from, String to, String order, String page) {

    static final String PATH = "/rendez-vous";

    /** True once the form was sent (a first visit shows the form alone). */
    boolean submitted() {
        return fields().values().stream().anyMatch(value -> value != null);
    }

    boolean nearestWithoutPostalCode() {
        return "nearest".equalsIgnoreCase(blankToNull(order)) && blankToNull(postalCode) == null;
    }

    SearchCriteria criteria(int pageSize) {
        return new SearchCriteria(postalCode, region, blankToNull(postalCode) == null ? null : radiusKm, service, profession, modality,
                language, from, to, order, page, Integer.toString(pageSize));
    }

    /** This search's address at another page: the same criteria in the query (none of them is personal). */
    String pageLink(int number) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(PATH);
        fields().forEach((name, value) -> {
            if (value != null && !value.isBlank() && !name.equals("page")) {
                link.queryParam(name, value.strip());
            }
        });
        if (number > 0) {
            link.queryParam("page", number);
        }
        return link.encode().build().toUriString();
    }

    public int pageNumber() {
        try {
            return page == null || page.isBlank() ? 0 : Math.max(0, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code value} is this field's option now chosen (for {@code selected}). */
    public boolean chose(String field, String value) {
        String chosen = fields().get(field);
        return chosen != null && chosen.strip().equalsIgnoreCase(value);
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("postalCode", postalCode);
        fields.put("radiusKm", radiusKm);
        fields.put("region", region);
        fields.put("service", service);
        fields.put("profession", profession);
        fields.put("modality", modality);
        fields.put("language", language);
        fields.put("from", from);
        fields.put("to", to);
        fields.put("order", order);
        fields.put("page", page);
        return fields;
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
