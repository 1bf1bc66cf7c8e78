package ca.careorchestrator.app.web;

import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The province at a glance: regions, clinics, professionals and future slots per region. */
@Controller
class HomeController {

    private final RegionSupply supply;
    private final ProvinceLoader loader;
    private final Sources sources;

    HomeController(RegionSupply supply, ProvinceLoader loader, Sources sources) {
        this.supply = supply;
        this.loader = loader;
        this.sources = sources;
    }

    /** How far the sources are: how many are up to date, syncing, failing, and records received so far. */
    record SourcesSummary(int total, int upToDate, int syncing, int failing, long recordsIn) {
        public boolean syncingNow() {
            return syncing > 0;
        }
    }

    @GetMapping("/")
    String home(Model model, Locale locale) {
        LoadStatus status = loader.status();
        model.addAttribute("status", status);
        // The directory is in place before the slots: show it while slots load, their counts growing.
        if (status.ready() || status.phase() == LoadStatus.Phase.LOADING_SLOTS) {
            List<RegionSupply.Row> rows = supply.rows();
            model.addAttribute("regions", rows);
            model.addAttribute("totals", new RegionSupply.Row(null, null, rows.stream().mapToLong(RegionSupply.Row::population).sum(),
                    rows.stream().mapToInt(RegionSupply.Row::localNetworks).sum(), rows.stream().mapToInt(RegionSupply.Row::clinics).sum(),
                    rows.stream().mapToInt(RegionSupply.Row::professionals).sum(),
                    rows.stream().mapToInt(RegionSupply.Row::physicians).sum(),
                    rows.stream().mapToLong(RegionSupply.Row::futureSlots).sum(),
                    rows.stream().mapToLong(RegionSupply.Row::freeSlots).sum()));
        }
        List<SourceStatus> statuses = sources.statuses();
        model.addAttribute("sources", new SourcesSummary(statuses.size(),
                (int) statuses.stream().filter(s -> s.phase() == SourceStatus.Phase.UP).count(),
                (int) statuses.stream().filter(s -> s.phase() == SourceStatus.Phase.INITIAL_SYNC).count(),
                (int) statuses.stream().filter(s -> s.phase() == SourceStatus.Phase.RETRYING || s.phase() == SourceStatus.Phase.DOWN).count(),
                statuses.stream().mapToLong(SourceStatus::recordsIn).sum()));
        model.addAttribute("numbers", new NumberFormatter(locale));
        return "home";
    }
}
