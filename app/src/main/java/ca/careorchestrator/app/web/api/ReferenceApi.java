package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.CatalogStatus;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Reference", description = "Service-type taxonomy and the state of the data load")
class ReferenceApi {

    private final ProvinceLoader loader;
    private final ServiceTypes serviceTypes;
    private final Catalog catalog;

    ReferenceApi(ProvinceLoader loader, ServiceTypes serviceTypes, Catalog catalog) {
        this.loader = loader;
        this.serviceTypes = serviceTypes;
        this.catalog = catalog;
    }

    record ServiceTypeJson(String code, String name, String nameFr, String nameEn, long usualMinutes) {
    }

    record StatusJson(String phase, String preset, long seed, int percent, long slotsWritten, long slotsTotal, int clinics,
            int professionals, Instant startedAt, Instant completedAt, String failure, SearchIndexJson searchIndex) {
    }

    /** The in-memory search index: whether it answers, its slots and heap, changes not applied yet, the last rebuild. */
    record SearchIndexJson(boolean ready, boolean rebuilding, int slots, long megabytes, int changesWaiting, Instant lastRebuildAt,
            Double lastRebuildSeconds) {
    }

    @GetMapping("/service-types")
    @Operation(summary = "The canonical service-type taxonomy, in French and English")
    List<ServiceTypeJson> serviceTypes(Locale locale) {
        Language language = Languages.of(locale);
        return serviceTypes.all().stream().map(t -> new ServiceTypeJson(t.code().value(), t.name(language), t.nameFr(), t.nameEn(),
                t.usualLength().toMinutes())).toList();
    }

    @GetMapping("/status")
    @Operation(summary = "Progress of the start-up load of the synthetic province")
    StatusJson status() {
        LoadStatus s = loader.status();
        CatalogStatus index = catalog.status();
        return new StatusJson(s.phase().name(), s.preset(), s.seed(), s.percent(), s.slotsWritten(), s.slotsTotal(), s.clinics(),
                s.professionals(), s.startedAt().orElse(null), s.completedAt().orElse(null), s.failure().orElse(null),
                new SearchIndexJson(index.ready(), index.rebuilding(), index.slots(), index.bytes() >> 20, index.changesWaiting(),
                        index.lastRebuild().map(CatalogStatus.Rebuild::at).orElse(null),
                        index.lastRebuild().map(r -> r.took().toMillis() / 1000.0).orElse(null)));
    }
}
