package ca.careorchestrator.simulator.smart;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Bonjour Santé publishing its clinics' availability by SMART Scheduling Links bulk publication, on
 * 127.0.0.1. {@code GET /$bulk-publish[?_since=<instant>]} answers the manifest; its outputs are
 * {@code /bulk/Location.ndjson}, {@code /bulk/Schedule.ndjson} and {@code /bulk/Slot.ndjson[?_since=..]}.
 *
 * <ul>
 *   <li>{@code transactionTime} and {@code Last-Modified} are the platform's latest change (Last-Modified only once
 *   that second is over); a manifest request whose {@code If-Modified-Since} is not older gets 304. Manifests carry {@code Cache-Control: max-age=60}.</li>
 *   <li>{@code _since}: the Slot file holds only slots changed after that instant, each in its current state; a
 *   slot withdrawn since is published once as {@code entered-in-error} (SMART has no deletion record). Locations
 *   and Schedules are always published whole: they are small and a Slot needs its Schedule. The manifest's
 *   {@code request} echoes the {@code _since} it answered.</li>
 *   <li>Faults, on every request while set: LATENCY (1 s), SERVER_ERROR (503), RATE_LIMITED (429, Retry-After: 2),
 *   CONNECTION_RESET (half the body, then the connection closes), MALFORMED_RECORD (the first Slot line is cut),
 *   DUPLICATES (every NDJSON line twice), OUT_OF_ORDER (Slot lines in reverse; an incremental file then replays
 *   every version from the change log, newest first).</li>
 * </ul>
 * Booking is not by API: every slot carries a deep link {@code https://bonjour-sante.example/rdv/<externalId>}
 * and the clinic's phone.
 */
public final class BonjourSanteSimulator implements PlatformServer {

    public static final String MANIFEST_PATH = "/$bulk-publish";
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final Province province;
    private final SimulatedPlatform platform;
    private final int requestedPort;
    private final SmartResources resources = new SmartResources();
    private final Map<ClinicId, Clinic> clinics = new HashMap<>();
    private final Instant publishedAt;
    private final AtomicInteger manifestRequests = new AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;

    /** Serves {@code platform} (a Bonjour Santé platform of {@code province}) on 127.0.0.1:{@code port}; 0 picks a free port. */
    public BonjourSanteSimulator(Province province, SimulatedPlatform platform, int port) {
        if (platform.system() != SourceSystem.BONJOUR_SANTE) {
            throw new IllegalArgumentException("Bonjour Santé serves the Bonjour Santé platform, not " + platform.system());
        }
        this.province = province;
        this.platform = platform;
        this.requestedPort = port;
        platform.clinics().forEach(c -> clinics.put(c.id(), c));
        this.publishedAt = platform.slots().stream().map(PlatformSlot::lastUpdated).max(Instant::compareTo)
                .orElse(platform.clock().instant());
    }

    /** The FHIR id Bonjour Santé gives a slot resource: its slot key with ':' (not allowed in FHIR ids) as '-'. */
    public static String slotResourceId(PlatformSlot slot) {
        return slot.externalId().replace(':', '-');
    }

    @Override
    public SimulatedPlatform platform() {
        return platform;
    }

    @Override
    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public URI endpoint() {
        return URI.create(base() + MANIFEST_PATH);
    }

    /** What a SMART connector needs beyond the manifest URL: where Bonjour Santé puts professional and modality. */
    @Override
    public Map<String, String> connectorSettings() {
        return Map.of(
                "smart.zone", "America/Montreal",
                "smart.professional-extension", SmartResources.PROFESSIONAL_EXTENSION,
                "smart.modality-extension", SmartResources.MODALITY_EXTENSION);
    }

    /** How many manifest requests were answered (including 304s and faults), to check a client's caching. */
    public int manifestRequests() {
        return manifestRequests.get();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
            server = null;
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (MANIFEST_PATH.equals(path)) {
                manifestRequests.incrementAndGet();
            }
            if (platform.has(FaultMode.LATENCY)) {
                Thread.sleep(1_000);
            }
            if (platform.has(FaultMode.SERVER_ERROR)) {
                send(exchange, 503, "application/fhir+json", SmartResources.outcome("transient", "Bonjour Santé is unavailable"));
                return;
            }
            if (platform.has(FaultMode.RATE_LIMITED)) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                send(exchange, 429, "application/fhir+json", SmartResources.outcome("throttled", "too many requests"));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/fhir+json", SmartResources.outcome("not-supported", "GET only"));
                return;
            }
            Instant since;
            try {
                since = since(exchange.getRequestURI().getRawQuery());
            } catch (DateTimeException e) {
                send(exchange, 400, "application/fhir+json", SmartResources.outcome("invalid", "_since is not an instant"));
                return;
            }
            switch (path) {
                case MANIFEST_PATH -> manifest(exchange, since);
                case "/bulk/Location.ndjson" -> ndjson(exchange, locations(), Function.identity(), false);
                case "/bulk/Schedule.ndjson" -> ndjson(exchange, schedules(), Function.identity(), false);
                case "/bulk/Slot.ndjson" -> slots(exchange, since);
                default -> send(exchange, 404, "application/fhir+json", SmartResources.outcome("not-found", "no such file"));
            }
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void manifest(HttpExchange exchange, Instant since) throws IOException {
        Instant latest = latestChange();
        Instant latestSecond = latest.truncatedTo(ChronoUnit.SECONDS);
        exchange.getResponseHeaders().set("Cache-Control", "max-age=" + MAX_AGE.toSeconds());
        // An HTTP-date has whole seconds: Last-Modified is only given once the second of the latest change is
        // over, so a later change always falls in a later second and an If-Modified-Since cannot hide it.
        if (!latestSecond.plusSeconds(1).isAfter(platform.clock().instant())) {
            exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(latestSecond.atZone(ZoneOffset.UTC)));
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince != null && !latestSecond.isAfter(httpDate(ifModifiedSince))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        String sinceQuery = since == null ? "" : "?_since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        String body = resources.manifest(latest, base() + exchange.getRequestURI().getRawPath() + sinceQuery,
                base() + "/bulk/Location.ndjson", base() + "/bulk/Schedule.ndjson", base() + "/bulk/Slot.ndjson" + sinceQuery);
        send(exchange, 200, "application/json", body);
    }

    /** The latest change at the platform (its publication time when nothing changed since). */
    private Instant latestChange() {
        long sequence = platform.sequence();
        if (sequence == 0) {
            return publishedAt;
        }
        Instant latest = platform.changesSince(sequence - 1).getLast().lastUpdated();
        return latest.isAfter(publishedAt) ? latest : publishedAt;
    }

    private List<String> locations() {
        Map<String, String> networkNames = new HashMap<>();
        for (LocalNetwork network : province.localNetworks()) {
            networkNames.put(network.code().value(), network.name());
        }
        List<String> lines = new ArrayList<>();
        for (Clinic clinic : platform.clinics()) {
            String siteRef = province.siteRef(SourceSystem.BONJOUR_SANTE, clinic.id());
            long number = Long.parseLong(siteRef.substring(siteRef.lastIndexOf('-') + 1));
            lines.add(resources.location(clinic, siteRef, number, networkNames.getOrDefault(clinic.localNetwork().value(), "Québec"),
                    province.zone(clinic.id())));
        }
        return lines;
    }

    private record ScheduleKey(String siteRef, String professionalRef) {
    }

    private List<String> schedules() {
        Map<ScheduleKey, TreeSet<String>> services = new TreeMap<>(
                Comparator.comparing(ScheduleKey::siteRef).thenComparing(ScheduleKey::professionalRef));
        Map<ScheduleKey, String> professions = new HashMap<>();
        platform.forEachSlot(slot -> {
            ScheduleKey key = new ScheduleKey(slot.siteRef(), slot.professionalRef());
            services.computeIfAbsent(key, k -> new TreeSet<>()).add(slot.serviceCode());
            professions.putIfAbsent(key, slot.professionCode());
        });
        List<String> lines = new ArrayList<>();
        services.forEach((key, codes) -> lines.add(resources.schedule(scheduleId(key.siteRef(), key.professionalRef()),
                key.siteRef(), key.professionalRef(), professions.get(key), codes)));
        return lines;
    }

    private static String scheduleId(String siteRef, String professionalRef) {
        return siteRef + "." + professionalRef;
    }

    private void slots(HttpExchange exchange, Instant since) throws IOException {
        List<PlatformSlot> slots;
        boolean outOfOrder = platform.has(FaultMode.OUT_OF_ORDER);
        if (since == null) {
            slots = new ArrayList<>(platform.slots());
        } else if (outOfOrder) {
            // A publisher replaying its change log newest first: an older version follows a newer one.
            slots = new ArrayList<>(platform.changesAfter(since));
        } else {
            Map<String, PlatformSlot> current = new LinkedHashMap<>();
            for (PlatformSlot change : platform.changesAfter(since)) {
                current.put(change.externalId(), platform.slot(change.externalId()).orElse(change));
            }
            slots = new ArrayList<>(current.values());
        }
        if (outOfOrder) {
            Collections.reverse(slots);
        }
        ndjson(exchange, slots, slot -> resources.slot(slot, slotResourceId(slot), scheduleId(slot.siteRef(), slot.professionalRef()),
                clinics.get(slot.clinic()).phone()), platform.has(FaultMode.MALFORMED_RECORD));
    }

    /** Streams one NDJSON file (chunked), or, under CONNECTION_RESET, half of it before the connection drops. */
    private <T> void ndjson(HttpExchange exchange, List<T> items, Function<T, String> render, boolean breakFirst) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+ndjson");
        int copies = platform.has(FaultMode.DUPLICATES) ? 2 : 1;
        if (platform.has(FaultMode.CONNECTION_RESET)) {
            StringBuilder all = new StringBuilder();
            for (T item : items) {
                all.append(render.apply(item)).append('\n');
            }
            reset(exchange, all.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8), 64 * 1024)) {
            boolean first = true;
            for (T item : items) {
                String line = render.apply(item);
                if (first && breakFirst) {
                    // A truncated record, as a publisher crashing mid-write would leave it.
                    line = line.substring(0, line.length() / 2);
                }
                first = false;
                for (int copy = 0; copy < copies; copy++) {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Promises the whole body, writes half, then fails the exchange: the JDK server closes the connection of an
     * exchange whose handler throws, so the client sees the connection drop mid-body.
     */
    private static void reset(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, Math.max(body.length, 2));
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        throw new SimulatedReset();
    }

    /** Thrown out of the handler on purpose (CONNECTION_RESET). */
    private static final class SimulatedReset extends IOException {
        private static final long serialVersionUID = 1L;

        SimulatedReset() {
            super("simulated connection reset");
        }
    }

    private static Instant since(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("_since")) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return ZonedDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME).toInstant();
            }
        }
        return null;
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return Instant.MIN;
        }
    }

    /**
     * Runs Bonjour Santé alone: {@code --port N} (default 0: a free port) and {@code --preset tiny|region|province}
     * (default region), on the system clock, with typical desk activity every ten seconds.
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        Preset preset = Preset.REGION;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--preset" -> preset = Preset.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("usage: --port N --preset tiny|region|province");
            }
        }
        Clock clock = Clock.systemUTC();
        Province province = ProvinceGenerator.generate(new ProvinceSpec(preset, ProvinceSpec.DEFAULT_SEED,
                LocalDate.now(ZoneId.of("America/Montreal")), ProvinceSpec.DEFAULT_WEEKS));
        SimulatedPlatform platform = SimulatedPlatform.of(province, SourceSystem.BONJOUR_SANTE, clock);
        try (BonjourSanteSimulator simulator = new BonjourSanteSimulator(province, platform, port)) {
            simulator.start();
            System.out.println("Bonjour Santé (SMART bulk publication) at " + simulator.endpoint() + ", " + platform.size() + " slots");
            SplittableRandom random = new SplittableRandom(ProvinceSpec.DEFAULT_SEED);
            Instant last = clock.instant();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(10_000);
                Instant now = clock.instant();
                platform.advance(Duration.between(last, now).truncatedTo(ChronoUnit.MILLIS), SimulatedPlatform.Rates.TYPICAL, random);
                last = now;
            }
        }
    }
}
