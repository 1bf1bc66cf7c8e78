package ca.careorchestrator.connector.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a search, split into its entries with Jackson before any HAPI parsing: HAPI parses a Bundle
 * whole and one broken Slot would lose the page, so each entry's resource is kept as its own JSON text
 * (the raw record) and parsed alone.
 */
record SearchPage(Optional<Instant> lastUpdated, Optional<String> next, List<Entry> entries) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One {@code Bundle.entry.resource}, with what can be read of it without HAPI: its type, its id, its
     * identifier in the source's id system (so even an unreadable record names its slot) and its
     * meta.lastUpdated (null when absent or unreadable).
     */
    record Entry(String resourceType, String id, String identifier, Instant lastUpdated, String raw) {

        /** The source's id for it: the identifier in the configured system, else the logical id. */
        String externalId() {
            return identifier != null ? identifier : id;
        }
    }

    /** The body is not a searchset Bundle at all. */
    static final class NotABundle extends Exception {
        NotABundle(String reason) {
            super(reason);
        }
    }

    static SearchPage parse(String body, String identifierSystem) throws NotABundle {
        JsonNode bundle;
        try {
            bundle = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NotABundle("not JSON: " + e.getOriginalMessage());
        }
        if (bundle == null || !"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new NotABundle("not a Bundle (resourceType " + (bundle == null ? "none" : bundle.path("resourceType").asText("none")) + ")");
        }
        Optional<String> next = Optional.empty();
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText()) && link.path("url").isTextual()) {
                next = Optional.of(link.path("url").asText());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            // Bundle.entry.search.mode "include"/"outcome" entries are not matches; an OperationOutcome says why.
            if (!resource.isObject() || "outcome".equals(entry.path("search").path("mode").asText())) {
                continue;
            }
            entries.add(new Entry(resource.path("resourceType").asText(""), text(resource.get("id")),
                    identifier(resource, identifierSystem), instant(resource.path("meta").path("lastUpdated").asText(null)).orElse(null),
                    resource.toString()));
        }
        return new SearchPage(instant(bundle.path("meta").path("lastUpdated").asText(null)), next, List.copyOf(entries));
    }

    private static String identifier(JsonNode resource, String system) {
        if (system == null) {
            return null;
        }
        for (JsonNode identifier : resource.path("identifier")) {
            if (system.equals(identifier.path("system").asText()) && identifier.path("value").isTextual()) {
                return identifier.path("value").asText();
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Optional<Instant> instant(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
