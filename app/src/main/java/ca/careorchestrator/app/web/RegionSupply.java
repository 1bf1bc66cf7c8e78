package ca.careorchestrator.app.web;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotCounts;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Each region with its clinics, professionals and future slots: what the home page and /api/v1/regions show. */
@Component
public final class RegionSupply {

    /** One region's supply. */
    public record Row(RegionCode code, String name, long population, int localNetworks, int clinics, int professionals,
            int physicians, long futureSlots, long freeSlots) {
    }

    private final Directory directory;
    private final Availability availability;
    private final Clock clock;

    RegionSupply(Directory directory, Availability availability, Clock clock) {
        this.directory = directory;
        this.availability = availability;
        this.clock = clock;
    }

    public List<Row> rows() {
        Map<RegionCode, SlotCounts> slots = availability.futureSlotsByRegion(clock.instant());
        return directory.regions().stream().map(r -> {
            SlotCounts counts = slots.getOrDefault(r.region().code(), SlotCounts.NONE);
            return new Row(r.region().code(), r.region().name(), r.region().population(), r.localNetworks(), r.clinics(),
                    r.professionals(), r.physicians(), counts.total(), counts.free());
        }).toList();
    }
}
