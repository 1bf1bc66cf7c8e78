package ca.careorchestrator.connector.ical;

import ca.careorchestrator.connector.spi.Capability;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Pulls an iCalendar availability feed over HTTP. The checkpoint is the feed's validator (ETag, else
 * Last-Modified): a 304 means nothing changed; a 200 is the whole feed, so every read of it is
 * {@link Outcome.Coverage#FULL}. Recurrences are expanded from now to now + {@code ical.horizon-days}.
 */
final class ICalConnector implements PullConnector {

    static final int BATCH = 500;
    private static final Duration SERVER_TROUBLE = Duration.ofSeconds(30);
    private static final Duration RATE_LIMITED = Duration.ofSeconds(60);
    private static final String ETAG = "etag ";
    private static final String LAST_MODIFIED = "last-modified ";

    private final SourceConfig config;
    private final ICalSettings settings;
    private final HttpClient http;

    ICalConnector(SourceConfig config) {
        if (!"http".equalsIgnoreCase(config.endpoint().getScheme()) && !"https".equalsIgnoreCase(config.endpoint().getScheme())) {
            throw new IllegalArgumentException("an iCalendar feed is read over http(s), not " + config.endpoint());
        }
        this.config = config;
        this.settings = ICalSettings.of(config);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SEARCH, Capability.PHONE);
    }

    @Override
    public Outcome pull(Checkpoint from, RecordSink sink) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.timeout())
                .header("Accept", "text/calendar");
        if (from.value().startsWith(ETAG)) {
            request.header("If-None-Match", from.value().substring(ETAG.length()));
        } else if (from.value().startsWith(LAST_MODIFIED)) {
            request.header("If-Modified-Since", from.value().substring(LAST_MODIFIED.length()));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Reset, refused, timed out, cut short: the feed is read whole or not at all, so just try again.
            return new Outcome.RetryAfter(SERVER_TROUBLE, "feed unreachable: " + e);
        }
        int status = response.statusCode();
        if (status == 304) {
            return new Outcome.Ok(0, from, Outcome.Coverage.CHANGES);
        }
        if (status == 429) {
            return new Outcome.RetryAfter(retryAfter(response).orElse(RATE_LIMITED), "feed rate-limited (429)");
        }
        if (status >= 500) {
            return new Outcome.RetryAfter(retryAfter(response).orElse(SERVER_TROUBLE), "feed answered " + status);
        }
        if (status != 200) {
            return new Outcome.PermanentFailure("feed " + config.endpoint() + " answered " + status);
        }
        String feed = new String(response.body(), charset(response));
        Instant now = config.clock().instant();
        List<SourceRecord> records = AvailabilityFeed.read(feed, settings, now, now.plus(settings.horizon()));
        for (int i = 0; i < records.size(); i += BATCH) {
            Outcome delivered = sink.deliver(records.subList(i, Math.min(records.size(), i + BATCH)));
            if (!(delivered instanceof Outcome.Ok)) {
                return delivered;
            }
        }
        return new Outcome.Ok(records.size(), checkpoint(response), Outcome.Coverage.FULL);
    }

    @Override
    public void close() {
        http.close();
    }

    private static Checkpoint checkpoint(HttpResponse<?> response) {
        Optional<String> etag = response.headers().firstValue("ETag").filter(v -> !v.isBlank());
        if (etag.isPresent() && etag.get().length() < 400) {
            return new Checkpoint(ETAG + etag.get());
        }
        Optional<String> modified = response.headers().firstValue("Last-Modified").filter(v -> !v.isBlank());
        if (modified.isPresent() && modified.get().length() < 400) {
            return new Checkpoint(LAST_MODIFIED + modified.get());
        }
        // No validator: every pull reads the feed again, which is still correct.
        return Checkpoint.NONE;
    }

    /** Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(header.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(config.clock().instant(), at);
                return Optional.of(delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** RFC 5545 says UTF-8; a Content-Type charset, when given, says otherwise. */
    private static Charset charset(HttpResponse<?> response) {
        for (String parameter : response.headers().firstValue("Content-Type").orElse("").split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
                try {
                    return Charset.forName(pair[1].trim().replace("\"", ""));
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
