package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.ProfessionalQuery;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Professional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/professionals", produces = "application/json")
@Tag(name = "Professionals", description = "Physicians, nurse practitioners, nurses, pharmacists and psychosocial professionals")
class ProfessionalsApi {

    private final Directory directory;

    ProfessionalsApi(Directory directory) {
        this.directory = directory;
    }

    record ProfessionalJson(String id, String clinicId, String profession, String professionName, String familyName,
            String givenName, List<String> languages) {

        static ProfessionalJson of(Professional p, Language language) {
            return new ProfessionalJson(p.id().toString(), p.clinic().toString(), p.profession().name(),
                    p.profession().name(language), p.familyName(), p.givenName(),
                    p.languages().stream().sorted().map(l -> l.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    @GetMapping
    @Operation(summary = "Professionals by region, clinic or profession")
    PageJson<ProfessionalJson> professionals(
            @Parameter(description = "RSS code, 01 to 18") @RequestParam(required = false) String region,
            @Parameter(description = "clinic id") @RequestParam(required = false) String clinic,
            @Parameter(description = "PHYSICIAN, NURSE_PRACTITIONER, NURSE, PHARMACIST, PSYCHOLOGIST, SOCIAL_WORKER, PHYSIOTHERAPIST")
            @RequestParam(required = false) String profession,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            Locale locale) {
        Optional<ClinicId> clinicId = clinic == null || clinic.isBlank() ? Optional.empty() : Optional.of(new ClinicId(Params.id(clinic)));
        ProfessionalQuery query = new ProfessionalQuery(Params.region(region, directory), clinicId, Params.profession(profession),
                Params.page(page, size));
        Language language = Languages.of(locale);
        return PageJson.of(directory.professionals(query), p -> ProfessionalJson.of(p, language));
    }
}
