package ca.careorchestrator.app.web;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotCounts;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The province at a glance: regions, clinics, professionals and future slots per region. */
@Controller
class HomeController {

    private final Directory directory;
    private final Availability availability;
    private final ProvinceLoader loader;
    private final Clock clock;

    HomeController(Directory directory, Availability availability, ProvinceLoader loader, Clock clock) {
        this.directory = directory;
        this.availability = availability;
        this.loader = loader;
        this.clock = clock;
    }

    /** One row of the regions table. */
    record RegionRow(RegionCode code, String name, long population, int localNetworks, int clinics, int professionals,
            int physicians, long futureSlots, long freeSlots) {
    }

    @GetMapping("/")
    String home(Model model, Locale locale) {
        LoadStatus status = loader.status();
        model.addAttribute("status", status);
        // The directory is in place before the slots: show it while slots load, their counts growing.
        if (status.ready() || status.phase() == LoadStatus.Phase.LOADING_SLOTS) {
            Map<RegionCode, SlotCounts> slots = availability.futureSlotsByRegion(clock.instant());
            List<RegionRow> rows = directory.regions().stream().map(r -> row(r, slots)).toList();
            model.addAttribute("regions", rows);
            model.addAttribute("totals", new RegionRow(null, null, rows.stream().mapToLong(RegionRow::population).sum(),
                    rows.stream().mapToInt(RegionRow::localNetworks).sum(), rows.stream().mapToInt(RegionRow::clinics).sum(),
                    rows.stream().mapToInt(RegionRow::professionals).sum(), rows.stream().mapToInt(RegionRow::physicians).sum(),
                    rows.stream().mapToLong(RegionRow::futureSlots).sum(), rows.stream().mapToLong(RegionRow::freeSlots).sum()));
        }
        model.addAttribute("numbers", new NumberFormatter(locale));
        return "home";
    }

    private static RegionRow row(RegionOverview r, Map<RegionCode, SlotCounts> slots) {
        SlotCounts counts = slots.getOrDefault(r.region().code(), SlotCounts.NONE);
        return new RegionRow(r.region().code(), r.region().name(), r.region().population(), r.localNetworks(), r.clinics(),
                r.professionals(), r.physicians(), counts.total(), counts.free());
    }
}
