package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.SourceIdentities;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what a source said into canonical changes: its site and professional names resolved through the
 * directory, its codes through the source's mapping table, then checked. What cannot be used is a
 * {@link Normalized.Quarantine} with the reason; nothing is dropped.
 */
final class Normalizer {

    /** Slots further out than this are not primary-care availability anyone can plan with. */
    static final Duration HORIZON = Duration.ofDays(366);
    /** A source may still report a slot that just started; older ones are history, not availability. */
    static final Duration PAST = Duration.ofDays(1);
    private static final Duration IDENTITIES_REFRESH = Duration.ofSeconds(30);

    sealed interface Normalized {
        record Change(SlotChange change) implements Normalized {
        }

        /** Nothing to apply (a site we know). */
        record Nothing() implements Normalized {
        }

        record Quarantine(String externalId, String reason) implements Normalized {
        }
    }

    private record Cached(SourceIdentities identities, Instant loadedAt) {
    }

    private final Directory directory;
    private final Clock clock;
    private volatile MappingTables mappings;
    private final Map<SourceSystem, Cached> identities = new ConcurrentHashMap<>();

    Normalizer(Directory directory, MappingTables mappings, Clock clock) {
        this.directory = directory;
        this.mappings = mappings;
        this.clock = clock;
    }

    void useMappings(MappingTables next) {
        this.mappings = next;
    }

    MappingTables mappings() {
        return mappings;
    }

    Normalized normalize(SourceSystem source, SourceRecord record) {
        return switch (record) {
            case SourceRecord.SiteSeen site -> site(source, site.siteRef()).isPresent() ? new Normalized.Nothing()
                    : new Normalized.Quarantine(null, "site '" + site.siteRef() + "' is not onboarded for " + source.displayName());
            case SourceRecord.SlotGone gone -> new Normalized.Change(new SlotChange.Removed(new Listing(source, gone.externalId(), gone.version())));
            case SourceRecord.Unreadable unreadable -> new Normalized.Quarantine(unreadable.externalId(), unreadable.reason());
            case SourceRecord.SlotSeen slot -> slot(source, slot);
        };
    }

    private Normalized slot(SourceSystem source, SourceRecord.SlotSeen slot) {
        String id = slot.externalId();
        if (id.length() > 200) {
            return new Normalized.Quarantine(id.substring(0, 200), "external id longer than 200 characters");
        }
        Optional<ClinicId> clinic = site(source, slot.siteRef());
        if (clinic.isEmpty()) {
            return new Normalized.Quarantine(id, "site '" + slot.siteRef() + "' is not onboarded for " + source.displayName());
        }
        if (slot.professionalRef() == null) {
            return new Normalized.Quarantine(id, "no professional named");
        }
        Optional<SourceIdentities.Staff> staff = professional(source, slot.professionalRef());
        if (staff.isEmpty()) {
            return new Normalized.Quarantine(id, "professional '" + slot.professionalRef() + "' is not known to " + source.displayName());
        }
        if (!staff.get().clinic().equals(clinic.get())) {
            return new Normalized.Quarantine(id, "professional '" + slot.professionalRef() + "' does not work at site '" + slot.siteRef() + "'");
        }
        String table = MappingTables.fileName(source) + " version " + mappings.of(source).version();
        Optional<ServiceTypeCode> service = mappings.service(source, slot.serviceCode());
        if (service.isEmpty()) {
            return new Normalized.Quarantine(id, "no mapping for service code '" + slot.serviceCode() + "' in " + table);
        }
        Optional<Modality> modality = mappings.modality(source, slot.modalityCode());
        if (modality.isEmpty()) {
            return new Normalized.Quarantine(id, "no mapping for modality code '" + slot.modalityCode() + "' in " + table);
        }
        if (slot.professionCode() != null) {
            Optional<Profession> profession = mappings.profession(source, slot.professionCode());
            if (profession.isEmpty()) {
                return new Normalized.Quarantine(id, "no mapping for profession code '" + slot.professionCode() + "' in " + table);
            }
            if (profession.get() != staff.get().profession()) {
                return new Normalized.Quarantine(id, "profession code '" + slot.professionCode() + "' says " + profession.get()
                        + " but the directory has " + staff.get().profession());
            }
        }
        if (slot.duration().compareTo(Duration.ofHours(8)) > 0) {
            return new Normalized.Quarantine(id, "a slot of " + slot.duration().toMinutes() + " minutes (more than 8 hours)");
        }
        Instant now = clock.instant();
        if (slot.start().isBefore(now.minus(PAST)) || slot.start().isAfter(now.plus(HORIZON))) {
            return new Normalized.Quarantine(id, "start " + slot.start() + " is outside the horizon (a day ago to a year ahead)");
        }
        return new Normalized.Change(new SlotChange.Published(new Listing(source, id, slot.version()), clinic.get(), staff.get().id(),
                service.get(), modality.get(), slot.start(), slot.duration(), slot.free(),
                slot.booking().deepLink() == null ? null : slot.booking().deepLink().toString(), slot.booking().phone()));
    }

    private Optional<ClinicId> site(SourceSystem source, String ref) {
        Optional<ClinicId> found = identities(source, false).site(ref);
        return found.isPresent() ? found : identities(source, true).site(ref);
    }

    private Optional<SourceIdentities.Staff> professional(SourceSystem source, String ref) {
        Optional<SourceIdentities.Staff> found = identities(source, false).professional(ref);
        return found.isPresent() ? found : identities(source, true).professional(ref);
    }

    /** The directory is read once per source and again on a miss, at most every 30 s (a clinic onboarded meanwhile). */
    private SourceIdentities identities(SourceSystem source, boolean missed) {
        Instant now = clock.instant();
        Cached cached = identities.get(source);
        if (cached == null || (missed && now.isAfter(cached.loadedAt().plus(IDENTITIES_REFRESH)))) {
            cached = new Cached(directory.sourceIdentities(source), now);
            identities.put(source, cached);
        }
        return cached.identities();
    }

    /** Forget what the directory said (after onboarding); the next record reads it again. */
    void forgetIdentities() {
        identities.clear();
    }
}
