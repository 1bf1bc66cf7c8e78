package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.directory.ClinicListing;
import ca.careorchestrator.app.directory.ClinicQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.geo.PostalArea;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/clinics", produces = "application/json")
@Tag(name = "Clinics", description = "Primary-care sites and the systems they publish through")
class ClinicsApi {

    private static final double DEFAULT_RADIUS_KM = 25;

    private final Directory directory;

    ClinicsApi(Directory directory) {
        this.directory = directory;
    }

    record SystemJson(String code, String name, String bookingChannel) {
    }

    record ClinicJson(String id, String name, String kind, String kindName, String region, String localNetwork, String fsa,
            double latitude, double longitude, String phone, List<SystemJson> systems, Double distanceKm) {

        static ClinicJson of(Clinic c, Language language, Double distanceKm) {
            return new ClinicJson(c.id().toString(), c.name(), c.kind().name(), c.kind().name(language), c.region().value(),
                    c.localNetwork().value(), c.fsa().value(), c.location().latitude(), c.location().longitude(), c.phone(),
                    c.systems().stream().map(s -> new SystemJson(s.name(), s.displayName(), s.bookingChannel().name())).toList(),
                    distanceKm);
        }
    }

    @GetMapping
    @Operation(summary = "Clinics by region or local network, or nearest first around a postal code")
    PageJson<ClinicJson> clinics(
            @Parameter(description = "RSS code, 01 to 18") @RequestParam(required = false) String region,
            @Parameter(description = "RLS code, e.g. 0311") @RequestParam(required = false) String localNetwork,
            @Parameter(description = "postal code or FSA; results nearest first") @RequestParam(required = false) String postalCode,
            @Parameter(description = "km around the postal code, 1 to 200 (default 25)") @RequestParam(required = false) String radiusKm,
            @Parameter(description = "zero-based page") @RequestParam(required = false) String page,
            @Parameter(description = "page size, 1 to 200 (default 20)") @RequestParam(required = false) String size,
            Locale locale) {
        Optional<ClinicQuery.Near> near = Optional.empty();
        if (postalCode != null && !postalCode.isBlank()) {
            PostalArea area = Params.postalArea(postalCode, directory);
            near = Optional.of(new ClinicQuery.Near(area.centroid(), Params.radiusKm(radiusKm, DEFAULT_RADIUS_KM)));
        } else if (radiusKm != null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "postalCode");
        }
        ClinicQuery query = new ClinicQuery(Params.region(region, directory), Params.localNetwork(localNetwork, directory), near,
                Params.page(page, size));
        Language language = Languages.of(locale);
        return PageJson.of(directory.clinics(query), (ClinicListing c) -> ClinicJson.of(c.clinic(), language,
                c.distanceKm().isPresent() ? Math.round(c.distanceKm().getAsDouble() * 10) / 10.0 : null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One clinic")
    ClinicJson clinic(@PathVariable String id, Locale locale) {
        Clinic clinic = directory.clinic(new ClinicId(Params.id(id)))
                .orElseThrow(() -> new ProblemException(Problem.CLINIC_NOT_FOUND, Params.shown(id)));
        return ClinicJson.of(clinic, Languages.of(locale), null);
    }
}
