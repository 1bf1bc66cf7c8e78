package ca.careorchestrator.connector.smart;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code $bulk-publish} manifest: {@code transactionTime}, the {@code request} it answers, and its
 * {@code output} files (type and URL; relative URLs resolve against the manifest's own URL).
 */
record Manifest(Instant transactionTime, String request, List<Output> outputs) {

    /** One NDJSON file of the publication. */
    record Output(String type, URI url) {
    }

    /** What reading a manifest body gave. */
    sealed interface Reading {
        record Read(Manifest manifest) implements Reading {
        }

        record Broken(String reason) implements Reading {
        }
    }

    static Reading read(ObjectMapper json, String body, URI manifestUrl) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return new Reading.Broken("the manifest is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Reading.Broken("the manifest is not a JSON object");
        }
        String time = root.path("transactionTime").asText("");
        Instant transactionTime;
        try {
            transactionTime = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return new Reading.Broken("manifest transactionTime '" + time + "' is not an instant");
        }
        List<Output> outputs = new ArrayList<>();
        for (JsonNode output : root.path("output")) {
            String type = output.path("type").asText("");
            String url = output.path("url").asText("");
            if (type.isEmpty() || url.isEmpty()) {
                return new Reading.Broken("a manifest output lacks its type or url: " + output);
            }
            try {
                outputs.add(new Output(type, manifestUrl.resolve(url)));
            } catch (IllegalArgumentException e) {
                return new Reading.Broken("manifest output url '" + url + "' is not a URL");
            }
        }
        String request = root.path("request").isTextual() ? root.path("request").asText() : null;
        return new Reading.Read(new Manifest(transactionTime, request, List.copyOf(outputs)));
    }

    /**
     * Whether the publisher answered the {@code _since} we asked for. The manifest's {@code request} echoes the
     * request it answers; a publisher that drops {@code _since} from it (or says nothing) published everything.
     */
    boolean answersSince() {
        return request != null && (request.contains("?_since=") || request.contains("&_since="));
    }

    List<Output> outputsOf(String type) {
        return outputs.stream().filter(o -> o.type().equals(type)).toList();
    }
}
