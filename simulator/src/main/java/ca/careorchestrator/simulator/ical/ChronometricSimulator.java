package ca.careorchestrator.simulator.ical;

import ca.careorchestrator.core.care.SourceSystem;
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
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Chronometric on the wire: its availability feed ({@link ChronometricFeed}) served over HTTP on a loopback
 * port at {@value #PATH}, with an ETag and Last-Modified so a reader can ask "anything new?" and get a 304.
 * Bookings are by phone: there is no booking API. Honours the platform's faults on every request.
 */
public final class ChronometricSimulator implements PlatformServer {

    public static final String PATH = "/chronometric/availability.ics";
    /** How long LATENCY holds each answer: noticeable, well within a connector's timeout. */
    static final long LATENCY_MILLIS = 1_000;
    /** What RATE_LIMITED asks the caller to wait, in seconds (Retry-After). */
    static final int RETRY_AFTER_SECONDS = 2;

    private final SimulatedPlatform platform;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    public ChronometricSimulator(SimulatedPlatform platform, int port) {
        if (platform.system() != SourceSystem.CHRONOMETRIC) {
            throw new IllegalArgumentException("the Chronometric simulator serves a Chronometric platform, not " + platform.system());
        }
        this.platform = platform;
        this.port = port;
    }

    @Override
    public SimulatedPlatform platform() {
        return platform;
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(PATH, this::serve);
        server.start();
    }

    @Override
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public Map<String, String> connectorSettings() {
        return Map.of("ical.x-prefix", ChronometricFeed.PREFIX, "ical.version", "SEQUENCE");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The feed as it would be served now, faults included (for tests and for looking at it). */
    public String feed() {
        return ChronometricFeed.render(platform, faults(), platform.clock().instant());
    }

    private Set<FaultMode> faults() {
        synchronized (platform.faults()) {
            return platform.faults().isEmpty() ? EnumSet.noneOf(FaultMode.class) : EnumSet.copyOf(platform.faults());
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Set<FaultMode> faults = faults();
            if (faults.contains(FaultMode.LATENCY)) {
                try {
                    Thread.sleep(LATENCY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (faults.contains(FaultMode.RATE_LIMITED)) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            if (faults.contains(FaultMode.SERVER_ERROR)) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            // The feed changes with every change record (sequence) and with a silent deletion (size).
            String etag = "\"" + platform.sequence() + "-" + platform.size() + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", lastModified());
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = ChronometricFeed.render(platform, faults, platform.clock().instant()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            if (faults.contains(FaultMode.CONNECTION_RESET)) {
                // Half the feed, then the connection drops: the reader sees the stream end early.
                out.write(body, 0, body.length / 2);
                out.flush();
                throw new IOException("simulated connection reset");
            }
            out.write(body);
        }
    }

    private String lastModified() {
        Instant latest = platform.slots().stream().map(PlatformSlot::lastUpdated).max(Comparator.naturalOrder())
                .orElse(platform.clock().instant());
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(latest.atOffset(ZoneOffset.UTC));
    }

    /**
     * Serves the Chronometric clinics of a generated province until stopped:
     * {@code --port 8410 --preset region --weeks 8} (first day: next Monday).
     */
    public static void main(String[] args) throws IOException {
        int port = 8410;
        Preset preset = Preset.REGION;
        int weeks = ProvinceSpec.DEFAULT_WEEKS;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--preset" -> preset = Preset.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--weeks" -> weeks = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--port, --preset, --weeks)");
            }
        }
        Clock clock = Clock.systemUTC();
        LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Province province = ProvinceGenerator.generate(new ProvinceSpec(preset, ProvinceSpec.DEFAULT_SEED, monday, weeks));
        ChronometricSimulator simulator = new ChronometricSimulator(SimulatedPlatform.of(province, SourceSystem.CHRONOMETRIC, clock), port);
        simulator.start();
        System.out.println("Chronometric feed (" + simulator.platform().size() + " slots) at " + simulator.endpoint());
    }
}
