package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SearchResult;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/slots", produces = "application/json")
@Tag(name = "Slots", description = "Free slots from every platform, searched in one place")
class SlotsApi {

    private final Catalog catalog;
    private final Availability availability;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final Clock clock;
    private final ca.careorchestrator.app.allocation.Admissions admissions;

    SlotsApi(Catalog catalog, Availability availability, Directory directory, ServiceTypes serviceTypes, Clock clock,
            ca.careorchestrator.app.allocation.Admissions admissions) {
        this.admissions = admissions;
        this.catalog = catalog;
        this.availability = availability;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.clock = clock;
    }

    /**
     * {@code moreForSignedIn}: allocation rules kept some matching slots from this anonymous search (they are open
     * to some patients only, for now); a signed-in patient may see more.
     */
    record SearchJson(List<SlotJson> items, int page, int size, boolean hasNext, boolean moreForSignedIn) {
    }

    @GetMapping
    @Operation(summary = "Free slots, soonest first (or nearest first around a postal code), one page at a time")
    SearchJson search(
            @Parameter(description = "postal code or FSA: distance from its centroid") @RequestParam(required = false) String postalCode,
            @Parameter(description = "RSS code, 01 to 18") @RequestParam(required = false) String region,
            @Parameter(description = "km around the postal code, 1 to 200 (default 25)") @RequestParam(required = false) String radiusKm,
            @Parameter(description = "service-type code (see /api/v1/service-types)") @RequestParam(required = false) String service,
            @Parameter(description = "PHYSICIAN, NURSE_PRACTITIONER, NURSE, ...") @RequestParam(required = false) String profession,
            @Parameter(description = "IN_PERSON, PHONE or VIDEO") @RequestParam(required = false) String modality,
            @Parameter(description = "consultation language: fr or en") @RequestParam(required = false) String language,
            @Parameter(description = "window start: a date (Quebec day) or an instant; default now") @RequestParam(required = false) String from,
            @Parameter(description = "window end (that day included); default 30 days after the start; at most 90 days")
            @RequestParam(required = false) String to,
            @Parameter(description = "soonest (default) or nearest") @RequestParam(required = false) String order,
            @Parameter(description = "zero-based page") @RequestParam(required = false) String page,
            @Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) String size,
            Locale locale) {
        SearchCriteria criteria = new SearchCriteria(postalCode, region, radiusKm, service, profession, modality, language, from, to, order,
                page, size);
        SearchResult result;
        try {
            // Anonymous until sign-in (#5) reaches this API: what is open to everyone.
            result = catalog.search(criteria.toQuery(directory, serviceTypes, clock.instant()),
                    admissions.visibilityFor(ca.careorchestrator.core.allocation.Applicant.anonymous()));
        } catch (Catalog.NotReady e) {
            throw new ProblemException(Problem.SEARCH_NOT_READY).retryAfter(Duration.ofSeconds(5));
        }
        Language lang = Languages.of(locale);
        return new SearchJson(result.hits().stream().map(hit -> SlotJson.of(hit, serviceTypes, lang)).toList(), result.page(), result.size(),
                result.hasNext(), result.hiddenByPolicy());
    }

    record ListingJson(String source, String sourceName, String channel, String deepLink, String phone) {
    }

    record SlotDetailJson(String id, String state, Instant start, Instant end, String service, String modality, String clinicId,
            String clinicName, String clinicPhone, String professionalId, List<ListingJson> listings) {
    }

    @GetMapping("/{id}")
    @Operation(summary = "One slot as stored now: its state and every listing still published (where and how to book it)")
    SlotDetailJson slot(@PathVariable String id) {
        SlotId slotId = new SlotId(Params.id(id));
        StoredSlot stored = availability.slot(slotId).orElseThrow(() -> new ProblemException(Problem.SLOT_NOT_FOUND, Params.shown(id)));
        Clinic clinic = directory.clinic(stored.slot().clinic()).orElseThrow();
        return new SlotDetailJson(id, stored.slot().state().code(), stored.slot().start(), stored.slot().end(),
                stored.slot().service().value(), stored.slot().modality().name(), clinic.id().toString(), clinic.name(), clinic.phone(),
                stored.slot().professional().value().toString(),
                stored.liveListings().stream().map(l -> new ListingJson(l.listing().source().name(), l.listing().source().displayName(),
                        l.channel().name(), l.deepLink().orElse(null), l.bookingPhone().orElse(null))).toList());
    }
}
