package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.core.geo.PostalArea;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/postal-areas", produces = "application/json")
@Tag(name = "Postal areas", description = "Where a postal code lies: its FSA centroid, network, region and time zone")
class PostalAreasApi {

    private final Directory directory;

    PostalAreasApi(Directory directory) {
        this.directory = directory;
    }

    record PostalAreaJson(String fsa, String place, double latitude, double longitude, String localNetwork, String region,
            String timeZone) {
    }

    @GetMapping("/{postalCode}")
    @Operation(summary = "Locate a postal code (A1A 1A1, A1A1A1) or an FSA (A1A)")
    PostalAreaJson postalArea(@PathVariable String postalCode) {
        PostalArea area = Params.postalArea(postalCode, directory);
        return new PostalAreaJson(area.fsa().value(), area.place(), area.centroid().latitude(), area.centroid().longitude(),
                area.localNetwork().value(), area.region().value(), area.zone().getId());
    }
}
