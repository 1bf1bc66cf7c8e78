package ca.careorchestrator.simulator.province;

import java.time.LocalDate;

/** Everything a province depends on: same spec, same province, byte for byte. */
public record ProvinceSpec(Preset preset, long seed, LocalDate firstDay, int weeks, int populationScale) {

    public static final long DEFAULT_SEED = 20_260_101L;
    public static final int DEFAULT_WEEKS = 8;
    /** One synthetic insured person for this many residents: Estrie then has about 25,000, the province 425,000. */
    public static final int DEFAULT_POPULATION_SCALE = 20;

    public ProvinceSpec {
        if (preset == null || firstDay == null) {
            throw new IllegalArgumentException("a province spec has a preset and a first day");
        }
        if (weeks < 1 || weeks > 26) {
            throw new IllegalArgumentException("a horizon is 1 to 26 weeks");
        }
        if (populationScale < 1) {
            throw new IllegalArgumentException("a population scale is at least one resident per person");
        }
    }

    public ProvinceSpec(Preset preset, long seed, LocalDate firstDay, int weeks) {
        this(preset, seed, firstDay, weeks, DEFAULT_POPULATION_SCALE);
    }

    public LocalDate endDay() {
        return firstDay.plusWeeks(weeks);
    }
}
