package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotCounts;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.Region;
import ca.careorchestrator.core.geo.RegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/regions", produces = "application/json")
@Tag(name = "Regions", description = "The 18 health regions (RSS) and their 96 local service networks (RLS)")
class RegionsApi {

    private final Directory directory;
    private final Availability availability;
    private final Clock clock;

    RegionsApi(Directory directory, Availability availability, Clock clock) {
        this.directory = directory;
        this.availability = availability;
        this.clock = clock;
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
        Map<RegionCode, SlotCounts> slots = availability.futureSlotsByRegion(clock.instant());
        return directory.regions().stream().map(r -> {
            SlotCounts counts = slots.getOrDefault(r.region().code(), SlotCounts.NONE);
            return new RegionJson(r.region().code().value(), r.region().name(), r.region().population(), r.localNetworks(),
                    r.clinics(), r.professionals(), r.physicians(), counts.total(), counts.free());
        }).toList();
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
