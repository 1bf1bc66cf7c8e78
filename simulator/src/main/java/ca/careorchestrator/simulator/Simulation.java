package ca.careorchestrator.simulator;

import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.csv.OscarCsvSimulator;
import ca.careorchestrator.simulator.fhir.FhirSimulator;
import ca.careorchestrator.simulator.hl7.Hl7Simulator;
import ca.careorchestrator.simulator.ical.ChronometricSimulator;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.smart.BonjourSanteSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * The platforms of a synthetic province, each on its own loopback port (or drop folder), speaking its
 * protocol: what the orchestrator reads in the default run, and what tests and benchmarks start alone.
 * {@link #tick} is the clinics' day: desk bookings, cancellations and closures at the given rates, then the
 * push-based systems send what changed and the export-based ones write a new export.
 */
public final class Simulation implements AutoCloseable {

    private static final System.Logger log = System.getLogger(Simulation.class.getName());

    /** What a connector for one simulated system is configured with. */
    public record Endpoint(SourceSystem system, URI uri, Map<String, String> settings) {
    }

    private final List<PlatformServer> servers;
    private final SimulatedPlatform.Rates rates;
    private final SplittableRandom random;
    private final Map<PlatformServer, Long> exported = new java.util.concurrent.ConcurrentHashMap<>();

    private Simulation(List<PlatformServer> servers, SimulatedPlatform.Rates rates, long seed) {
        this.servers = List.copyOf(servers);
        this.rates = rates;
        this.random = new SplittableRandom(seed);
        for (PlatformServer server : servers) {
            if (server instanceof OscarCsvSimulator) {
                exported.put(server, server.platform().sequence());
            }
        }
    }

    /** Starts a server for every system the province's clinics use; ports are ephemeral. */
    public static Simulation start(Province province, Clock clock, SimulatedPlatform.Rates rates, Path workDir) throws IOException {
        return start(province, clock, rates, workDir, system -> freePort());
    }

    /**
     * As {@link #start(Province, Clock, SimulatedPlatform.Rates, Path)}, with the port each HL7 system pushes to
     * (where the orchestrator's connector for it listens) chosen by {@code mllpPushPort}.
     */
    public static Simulation start(Province province, Clock clock, SimulatedPlatform.Rates rates, Path workDir,
            ToIntFunction<SourceSystem> mllpPushPort) throws IOException {
        List<PlatformServer> servers = new ArrayList<>();
        try {
            for (SimulatedPlatform platform : SimulatedPlatform.allOf(province, clock).values()) {
                PlatformServer server = server(province, platform, workDir, mllpPushPort);
                server.start();
                servers.add(server);
                if (server instanceof OscarCsvSimulator csv) {
                    csv.export(); // the export the clinic's EMR made before we connected
                }
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(PlatformServer::close);
            throw e;
        }
        return new Simulation(servers, rates, province.spec().seed());
    }

    private static PlatformServer server(Province province, SimulatedPlatform platform, Path workDir,
            ToIntFunction<SourceSystem> mllpPushPort) {
        return switch (platform.system().protocol()) {
            case HL7V2_MLLP -> {
                Hl7Simulator hl7 = new Hl7Simulator(platform, 0);
                // The orchestrator's listener for this system: a free loopback port, named before either side starts.
                hl7.pushTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), mllpPushPort.applyAsInt(platform.system())));
                yield hl7;
            }
            case ICALENDAR -> new ChronometricSimulator(platform, 0);
            case CSV_DROP -> new OscarCsvSimulator(platform, workDir.resolve(platform.system().name().toLowerCase(Locale.ROOT) + "-drop"),
                    StandardCharsets.ISO_8859_1);
            case SMART_BULK -> new BonjourSanteSimulator(province, platform, 0);
            case FHIR_R4 -> new FhirSimulator(platform, 0);
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Endpoint> endpoints() {
        return servers.stream().map(s -> new Endpoint(s.platform().system(), s.endpoint(), s.connectorSettings())).toList();
    }

    public List<PlatformServer> servers() {
        return servers;
    }

    /** {@code elapsed} of the clinics' day passes; push and export systems then send what changed. */
    public void tick(Duration elapsed) {
        for (PlatformServer server : servers) {
            server.platform().advance(elapsed, rates, random);
            try {
                long before = exported.getOrDefault(server, -1L);
                if (server instanceof Hl7Simulator hl7) {
                    hl7.pushPending();
                } else if (server instanceof OscarCsvSimulator csv && server.platform().sequence() != before) {
                    // An EMR export is a whole schedule: write one only when something changed.
                    csv.export();
                    exported.put(server, server.platform().sequence());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "{0}: sending changes failed: {1}", server.platform().system(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        servers.forEach(PlatformServer::close);
    }
}
