package ca.careorchestrator.connector.smart;

import ca.careorchestrator.connector.spi.Capability;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.Outcome.Coverage;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls a SMART Scheduling Links bulk publication. The endpoint is the {@code $bulk-publish} manifest; a
 * pull reads the manifest, then its Location, Schedule and Slot files in that order (a Slot needs its
 * Schedule, a Schedule its Location), streaming each NDJSON file line by line and delivering in batches.
 *
 * <p>Incremental reads: the checkpoint is the manifest's {@code transactionTime} (plus its
 * {@code Last-Modified}); the next pull asks {@code ?_since=<transactionTime>} with {@code If-Modified-Since}.
 * 304, or an unchanged {@code transactionTime}, is "nothing new". A publisher whose manifest does not echo
 * {@code _since} in its {@code request} published everything: that read is reported {@link Coverage#FULL}.
 * A {@code Cache-Control: max-age} on the manifest is honoured: within it, an incremental pull does not ask.
 *
 * <p>Settings: {@code smart.since} ({@code auto}, the default: the manifest's {@code request} echo decides;
 * {@code trusted}: the publisher honours {@code _since} even if its echo does not show it; {@code off}: never
 * ask {@code _since}, every new publication is read whole), {@code smart.zone} (IANA zone the publisher's sites are in when a Location does not say;
 * default America/Montreal; only used to count contradicting offsets), {@code smart.professional-extension}
 * and {@code smart.modality-extension} (the publisher's extension URLs carrying those codes, if any),
 * {@code smart.batch-size} (default 500).
 */
final class SmartBulkConnector implements PullConnector {

    private static final System.Logger LOG = System.getLogger(SmartBulkConnector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** When a 429 or 5xx says nothing of when to come back. */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(60);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*(\\d+)");
    private static final List<String> READ_ORDER = List.of("Location", "Schedule", "Slot");

    /** How far to trust a publisher with {@code _since} (setting {@code smart.since}). */
    enum SincePolicy {
        AUTO, TRUSTED, OFF
    }

    private final URI manifestUrl;
    private final SincePolicy sincePolicy;
    private final Duration timeout;
    private final Clock clock;
    private final int batchSize;
    private final HttpClient http;
    private final ResourceTranslator translator;
    /** The checkpoint of the last manifest seen, and until when that manifest is fresh (Cache-Control: max-age). */
    private Checkpoint freshCheckpoint = Checkpoint.NONE;
    private Instant freshUntil = Instant.MIN;

    SmartBulkConnector(SourceConfig config) {
        this.manifestUrl = config.endpoint();
        this.sincePolicy = SincePolicy.valueOf(config.setting("smart.since", "auto").toUpperCase(java.util.Locale.ROOT));
        this.timeout = config.timeout();
        this.clock = config.clock();
        this.batchSize = Integer.parseInt(config.setting("smart.batch-size", "500"));
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.translator = new ResourceTranslator(JSON, ZoneId.of(config.setting("smart.zone", "America/Montreal")),
                config.settings().get("smart.professional-extension"), config.settings().get("smart.modality-extension"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SEARCH, Capability.DEEP_LINK);
    }

    /** Slot starts of the last pull whose written offset contradicts their site's zone (trusted as written; README). */
    synchronized long offsetContradictions() {
        return translator.offsetContradictions();
    }

    @Override
    public synchronized Outcome pull(Checkpoint from, RecordSink sink) throws InterruptedException {
        translator.resetCounts();
        SmartCheckpoint since = SmartCheckpoint.parse(from);
        Instant asked = clock.instant();
        if (since != null && from.equals(freshCheckpoint) && asked.isBefore(freshUntil)) {
            // The publisher said its manifest stays fresh until then: asking again would only cost it a request.
            return new Outcome.Ok(0, from, Coverage.CHANGES);
        }
        URI url = since == null || sincePolicy == SincePolicy.OFF ? manifestUrl : withSince(manifestUrl, since.transactionTime());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "application/fhir+json, application/json");
        if (since != null && since.lastModified() != null) {
            request.header("If-Modified-Since", since.lastModified());
        }
        String manifestBody;
        HttpResponse<String> manifestResponse;
        try {
            manifestResponse = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            manifestBody = manifestResponse.body();
        } catch (IOException e) {
            return lost("the manifest", e);
        }
        int status = manifestResponse.statusCode();
        if (status == 304) {
            remember(from, manifestResponse, asked);
            return new Outcome.Ok(0, from, Coverage.CHANGES);
        }
        Optional<Outcome> trouble = trouble(status, manifestResponse.headers(), url);
        if (trouble.isPresent()) {
            return trouble.get();
        }
        Manifest manifest;
        switch (Manifest.read(JSON, manifestBody, url)) {
            case Manifest.Reading.Read read -> manifest = read.manifest();
            case Manifest.Reading.Broken broken -> {
                return new Outcome.Rejected(null, broken.reason(), manifestBody);
            }
        }
        Checkpoint next = new SmartCheckpoint(manifest.transactionTime(),
                manifestResponse.headers().firstValue("Last-Modified").orElse(null)).encode();
        remember(next, manifestResponse, asked);
        if (since != null && manifest.transactionTime().equals(since.transactionTime())) {
            // The publisher ignored If-Modified-Since but its transactionTime says nothing was published since.
            return new Outcome.Ok(0, next, Coverage.CHANGES);
        }
        // The SMART spec lets a publisher ignore _since; the FHIR bulk-data convention echoes the request it answered.
        boolean changesOnly = since != null && switch (sincePolicy) {
            case AUTO -> manifest.answersSince();
            case TRUSTED -> true;
            case OFF -> false;
        };
        Coverage coverage = changesOnly ? Coverage.CHANGES : Coverage.FULL;
        return readOutputs(manifest, next, coverage, sink);
    }

    private Outcome readOutputs(Manifest manifest, Checkpoint next, Coverage coverage, RecordSink sink) throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>(batchSize);
        long read = 0;
        for (String type : READ_ORDER) {
            for (Manifest.Output output : manifest.outputsOf(type)) {
                HttpRequest request = HttpRequest.newBuilder(output.url()).timeout(timeout).GET()
                        .header("Accept", "application/fhir+ndjson, application/ndjson").build();
                HttpResponse<InputStream> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    return lost(output.url().toString(), e);
                }
                try (InputStream body = response.body()) {
                    Optional<Outcome> trouble = trouble(response.statusCode(), response.headers(), output.url());
                    if (trouble.isPresent()) {
                        return trouble.get();
                    }
                    // Streamed: a province-scale Slot file (100k+ lines) is never held whole.
                    BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        Optional<SourceRecord> record = switch (type) {
                            case "Location" -> Optional.of(translator.location(line));
                            case "Schedule" -> translator.schedule(line);
                            default -> Optional.of(translator.slot(line, manifest.transactionTime()));
                        };
                        if (record.isEmpty()) {
                            continue;
                        }
                        batch.add(record.get());
                        if (batch.size() >= batchSize) {
                            Outcome delivered = deliver(sink, batch);
                            if (!(delivered instanceof Outcome.Ok)) {
                                return delivered;
                            }
                            read += batch.size();
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                } catch (IOException e) {
                    // Reset or cut mid-file: what was delivered is applied (idempotent); the checkpoint does not move.
                    return lost(output.url().toString(), e);
                }
            }
        }
        if (!batch.isEmpty()) {
            Outcome delivered = deliver(sink, batch);
            if (!(delivered instanceof Outcome.Ok)) {
                return delivered;
            }
            read += batch.size();
        }
        long contradictions = translator.offsetContradictions();
        if (contradictions > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} slot starts carry an offset that contradicts their site''s zone at that instant;"
                    + " trusted as written", manifestUrl, contradictions);
        }
        return new Outcome.Ok(read, next, coverage);
    }

    private static Outcome deliver(RecordSink sink, List<SourceRecord> batch) {
        return sink.deliver(List.copyOf(batch));
    }

    private void remember(Checkpoint checkpoint, HttpResponse<?> response, Instant asked) {
        Optional<Duration> maxAge = response.headers().firstValue("Cache-Control").flatMap(SmartBulkConnector::maxAge);
        freshCheckpoint = checkpoint;
        freshUntil = maxAge.map(asked::plus).orElse(Instant.MIN);
    }

    private static Optional<Duration> maxAge(String cacheControl) {
        if (cacheControl.contains("no-cache") || cacheControl.contains("no-store")) {
            return Optional.empty();
        }
        Matcher matcher = MAX_AGE.matcher(cacheControl);
        return matcher.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(matcher.group(1)))) : Optional.empty();
    }

    /** An HTTP status that is not a body to read, as the outcome the runtime acts on; empty for 200. */
    private Optional<Outcome> trouble(int status, java.net.http.HttpHeaders headers, URI url) {
        if (status == 200) {
            return Optional.empty();
        }
        if (status == 429 || status >= 500) {
            return Optional.of(new Outcome.RetryAfter(retryAfter(headers.firstValue("Retry-After")), "HTTP " + status + " from " + url));
        }
        // 401, 403, 404, 410 and any other answer: nothing will change until someone fixes the configuration or the publisher.
        return Optional.of(new Outcome.PermanentFailure("HTTP " + status + " from " + url));
    }

    /** Retry-After in delay-seconds or as an HTTP-date; {@link #DEFAULT_RETRY} when absent or unreadable. */
    private Duration retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return DEFAULT_RETRY;
        }
        String value = header.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeException notADate) {
                return DEFAULT_RETRY;
            }
        }
    }

    /**
     * A lost connection or a timeout is the source's trouble: retry later. java.net.http has no idle timeout on a
     * body being read; the runtime bounds a stalled read by interrupting the pull, which surfaces here.
     */
    private static Outcome lost(String what, IOException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            InterruptedException interrupted = new InterruptedException("pull interrupted while reading " + what);
            interrupted.initCause(e);
            throw interrupted;
        }
        String kind = e instanceof HttpTimeoutException ? "timed out" : "connection lost";
        return new Outcome.RetryAfter(DEFAULT_RETRY, "reading " + what + ": " + kind + " (" + e.getMessage() + ")");
    }

    private static URI withSince(URI manifest, Instant since) {
        String query = "_since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        String text = manifest.toString();
        return URI.create(text + (manifest.getRawQuery() == null ? "?" : "&") + query);
    }

    @Override
    public void close() {
        http.close();
    }
}
