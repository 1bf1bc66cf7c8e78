package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SearchResult;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ServiceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Distance;
import org.hl7.fhir.r4.model.Slot;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /fhir/Slot}: free slots from every platform as a searchset Bundle, soonest first, one page at a
 * time (see {@link SlotSearch} for the parameters). Served from the search index like the JSON API.
 */
@RestController
@RequestMapping("/fhir")
final class FhirSlots {

    /** FHIR's standard extension for how far a search match is from the {@code near} point. */
    static final String DISTANCE = "http://hl7.org/fhir/StructureDefinition/location-distance";

    private final Catalog catalog;
    private final Availability availability;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final FhirJson json;
    private final Clock clock;

    private final ca.careorchestrator.app.allocation.Admissions admissions;

    FhirSlots(Catalog catalog, Availability availability, Directory directory, ServiceTypes serviceTypes, FhirJson json, Clock clock,
            ca.careorchestrator.app.allocation.Admissions admissions) {
        this.admissions = admissions;
        this.catalog = catalog;
        this.availability = availability;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/Slot")
    ResponseEntity<String> search(@RequestParam MultiValueMap<String, String> parameters, Locale locale) {
        SlotSearch search = new SlotSearch(parameters.getFirst("status"), parameters.get("start"), parameters.getFirst("service-type"),
                parameters.getFirst("near"), parameters.getFirst("region"), parameters.getFirst("_count"), parameters.getFirst("page"));
        SearchResult result;
        try {
            // No patient on a Slot search: what the allocation rules open to everyone.
            result = catalog.search(search.toQuery(directory, serviceTypes, clock.instant()),
                    admissions.visibilityFor(ca.careorchestrator.core.allocation.Applicant.anonymous()));
        } catch (Catalog.NotReady e) {
            throw new ProblemException(Problem.SEARCH_NOT_READY).retryAfter(Duration.ofSeconds(5));
        }
        FhirResources resources = new FhirResources(serviceTypes, Languages.of(locale));
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").toUriString();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
        if (result.hasNext()) {
            bundle.addLink().setRelation("next")
                    .setUrl(ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", result.page() + 1).toUriString());
        }
        for (SlotHit hit : result.hits()) {
            Slot slot = slot(resources, hit);
            Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(base + "/Slot/" + slot.getIdElement().getIdPart()).setResource(slot);
            entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            hit.distanceKm().ifPresent(km -> entry.getSearch().addExtension(DISTANCE, new Distance()
                    .setValue(Math.round(km * 10) / 10.0).setUnit("km").setSystem("http://unitsofmeasure.org").setCode("km")));
        }
        return json.answer(200, bundle);
    }

    /**
     * A slot booked outside the orchestrator carries where (SMART Scheduling Links' deep link) or whom to call;
     * the index does not keep those, so the few such hits of a page are looked up.
     */
    private Slot slot(FhirResources resources, SlotHit hit) {
        Optional<String> deepLink = Optional.empty();
        Optional<String> phone = Optional.empty();
        if (hit.channel() != BookingChannel.API) {
            Optional<StoredSlot.LiveListing> listing = availability.slot(hit.id()).flatMap(StoredSlot::bestListing);
            deepLink = listing.flatMap(StoredSlot.LiveListing::deepLink);
            phone = listing.flatMap(StoredSlot.LiveListing::bookingPhone).or(() -> directory.clinic(hit.clinic()).map(Clinic::phone))
                    .filter(number -> !number.isBlank());
        }
        return resources.slot(Visit.of(hit), deepLink, phone);
    }
}
