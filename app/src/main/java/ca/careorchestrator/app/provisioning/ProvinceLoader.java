package ca.careorchestrator.app.provisioning;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.SourceRef;
import ca.careorchestrator.app.identity.Registry;
import ca.careorchestrator.app.provisioning.persistence.ProvisioningRuns;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.careorchestrator.simulator.province.Resident;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Loads the configured province once the web server is up, so the page can show progress. Keeps what a
 * completed run loaded (a restart reuses the file database); redoes a run that was interrupted.
 */
@Service
public class ProvinceLoader {

    private static final Logger log = LoggerFactory.getLogger(ProvinceLoader.class);
    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final int CHUNK = 20_000;
    private static final int PEOPLE_CHUNK = 5_000;

    private final ProvisioningProperties properties;
    private final Directory directory;
    private final Availability availability;
    private final Registry registry;
    private final ProvisioningRuns runs;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AtomicReference<LoadStatus> status;

    ProvinceLoader(ProvisioningProperties properties, Directory directory, Availability availability, Registry registry,
            ProvisioningRuns runs, Clock clock, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
        this.properties = properties;
        this.directory = directory;
        this.availability = availability;
        this.runs = runs;
        this.clock = clock;
        this.status = new AtomicReference<>(new LoadStatus(LoadStatus.Phase.STARTING, properties.preset().code(),
                properties.seed(), 0, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public LoadStatus status() {
        return status.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        Thread.ofVirtual().name("province-loader").start(this::loadIfNeeded);
    }

    private Instant complete(long runId, Province province, Instant started, long written, long total) {
        Instant completed = clock.instant();
        ProvinceSpec spec = province.spec();
        runs.complete(runId, province.clinics().size(), province.professionals().size(), written, completed);
        status.set(new LoadStatus(LoadStatus.Phase.READY, spec.preset().code(), spec.seed(), written, total, province.clinics().size(),
                province.professionals().size(), Optional.of(started), Optional.of(completed), Optional.empty()));
        events.publishEvent(new ProvinceProvisioned(spec, properties.slots() == ProvisioningProperties.SlotOrigin.SOURCES));
        return completed;
    }

    /**
     * The registry of insured people: the province's residents, chunk by chunk (each one transaction, COPY on
     * PostgreSQL), on the same writers as the slots.
     */
    private void loadResidents(Province province) {
        Instant started = clock.instant();
        Map<ProfessionalId, ClinicId> clinicOf = new HashMap<>();
        province.professionals().forEach(p -> clinicOf.put(p.id(), p.clinic()));
        AtomicLong written = new AtomicLong();
        try (ChunkWriter<Resident> writer = new ChunkWriter<>(chunk -> {
            registry.add(chunk, clinicOf);
            written.addAndGet(chunk.size());
        })) {
            List<Resident> chunk = new ArrayList<>(PEOPLE_CHUNK);
            province.forEachResident(resident -> {
                chunk.add(resident);
                if (chunk.size() == PEOPLE_CHUNK) {
                    writer.submit(List.copyOf(chunk));
                    chunk.clear();
                }
            });
            writer.submit(List.copyOf(chunk));
        }
        double seconds = Math.max(0.001, (clock.instant().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        log.info("Loaded {} insured people in {} s ({} people/s)", written.get(), String.format("%.1f", seconds),
                Math.round(written.get() / seconds));
    }

    /** Each clinic is known to the systems it publishes through, with its professionals. */
    private static List<SourceRef> sourceRefs(Province province) {
        Map<ClinicId, Clinic> clinics = new HashMap<>();
        List<SourceRef> refs = new ArrayList<>();
        for (Clinic clinic : province.clinics()) {
            clinics.put(clinic.id(), clinic);
            for (SourceSystem system : clinic.systems()) {
                refs.add(new SourceRef(system, SourceRef.Kind.SITE, province.siteRef(system, clinic.id()), clinic.id().value()));
            }
        }
        for (Professional professional : province.professionals()) {
            for (SourceSystem system : clinics.get(professional.clinic()).systems()) {
                refs.add(new SourceRef(system, SourceRef.Kind.PROFESSIONAL, Province.professionalRef(system, professional.id()),
                        professional.id().value()));
            }
        }
        return refs;
    }

    /** Loads the configured province unless a completed run already did. Returns the final status. */
    public LoadStatus loadIfNeeded() {
        Optional<ProvisioningRuns.Run> latest = runs.latest();
        if (latest.isPresent() && latest.get().completedAt().isPresent()) {
            ProvisioningRuns.Run run = latest.get();
            if (properties.enabled() && registry.isEmpty()) {
                // Provisioned before the registry of insured people existed (#5): the same spec gives the same people.
                loadResidents(ProvinceGenerator.generate(new ProvinceSpec(Preset.fromCode(run.preset()), run.seed(), run.firstDay(),
                        run.weeks())));
            }
            status.set(new LoadStatus(LoadStatus.Phase.READY, run.preset(), run.seed(), run.slots(), run.slots(), run.clinics(),
                    run.professionals(), Optional.of(run.startedAt()), run.completedAt(), Optional.empty()));
            events.publishEvent(new ProvinceProvisioned(new ProvinceSpec(Preset.fromCode(run.preset()), run.seed(), run.firstDay(),
                    run.weeks()), properties.slots() == ProvisioningProperties.SlotOrigin.SOURCES));
            if (!run.preset().equals(properties.preset().code()) || run.seed() != properties.seed()) {
                log.warn("The database holds preset {} (seed {}), not the configured {} (seed {}); keeping it. "
                        + "Point care.data-dir or spring.datasource.url elsewhere to load another.",
                        run.preset(), run.seed(), properties.preset().code(), properties.seed());
            }
            return status.get();
        }
        if (!properties.enabled()) {
            status.set(new LoadStatus(LoadStatus.Phase.READY, "none", 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(),
                    Optional.empty()));
            return status.get();
        }
        try {
            load(latest.isPresent());
        } catch (RuntimeException e) {
            log.error("Loading the {} province failed", properties.preset().code(), e);
            LoadStatus failed = status.get();
            status.set(new LoadStatus(LoadStatus.Phase.FAILED, failed.preset(), failed.seed(), failed.slotsWritten(),
                    failed.slotsTotal(), failed.clinics(), failed.professionals(), failed.startedAt(), Optional.empty(),
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        return status.get();
    }

    private void load(boolean interrupted) {
        Instant started = clock.instant();
        LocalDate firstDay = LocalDate.ofInstant(started, QUEBEC);
        String preset = properties.preset().code();
        status.set(new LoadStatus(LoadStatus.Phase.PREPARING, preset, properties.seed(), 0, 0, 0, 0, Optional.of(started),
                Optional.empty(), Optional.empty()));
        if (interrupted) {
            log.info("An earlier load was interrupted; clearing what it wrote");
            availability.clear();
            registry.clear();
            directory.clear();
            runs.forgetAll();
        }
        long runId = runs.start(preset, properties.seed(), firstDay, properties.weeks(), started);
        Province province = ProvinceGenerator.generate(new ProvinceSpec(properties.preset(), properties.seed(), firstDay,
                properties.weeks()));
        long total = province.slotCount();
        log.info("Loading the {} province: {} clinics, {} professionals, {} slots from {}", preset, province.clinics().size(),
                province.professionals().size(), total, firstDay);
        directory.loadGeography(province.regions(), province.localNetworks(), province.postalAreas());
        directory.addClinics(province.clinics());
        directory.addProfessionals(province.professionals());
        directory.addSourceRefs(sourceRefs(province));
        loadResidents(province);

        if (properties.slots() == ProvisioningProperties.SlotOrigin.SOURCES) {
            // Slots arrive from the clinics' own systems, through the connectors (the ingestion module).
            complete(runId, province, started, 0, 0);
            return;
        }
        Map<ClinicId, RegionCode> regionOf = new HashMap<>();
        for (Clinic clinic : province.clinics()) {
            regionOf.put(clinic.id(), clinic.region());
        }
        int clinics = province.clinics().size();
        int professionals = province.professionals().size();
        AtomicLong written = new AtomicLong();
        status.set(new LoadStatus(LoadStatus.Phase.LOADING_SLOTS, preset, properties.seed(), 0, total, clinics, professionals,
                Optional.of(started), Optional.empty(), Optional.empty()));
        // Generating is cheap next to storing (the database works per row: keys, indexes, checks), so chunks are
        // written on WRITERS connections at once; each chunk is one transaction, in any order.
        try (ChunkWriter<Slot> writer = new ChunkWriter<>(chunk -> {
            availability.addSlots(chunk, s -> regionOf.get(s.clinic()));
            long done = written.addAndGet(chunk.size());
            status.set(new LoadStatus(LoadStatus.Phase.LOADING_SLOTS, preset, properties.seed(), done, total, clinics,
                    professionals, Optional.of(started), Optional.empty(), Optional.empty()));
        })) {
            List<Slot> chunk = new ArrayList<>(CHUNK);
            province.forEachSlot(slot -> {
                chunk.add(slot);
                if (chunk.size() == CHUNK) {
                    writer.submit(List.copyOf(chunk));
                    chunk.clear();
                }
            });
            writer.submit(List.copyOf(chunk));
        }
        Instant completed = complete(runId, province, started, written.get(), total);
        double seconds = Math.max(0.001, (completed.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        log.info("Loaded {} slots in {} s ({} slots/s)", written.get(), String.format("%.1f", seconds),
                Math.round(written.get() / seconds));
    }
}
