package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HistoryGeneratorTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 23);
    private static final Province TINY = ProvinceGenerator.generate(new ProvinceSpec(Preset.TINY, ProvinceSpec.DEFAULT_SEED, FIRST_DAY,
            1));

    private static HistoryGenerator generator(Province province, long seed) {
        Map<LocalNetworkCode, Long> populations = new HashMap<>();
        for (LocalNetwork network : province.localNetworks()) {
            populations.put(network.code(), network.population());
        }
        return new HistoryGenerator(seed, province.clinics(), province.professionals(), populations, ServiceTypes.standard());
    }

    private static long v(HistoryRows.Supply row, Measure measure) {
        return row.get(measure);
    }

    private static long sum(HistoryRows.Supply row, Measure... measures) {
        return Arrays.stream(measures).mapToLong(row::get).sum();
    }

    @Test
    void everyRowKeepsTheTablesIdentities() {
        for (long seed : new long[] {1, 42, ProvinceSpec.DEFAULT_SEED}) {
            HistoryRows rows = generator(TINY, seed).days(FIRST_DAY.minusDays(365), FIRST_DAY.minusDays(1));
            assertThat(rows.supply()).hasSizeGreaterThan(20_000);
            assertThat(rows.supply().stream().flatMap(r -> broken(r).stream()).limit(10)).isEmpty();
            for (HistoryRows.Demand row : rows.demand()) {
                assertThat(row.searchesUnmet()).isBetween(0L, row.searches());
                assertThat(row.exitsBooked() + row.exitsExpired() + row.exitsWithdrawn()).isLessThanOrEqualTo(row.waitlistEntries());
            }
            for (HistoryRows.Access row : rows.access()) {
                assertThat(row.thirdNextMinutes() == null).isEqualTo(row.freeAhead() < 3);
            }
        }
    }

    /** The identities a clinic row breaks (none, it should). */
    static List<String> broken(HistoryRows.Supply row) {
        List<String> broken = new ArrayList<>();
        long booked = v(row, Measure.BOOKED);
        long published = v(row, Measure.PUBLISHED);
        check(broken, row, "no negative figure", Arrays.stream(row.values()).allMatch(x -> x >= 0));
        check(broken, row, "not all zeros", Arrays.stream(row.values()).anyMatch(x -> x > 0));
        check(broken, row, "offered = used + unused", v(row, Measure.OFFERED) == v(row, Measure.USED) + v(row, Measure.UNUSED));
        check(broken, row, "used_here <= used", v(row, Measure.USED_HERE) <= v(row, Measure.USED));
        check(broken, row, "no_shows <= used_here", v(row, Measure.NO_SHOWS) <= v(row, Measure.USED_HERE));
        check(broken, row, "booked = its channels", booked == sum(row, Measure.BOOKED_PATIENT, Measure.BOOKED_PARTNER,
                Measure.BOOKED_DESK, Measure.BOOKED_STAFF, Measure.BOOKED_WAITLIST, Measure.BOOKED_OTHER));
        check(broken, row, "booked = its stages", booked == sum(row, Measure.BOOKED_STAGE_REGISTERED_CLINIC,
                Measure.BOOKED_STAGE_REGISTERED_PROFESSIONAL, Measure.BOOKED_STAGE_REFERRED_ORPHAN, Measure.BOOKED_STAGE_AGE_BAND,
                Measure.BOOKED_STAGE_RESIDENT_OF, Measure.BOOKED_STAGE_ANY_INSURED, Measure.BOOKED_NO_POLICY));
        check(broken, row, "booked_orphan <= booked", v(row, Measure.BOOKED_ORPHAN) <= booked);
        check(broken, row, "booked = its waits", booked == sum(row, Measure.WAIT_0_1, Measure.WAIT_2_7, Measure.WAIT_8_14,
                Measure.WAIT_15_30, Measure.WAIT_31_60, Measure.WAIT_61_PLUS));
        long minutes = v(row, Measure.WAIT_MINUTES_TOTAL);
        check(broken, row, "wait minutes within the buckets", minutes >= booked * 1440 * 4 / 10 && minutes <= booked * 1440 * 90);
        check(broken, row, "published = its modalities", published == sum(row, Measure.PUBLISHED_IN_PERSON, Measure.PUBLISHED_PHONE,
                Measure.PUBLISHED_VIDEO));
        check(broken, row, "published = its leads", published == sum(row, Measure.PUBLISHED_LEAD_0_1, Measure.PUBLISHED_LEAD_2_7,
                Measure.PUBLISHED_LEAD_8_30, Measure.PUBLISHED_LEAD_31_PLUS));
        check(broken, row, "cancelled = who cancelled", v(row, Measure.CANCELLED) == sum(row, Measure.CANCELLED_PATIENT,
                Measure.CANCELLED_PARTNER, Measure.CANCELLED_DESK, Measure.CANCELLED_STAFF, Measure.CANCELLED_SOURCE,
                Measure.CANCELLED_OTHER));
        return broken;
    }

    private static void check(List<String> broken, HistoryRows.Supply row, String identity, boolean holds) {
        if (!holds) {
            broken.add(identity + ": " + row.day() + " " + row.clinic() + " " + row.service() + " " + Arrays.toString(row.values()));
        }
    }

    @Test
    void aDayIsTheSameWhicheverWindowIncludesIt() {
        LocalDate day = FIRST_DAY.minusDays(40);
        HistoryRows alone = generator(TINY, 7).day(day);
        HistoryRows inAYear = generator(TINY, 7).days(FIRST_DAY.minusDays(365), FIRST_DAY.minusDays(1));
        assertThat(alone.supply()).isNotEmpty();
        List<String> fromYear = inAYear.supply().stream().filter(r -> r.day().equals(day)).map(HistoryGeneratorTest::text).toList();
        assertThat(alone.supply().stream().map(HistoryGeneratorTest::text).toList()).isEqualTo(fromYear);
        assertThat(alone.demand()).isEqualTo(inAYear.demand().stream().filter(r -> r.day().equals(day)).toList());
        assertThat(alone.access()).isEqualTo(inAYear.access().stream().filter(r -> r.day().equals(day)).toList());
        assertThat(generator(TINY, 8).day(day).supply().stream().map(HistoryGeneratorTest::text).toList())
                .as("another seed, another history").isNotEqualTo(fromYear);
    }

    @Test
    void weekendsAreQuieterThanWeekdays() {
        HistoryRows year = generator(TINY, 3).days(FIRST_DAY.minusDays(364), FIRST_DAY);
        double weekday = meanPerDay(year, d -> d.getDayOfWeek().getValue() <= 5, Measure.OFFERED);
        double weekend = meanPerDay(year, d -> d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY,
                Measure.OFFERED);
        assertThat(weekend).isPositive().isLessThan(weekday / 3);
        assertThat(meanPerDay(year, d -> d.getDayOfWeek() == DayOfWeek.SUNDAY, Measure.BOOKED))
                .isLessThan(meanPerDay(year, d -> d.getDayOfWeek() == DayOfWeek.TUESDAY, Measure.BOOKED));
    }

    @Test
    void winterIsBusierThanSummer() {
        HistoryRows year = generator(TINY, 3).days(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        Predicate<LocalDate> january = d -> d.getMonthValue() == 1 && d.getDayOfMonth() > 3;
        Predicate<LocalDate> july = d -> d.getMonthValue() == 7 && d.getDayOfMonth() > 3;
        long januarySearches = year.demand().stream().filter(r -> january.test(r.day())).mapToLong(HistoryRows.Demand::searches).sum();
        long julySearches = year.demand().stream().filter(r -> july.test(r.day())).mapToLong(HistoryRows.Demand::searches).sum();
        assertThat(januarySearches).isGreaterThan(julySearches * 3 / 2);
        assertThat(fill(year, january)).isGreaterThan(fill(year, july) + 0.08);
        assertThat(meanPerDay(year, july, Measure.OFFERED)).isLessThan(meanPerDay(year, january, Measure.OFFERED));
    }

    @Test
    void strainedClinicsHaveLessRoomAndLongerWaits() {
        HistoryGenerator generator = generator(TINY, 5);
        Set<UUID> strained = generator.strainedClinics();
        assertThat(strained).hasSize(1); // the tiny preset's 14 clinics: one, and no region (only one is loaded)
        assertThat(generator.strainedRegion()).isNull();
        HistoryRows year = generator.days(FIRST_DAY.minusDays(365), FIRST_DAY.minusDays(1));
        Map<Boolean, List<HistoryRows.Supply>> split = year.supply().stream()
                .collect(Collectors.partitioningBy(r -> strained.contains(r.clinic())));
        assertThat(ratio(split.get(true), Measure.USED, Measure.OFFERED)).isGreaterThan(0.97);
        assertThat(ratio(split.get(false), Measure.USED, Measure.OFFERED)).isBetween(0.6, 0.92);
        assertThat(ratio(split.get(true), Measure.WAIT_MINUTES_TOTAL, Measure.BOOKED))
                .isGreaterThan(ratio(split.get(false), Measure.WAIT_MINUTES_TOTAL, Measure.BOOKED));
        double strainedThird = year.access().stream().filter(a -> strained.contains(a.clinic()) && a.thirdNextMinutes() != null)
                .mapToInt(HistoryRows.Access::thirdNextMinutes).average().orElse(Double.MAX_VALUE);
        double othersThird = year.access().stream().filter(a -> !strained.contains(a.clinic()) && a.thirdNextMinutes() != null)
                .mapToInt(HistoryRows.Access::thirdNextMinutes).average().orElseThrow();
        assertThat(strainedThird).isGreaterThan(othersThird * 2);
    }

    @Test
    void theProvinceHasOneStrainedRegionWithMoreUnmetSearches() {
        Province province = ProvinceGenerator.generate(new ProvinceSpec(Preset.PROVINCE, 11, FIRST_DAY, 1));
        HistoryGenerator generator = generator(province, 11);
        String region = generator.strainedRegion().value();
        assertThat(generator.strainedClinics()).hasSizeBetween(20, 32);
        HistoryRows month = generator.days(FIRST_DAY.minusDays(30), FIRST_DAY.minusDays(1));
        Map<Boolean, long[]> searches = new HashMap<>();
        for (HistoryRows.Demand row : month.demand()) {
            long[] counts = searches.computeIfAbsent(row.region().equals(region), k -> new long[2]);
            counts[0] += row.searches();
            counts[1] += row.searchesUnmet();
        }
        double strainedShare = (double) searches.get(true)[1] / searches.get(true)[0];
        double othersShare = (double) searches.get(false)[1] / searches.get(false)[0];
        assertThat(strainedShare).isGreaterThan(othersShare * 2.5);
        assertThat(generator.pairs()).as("(clinic, service, profession) pairs").isBetween(8_000, 25_000);
    }

    @Test
    void qualityAndFairnessHaveAFewRowsPerSource() {
        HistoryRows year = generator(TINY, 9).days(FIRST_DAY.minusDays(365), FIRST_DAY.minusDays(1));
        Set<String> sources = TINY.clinics().stream().flatMap(c -> c.systems().stream()).map(Enum::name).collect(Collectors.toSet());
        assertThat(year.sources()).hasSize(365 * sources.size());
        assertThat(year.quarantine().stream().map(HistoryRows.Quarantined::source).collect(Collectors.toSet())).isEqualTo(sources);
        assertThat(year.quarantine().stream().map(HistoryRows.Quarantined::reason).distinct().count()).isGreaterThan(5);
        long flags = year.flags().stream().mapToLong(HistoryRows.Flags::flags).sum();
        assertThat(flags).isBetween(20L, 200L);
        assertThat(year.flags().stream().map(HistoryRows.Flags::signal).distinct().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void splitsKeepTheirTotal() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long total = random.nextInt(i % 2 == 0 ? 50 : 5_000);
            double[] weights = {random.nextDouble(), 0, random.nextDouble(), random.nextDouble()};
            long[] out = new long[6];
            HistoryGenerator.split(total, weights, random, out, new int[] {5, 0, 2, 3});
            assertThat(out[0] + out[2] + out[3] + out[5]).isEqualTo(total);
            assertThat(out[0]).isZero();
            assertThat(Arrays.stream(out).allMatch(x -> x >= 0)).isTrue();
        }
    }

    private static double meanPerDay(HistoryRows rows, Predicate<LocalDate> days, Measure measure) {
        Map<LocalDate, Long> perDay = new HashMap<>();
        for (LocalDate d = rows.from(); !d.isAfter(rows.to()); d = d.plusDays(1)) {
            if (days.test(d)) {
                perDay.put(d, 0L);
            }
        }
        rows.supply().stream().filter(r -> perDay.containsKey(r.day())).forEach(r -> perDay.merge(r.day(), r.get(measure), Long::sum));
        return perDay.values().stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    private static double fill(HistoryRows rows, Predicate<LocalDate> days) {
        return ratio(rows.supply().stream().filter(r -> days.test(r.day())).toList(), Measure.USED, Measure.OFFERED);
    }

    private static double ratio(List<HistoryRows.Supply> rows, Measure part, Measure whole) {
        return (double) rows.stream().mapToLong(r -> r.get(part)).sum() / rows.stream().mapToLong(r -> r.get(whole)).sum();
    }

    private static String text(HistoryRows.Supply row) {
        return row.day() + " " + row.clinic() + " " + row.service() + " " + row.profession() + " " + Arrays.toString(row.values());
    }
}
