package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.RegionSupply;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.Region;
import ca.careorchestrator.core.geo.RegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/regions", produces = "application/json")
@Tag(name = "Regions", description = "The 18 health regions (RSS) and their 96 local service networks (RLS)")
class RegionsApi {

    private final Directory directory;
    private final RegionSupply supply;

    RegionsApi(Directory directory, RegionSupply supply) {
        this.directory = directory;
        this.supply = supply;
    }

    record RegionJson(String code, String name, long population, int localNetworks, int clinics, int professionals,
            int physicians, long futureSlots, long freeFutureSlots) {
    }

    record LocalNetworkJson(String code, String name, long population) {

        static LocalNetworkJson of(LocalNetwork network) {
            return new LocalNetworkJson(network.code().value(), network.name(), network.population());
        }
    }

    record RegionDetailJson(String code, String name, long population, List<LocalNetworkJson> localNetworks) {
    }

    @GetMapping
    @Operation(summary = "All regions, with their clinics, professionals and future slots")
    List<RegionJson> regions() {
        return supply.rows().stream().map(r -> new RegionJson(r.code().value(), r.name(), r.population(), r.localNetworks(),
                r.clinics(), r.professionals(), r.physicians(), r.futureSlots(), r.freeSlots())).toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One region and its local service networks")
    RegionDetailJson region(@PathVariable String code) {
        Region region = (RegionCode.isValid(code) ? directory.region(new RegionCode(code)) : java.util.Optional.<Region>empty())
                .orElseThrow(() -> new ProblemException(Problem.REGION_NOT_FOUND, Params.shown(code)));
        return new RegionDetailJson(region.code().value(), region.name(), region.population(),
                directory.localNetworks(region.code()).stream().map(LocalNetworkJson::of).toList());
    }
}
