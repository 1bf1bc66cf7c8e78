package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.Supply;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.geo.RegionCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The orchestrator as a SMART Scheduling Links publisher (issue #7, open data): the current supply of every source,
 * free and busy, for any tool to read, without sign-in and without personal data.
 *
 * <ul>
 *   <li>{@code GET /smart/$bulk-publish[?_since=<instant>]}: the manifest; outputs {@code Location.ndjson},
 *   {@code Schedule.ndjson} and one Slot file per health region with clinics ({@code Slot-05.ndjson}), each with
 *   {@code extension.state: ["QC"]} (and {@code region}, the RSS code).</li>
 *   <li>Slots from the top of the current hour on: a feed's content is a function of the search index's version and
 *   the hour, so its validators hold for an hour while nothing changes.</li>
 *   <li>{@code _since}: the Slot files give only the slots changed since (withdrawn ones as {@code entered-in-error});
 *   Locations and Schedules are always whole (small, and a Slot needs its Schedule). The index knows the changes since
 *   it was last built (at start-up, then daily): for an earlier {@code _since} the manifest publishes everything and
 *   its {@code request} does not echo {@code _since} (the FHIR bulk-data convention our connector reads). A Slot
 *   file asked with such a {@code _since} (the index rebuilt between the manifest and the file) answers 503 with
 *   Retry-After: read the manifest again. Changes are stamped by the node that applied them: behind a load
 *   balancer, one client's reads go to one node.</li>
 *   <li>Caching: an ETag (origin and version of the index, the hour, the encoding) and Last-Modified (the latest
 *   change, given once its second is over); {@code If-None-Match} / {@code If-Modified-Since} answer 304. The
 *   manifest may be kept 60 s; the files are revalidated (their URLs stay the same). gzip when asked
 *   ({@code Accept-Encoding}): the province's Slot files are about 2.5 GB plain.</li>
 * </ul>
 */
@RestController
@RequestMapping("/smart")
final class SmartPublication {

    static final String NDJSON = "application/fhir+ndjson";
    static final String MANIFEST = "/$bulk-publish";
    private static final Duration MANIFEST_MAX_AGE = Duration.ofSeconds(60);
    private static final List<String> STATE = List.of("QC");

    private final Catalog catalog;
    private final Directory directory;
    private final SmartFeed feed;
    private final Clock clock;

    SmartPublication(Catalog catalog, Directory directory, SmartFeed feed, Clock clock) {
        this.catalog = catalog;
        this.directory = directory;
        this.feed = feed;
        this.clock = clock;
    }

    /** What one request reads: one index, the hour it publishes from, and whether it can give only changes. */
    private record Read(Supply supply, Instant from, Optional<Instant> since) {

        /** Names the content: origin and version of the index, the hour, and how it is encoded. */
        String etag(boolean gzip) {
            return "\"" + Long.toString(supply.origin().toEpochMilli(), 36) + "-" + supply.version() + "-"
                    + Long.toString(from.getEpochSecond() / 60, 36) + (gzip ? "-gz" : "") + "\"";
        }

        /** The latest change or the hour's start, whichever is later; -1 while its second is not over. */
        long lastModified(Instant now) {
            Instant modified = supply.lastChange().isAfter(from) ? supply.lastChange() : from;
            Instant second = modified.truncatedTo(ChronoUnit.SECONDS);
            // An HTTP-date has whole seconds: given only once that second is over, a later change falls in a later one.
            return second.plusSeconds(1).isAfter(now) ? -1 : second.toEpochMilli();
        }
    }

    @GetMapping(MANIFEST)
    ResponseEntity<Map<String, Object>> manifest(@RequestParam(name = "_since", required = false) String sinceParameter,
            HttpServletRequest request, HttpServletResponse response) {
        Read read = read(sinceParameter, false);
        if (notModified(read, false, true, request, response)) {
            return null;
        }
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/smart").toUriString();
        String sinceQuery = read.since().map(s -> "?_since=" + URLEncoder.encode(s.toString(), StandardCharsets.UTF_8)).orElse("");
        List<Map<String, Object>> outputs = new ArrayList<>();
        outputs.add(output("Location", base + "/Location.ndjson", null));
        outputs.add(output("Schedule", base + "/Schedule.ndjson", null));
        for (RegionCode region : read.supply().regions()) {
            outputs.add(output("Slot", base + "/Slot-" + region.value() + ".ndjson" + sinceQuery, region));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        // The latest change this read includes: a client's next _since; a change heard after it is stamped no earlier.
        // Full precision: cut to the millisecond, the time of a fresh index would fall before its origin (everything again).
        manifest.put("transactionTime", read.supply().lastChange().toString());
        manifest.put("request", base + MANIFEST + sinceQuery);
        manifest.put("output", outputs);
        manifest.put("error", List.of());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(manifest);
    }

    @GetMapping("/Location.ndjson")
    void locations(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Read read = read(null, false);
        boolean gzip = gzip(request);
        if (!notModified(read, gzip, false, request, response)) {
            try (Writer out = ndjson(response, gzip)) {
                feed.locations(read.supply(), out);
            }
        }
    }

    @GetMapping("/Schedule.ndjson")
    void schedules(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Read read = read(null, false);
        boolean gzip = gzip(request);
        if (!notModified(read, gzip, false, request, response)) {
            try (Writer out = ndjson(response, gzip)) {
                feed.schedules(read.supply(), out);
            }
        }
    }

    @GetMapping("/Slot-{region}.ndjson")
    void slots(@PathVariable String region, @RequestParam(name = "_since", required = false) String sinceParameter,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!RegionCode.isValid(region) || directory.region(new RegionCode(region)).isEmpty()) {
            throw new ProblemException(Problem.REGION_NOT_FOUND, region);
        }
        Read read = read(sinceParameter, true);
        boolean gzip = gzip(request);
        if (!notModified(read, gzip, false, request, response)) {
            String bookingPages = ServletUriComponentsBuilder.fromCurrentContextPath().path("/rendez-vous/plage/").toUriString();
            try (Writer out = ndjson(response, gzip)) {
                feed.slots(read.supply(), new RegionCode(region), read.from(), read.since(), bookingPages, out);
            }
        }
    }

    /**
     * The index to read and what to read of it. A {@code _since} the index cannot answer is dropped for the manifest
     * (it publishes everything) and refused for a Slot file, whose manifest promised changes only.
     */
    private Read read(String sinceParameter, boolean changesPromised) {
        Supply supply;
        try {
            supply = catalog.supply();
        } catch (Catalog.NotReady e) {
            throw new ProblemException(Problem.SEARCH_NOT_READY).retryAfter(Duration.ofSeconds(5));
        }
        Optional<Instant> since = Optional.ofNullable(sinceParameter).filter(s -> !s.isBlank()).map(SmartPublication::instant);
        if (since.isPresent() && !supply.changesKnownSince(since.get())) {
            if (changesPromised) {
                // The index was rebuilt since the manifest: what was withdrawn before is forgotten, the manifest must be read again.
                throw new ProblemException(Problem.SEARCH_NOT_READY).retryAfter(Duration.ofSeconds(5));
            }
            since = Optional.empty();
        }
        return new Read(supply, clock.instant().truncatedTo(ChronoUnit.HOURS), since);
    }

    /** An ISO 8601 instant with its offset; a '+' left unencoded in the query arrives as a space. */
    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, value);
        }
    }

    /** Sets the validators and the caching; true (304 set) when the client's copy is current. */
    private boolean notModified(Read read, boolean gzip, boolean manifest, HttpServletRequest request, HttpServletResponse response) {
        CacheControl cache = manifest ? CacheControl.maxAge(MANIFEST_MAX_AGE).cachePublic() : CacheControl.noCache().cachePublic();
        response.setHeader(HttpHeaders.CACHE_CONTROL, cache.getHeaderValue());
        if (!manifest) {
            response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        return new ServletWebRequest(request, response).checkNotModified(read.etag(gzip), read.lastModified(clock.instant()));
    }

    private static boolean gzip(HttpServletRequest request) {
        String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        return accepted != null && accepted.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    }

    /** The response body as UTF-8 text, compressed at the fastest level when asked (a 2-core node streams gigabytes). */
    private static Writer ndjson(HttpServletResponse response, boolean gzip) throws IOException {
        response.setContentType(NDJSON);
        OutputStream body = response.getOutputStream();
        if (gzip) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            body = new GZIPOutputStream(body, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16);
    }

    private static Map<String, Object> output(String type, String url, RegionCode region) {
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("state", STATE);
        if (region != null) {
            extension.put("region", List.of(region.value()));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("type", type);
        output.put("url", url);
        output.put("extension", extension);
        return output;
    }
}
