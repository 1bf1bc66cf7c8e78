package ca.careorchestrator.connector.fhir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The wire: one {@link HttpClient} per connector, every call bounded by the source's timeout. Answers are
 * values: what the server said, or that nothing reached it, or that the answer was lost on the way (the
 * difference decides whether a booking is worth retrying or must be reconciled).
 */
final class FhirHttp implements AutoCloseable {

    static final String FHIR_JSON = "application/fhir+json";

    sealed interface Reply {
        /** The server answered (any status). */
        record Answer(int status, HttpHeaders headers, String body) implements Reply {
        }

        /** The request never reached the server (connection refused, connect timeout): nothing happened there. */
        record NotSent(String reason) implements Reply {
        }

        /** The request was sent, the answer did not come whole (reset, timeout): anything may have happened. */
        record Lost(String reason) implements Reply {
        }
    }

    private final HttpClient client;
    private final FhirSettings settings;

    FhirHttp(FhirSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Reply get(URI uri) throws InterruptedException {
        return send(request(uri).GET().build());
    }

    Reply post(URI uri, String body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = request(uri).header("Content-Type", FHIR_JSON + ";charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request.build());
    }

    Reply patch(URI uri, String jsonPatch) throws InterruptedException {
        return send(request(uri).header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonPatch, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", FHIR_JSON);
        if (settings.bearerToken() != null) {
            request.header("Authorization", "Bearer " + settings.bearerToken());
        }
        return request;
    }

    private Reply send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply.Answer(response.statusCode(), response.headers(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Reply.NotSent(request.method() + " " + request.uri().getPath() + ": " + describe(e));
        } catch (HttpTimeoutException e) {
            return new Reply.Lost(request.method() + " " + request.uri().getPath() + ": no answer within " + settings.timeout());
        } catch (IOException e) {
            return new Reply.Lost(request.method() + " " + request.uri().getPath() + ": " + describe(e));
        }
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The server's clock from the Date header (second precision), when present. */
    static Optional<Instant> date(HttpHeaders headers) {
        try {
            return headers.firstValue("Date").map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }
}
