package ca.careorchestrator.app.support;

import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.careorchestrator.simulator.province.Resident;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The insured people a test's application registered: the same generator on the same spec (preset, default seed,
 * the first day the loader used: today in Quebec) gives the same residents, so a test knows their NAMs without ever
 * reading one back from the database.
 */
public final class Residents {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final Map<String, List<Resident>> MADE = new ConcurrentHashMap<>();

    private Residents() {
    }

    /** Every resident of {@code preset} as provisioned on {@code clock}'s day, in the generator's order. */
    public static List<Resident> of(Preset preset, int weeks, Clock clock) {
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), QUEBEC);
        return MADE.computeIfAbsent(preset + ":" + weeks + ":" + firstDay, key -> {
            List<Resident> all = new ArrayList<>();
            ProvinceGenerator.generate(new ProvinceSpec(preset, ProvinceSpec.DEFAULT_SEED, firstDay, weeks)).forEachResident(all::add);
            return List.copyOf(all);
        });
    }

    public static List<Resident> of(Preset preset, int weeks) {
        return of(preset, weeks, Clock.systemUTC());
    }
}
