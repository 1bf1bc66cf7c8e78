package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.connector.spi.BookingConnector;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.care.SourceSystem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The sources this orchestrator reads: connectors found by {@link ServiceLoader}, one worker each. Sources
 * come from configuration ({@code care.ingestion.sources}) and from the simulation, which registers its
 * simulated platforms the same way a deployment would register the vendors'.
 */
@Service
public class Sources {

    private static final Logger log = LoggerFactory.getLogger(Sources.class);

    private final IngestionProperties properties;
    private final Availability availability;
    private final Quarantine quarantine;
    private final Checkpoints checkpoints;
    private final ServiceTypes serviceTypes;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Normalizer normalizer;
    private final Map<Protocol, ConnectorFactory> factories = new EnumMap<>(Protocol.class);
    private final Map<SourceSystem, SourceWorker> workers = new EnumMap<>(SourceSystem.class);

    Sources(IngestionProperties properties, Directory directory, Availability availability, Quarantine quarantine,
            Checkpoints checkpoints, ServiceTypes serviceTypes, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.availability = availability;
        this.quarantine = quarantine;
        this.checkpoints = checkpoints;
        this.serviceTypes = serviceTypes;
        this.clock = clock;
        this.meters = meters;
        this.normalizer = new Normalizer(directory, MappingTables.load(properties.mappingsDir(), serviceTypes), clock);
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class)) {
            factories.put(factory.protocol(), factory);
        }
        log.info("Connectors found: {}", factories.keySet());
    }

    @EventListener(ApplicationReadyEvent.class)
    void startConfigured() {
        for (IngestionProperties.Source source : properties.sources()) {
            register(source.system(), source.endpoint(), source.settings());
        }
    }

    /** Starts reading {@code system} at {@code endpoint}; replaces a source registered before for the same system. */
    public synchronized void register(SourceSystem system, URI endpoint, Map<String, String> settings) {
        ConnectorFactory factory = factories.get(system.protocol());
        if (factory == null) {
            throw new IllegalStateException("no connector for " + system.protocol() + " on the class path");
        }
        SourceWorker previous = workers.remove(system);
        if (previous != null) {
            previous.stop();
        }
        Connector connector = factory.create(new SourceConfig(system, endpoint, settings, properties.timeout(), clock));
        SourceSink sink = new SourceSink(system, normalizer, availability, quarantine, clock, meters);
        SourceWorker worker = new SourceWorker(system, endpoint.toString(), connector, sink, checkpoints, availability, properties, clock);
        workers.put(system, worker);
        worker.start();
        log.info("Reading {} ({}) at {}", system.displayName(), system.protocol(), endpoint);
    }

    /** The connector that books on {@code system}, when that source is connected and books by API. */
    public synchronized Optional<BookingConnector> bookingConnector(SourceSystem system) {
        SourceWorker worker = workers.get(system);
        return worker != null && worker.connector() instanceof BookingConnector booking ? Optional.of(booking) : Optional.empty();
    }

    public synchronized List<SourceStatus> statuses() {
        Map<SourceSystem, Long> open = quarantine.openBySource();
        List<SourceStatus> statuses = new ArrayList<>();
        workers.values().forEach(worker -> statuses.add(worker.status(open.getOrDefault(worker.source(), 0L))));
        return statuses;
    }

    public synchronized Optional<SourceStatus> status(SourceSystem system) {
        return Optional.ofNullable(workers.get(system)).map(w -> w.status(quarantine.openBySource().getOrDefault(system, 0L)));
    }

    /** Asks a source to be read now; false if it is not registered. */
    public synchronized boolean syncNow(SourceSystem system, boolean full) {
        SourceWorker worker = workers.get(system);
        if (worker == null) {
            return false;
        }
        worker.syncNow(full);
        return true;
    }

    /** What became of a notification a source posted. */
    public sealed interface Notified {
        record Handled(Outcome outcome) implements Notified {
        }

        /** The source is not connected, or its connector takes no notifications. */
        record NotAccepted() implements Notified {
        }
    }

    /** A source posted a notification (webhook): its connector translates it, the sink applies it. */
    public Notified notification(SourceSystem system, String contentType, byte[] body) {
        SourceWorker worker;
        synchronized (this) {
            worker = workers.get(system);
        }
        if (worker == null || !worker.takesNotifications()) {
            return new Notified.NotAccepted();
        }
        return new Notified.Handled(worker.notification(contentType, body));
    }

    /** Reads the mapping tables again (after an operator fixed one) and forgets cached directory names. */
    public void reloadMappings() {
        normalizer.useMappings(MappingTables.load(properties.mappingsDir(), serviceTypes));
        normalizer.forgetIdentities();
    }

    /** The mapping table version in use per source. */
    public Map<SourceSystem, String> mappingVersions() {
        Map<SourceSystem, String> versions = new EnumMap<>(SourceSystem.class);
        for (SourceSystem system : SourceSystem.values()) {
            versions.put(system, normalizer.mappings().of(system).version());
        }
        return versions;
    }

    /** What a replay of quarantined records did. */
    public record ReplayResult(int replayed, int stillFailing, int notReplayable) {
    }

    /** Replays one quarantined record through today's mappings and directory. */
    public ReplayResult replay(long id) {
        Optional<String> json = quarantine.recordJson(id);
        Optional<QuarantineEntry> entry = quarantine.get(id);
        if (entry.isEmpty() || entry.get().status() != QuarantineEntry.Status.OPEN) {
            return new ReplayResult(0, 0, 0);
        }
        if (json.isEmpty()) {
            return new ReplayResult(0, 0, 1);
        }
        SourceSystem system = entry.get().source();
        SourceRecord.SlotSeen record = SourceSink.JSON.readValue(json.get(), SourceRecord.SlotSeen.class);
        return switch (normalizer.normalize(system, record)) {
            case Normalizer.Normalized.Change change -> {
                availability.apply(system, List.of(change.change()), 0);
                quarantine.resolve(id, QuarantineEntry.Status.REPLAYED, clock.instant());
                yield new ReplayResult(1, 0, 0);
            }
            case Normalizer.Normalized.Nothing nothing -> {
                quarantine.resolve(id, QuarantineEntry.Status.REPLAYED, clock.instant());
                yield new ReplayResult(1, 0, 0);
            }
            case Normalizer.Normalized.Quarantine still -> {
                quarantine.stillFailing(id, still.reason());
                yield new ReplayResult(0, 1, 0);
            }
        };
    }

    /** Replays every open replayable record of a source (up to {@code limit}), oldest first. */
    public ReplayResult replayAll(SourceSystem system, int limit) {
        int replayed = 0;
        int failing = 0;
        for (long id : quarantine.openReplayable(system, limit)) {
            ReplayResult one = replay(id);
            replayed += one.replayed();
            failing += one.stillFailing();
        }
        return new ReplayResult(replayed, failing, 0);
    }

    @PreDestroy
    synchronized void stopAll() {
        workers.values().forEach(SourceWorker::stop);
        workers.clear();
    }
}
