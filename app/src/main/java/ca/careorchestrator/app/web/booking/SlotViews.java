package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.PageRequest;
import ca.careorchestrator.app.directory.ProfessionalQuery;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ServiceTypes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Slots as the patient pages show them: a result line, or one slot in full (who, where, how it is booked). */
@Component
class SlotViews {

    private static final int ALTERNATIVES = 3;

    private final Catalog catalog;
    private final Availability availability;
    private final Directory directory;
    private final ServiceTypes serviceTypes;

    SlotViews(Catalog catalog, Availability availability, Directory directory, ServiceTypes serviceTypes) {
        this.catalog = catalog;
        this.availability = availability;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
    }

    /** A line of a result list or of the alternatives. {@code distanceKm} is null without a postal code. */
    record Hit(String id, Instant start, int durationMinutes, String service, String modality, String profession, String clinic,
            String region, Double distanceKm, BookingChannel channel) {

        public boolean bookHere() {
            return channel == BookingChannel.API;
        }
    }

    /**
     * One slot in full. {@code channel} and {@code source}: how and through which system it is booked now (its best live
     * listing), empty when no source publishes it any more.
     */
    record Slot(String id, String state, Instant start, int durationMinutes, String service, String modality, String profession,
            String professional, String clinic, String clinicPhone, String region, Optional<BookingChannel> channel,
            Optional<String> source) {

        public boolean free() {
            return state.equals("FREE");
        }

        public String clinicPhoneHref() {
            return BookingPages.telHref(clinicPhone);
        }
    }

    List<Hit> hits(List<SlotHit> hits, Language language) {
        Map<String, String> regions = directory.regions().stream().map(RegionOverview::region)
                .collect(Collectors.toMap(r -> r.code().value(), r -> r.name(), (a, b) -> a));
        return hits.stream().map(hit -> new Hit(hit.id().toString(), hit.start(), hit.durationMinutes(),
                serviceTypes.find(hit.service().value()).map(t -> t.name(language)).orElse(hit.service().value()),
                hit.modality().name(language), hit.profession().name(language), hit.clinicName(),
                regions.getOrDefault(hit.region().value(), hit.region().value()),
                hit.distanceKm().isPresent() ? Math.round(hit.distanceKm().getAsDouble() * 10) / 10.0 : null, hit.channel())).toList();
    }

    /** The next free slots like this one (same service, same region), so a patient who lost it is never left with nothing. */
    List<Hit> alternativesTo(SlotId slot, Language language) {
        return hits(catalog.alternativesTo(slot, ALTERNATIVES), language);
    }

    Optional<Slot> slot(SlotId id, Language language) {
        return availability.slot(id).map(stored -> slot(stored, language));
    }

    private Slot slot(StoredSlot stored, Language language) {
        var slot = stored.slot();
        Optional<Clinic> clinic = directory.clinic(slot.clinic());
        Optional<Professional> professional = directory.professionals(new ProfessionalQuery(Optional.empty(), Optional.of(slot.clinic()),
                Optional.empty(), new PageRequest(0, PageRequest.MAX_SIZE))).items().stream()
                .filter(p -> p.id().equals(slot.professional())).findFirst();
        Optional<StoredSlot.LiveListing> best = stored.bestListing();
        return new Slot(slot.id().toString(), slot.state().code(), slot.start(), (int) slot.duration().toMinutes(),
                serviceTypes.find(slot.service().value()).map(t -> t.name(language)).orElse(slot.service().value()),
                slot.modality().name(language),
                professional.map(p -> p.profession().name(language)).orElse(""),
                professional.map(p -> p.givenName() + " " + p.familyName()).orElse(""),
                clinic.map(Clinic::name).orElse(""), clinic.map(Clinic::phone).orElse(""),
                clinic.flatMap(c -> directory.region(c.region())).map(r -> r.name()).orElse(""),
                best.map(StoredSlot.LiveListing::channel), best.map(l -> l.listing().source().displayName()));
    }
}
