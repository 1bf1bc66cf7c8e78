package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.observatory.SmallCells.Shown;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SmallCellsTest {

    private static Figures figures(Object... measureThenValue) {
        Map<Measure, Long> values = new EnumMap<>(Measure.class);
        for (int i = 0; i < measureThenValue.length; i += 2) {
            values.put((Measure) measureThenValue[i], ((Number) measureThenValue[i + 1]).longValue());
        }
        return new Figures(values);
    }

    @Test
    void countsFromOneToFourAreSuppressedZeroAndFiveAreNot() {
        assertThat(SmallCells.count(0)).isEqualTo(OptionalLong.of(0));
        assertThat(SmallCells.count(1)).isEmpty();
        assertThat(SmallCells.count(4)).isEmpty();
        assertThat(SmallCells.count(5)).isEqualTo(OptionalLong.of(5));

        Shown shown = SmallCells.protect(figures(Measure.NO_SHOWS, 3, Measure.WITHDRAWN, 0, Measure.SEARCHES, 12));
        assertThat(shown.suppressed(Measure.NO_SHOWS)).isTrue();
        assertThat(shown.get(Measure.WITHDRAWN)).isEqualTo(OptionalLong.of(0));
        assertThat(shown.get(Measure.SEARCHES)).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void aSuppressedPartHidesAnotherCellOfItsTotalSoNoSubtractionRevealsIt() {
        Shown shown = SmallCells.protect(figures(Measure.OFFERED, 8, Measure.USED, 6, Measure.UNUSED, 2));

        assertThat(shown.suppressed(Measure.UNUSED)).isTrue();
        assertThat(shown.suppressed(Measure.USED)).as("8 - 6 would give 2 back").isTrue();
        assertThat(shown.get(Measure.OFFERED)).isEqualTo(OptionalLong.of(8));
        assertThat(shown.fillRate()).as("used / offered").isEmpty();
    }

    @Test
    void partsThatDoNotAddUpToTheirTotalRevealNothingAndAreLeftAlone() {
        // The lead-time buckets are not filled in: 0 + 0 + 0 + 0 is not 40.
        Shown shown = SmallCells.protect(figures(Measure.PUBLISHED, 40, Measure.PUBLISHED_IN_PERSON, 38, Measure.PUBLISHED_PHONE, 2,
                Measure.OFFERED, 40, Measure.USED, 30));

        assertThat(shown.suppressed(Measure.PUBLISHED_PHONE)).isTrue();
        assertThat(shown.suppressed(Measure.PUBLISHED_IN_PERSON)).isTrue();
        assertThat(shown.get(Measure.PUBLISHED)).isEqualTo(OptionalLong.of(40));
        assertThat(shown.get(Measure.USED)).as("used + unused is 30, not 40").isEqualTo(OptionalLong.of(30));
        assertThat(shown.fillRate().getAsDouble()).isEqualTo(0.75);
    }

    @Test
    void minutesTotalsAndRatesGoWithTheCountsTheyAreDividedBy() {
        Shown few = SmallCells.protect(figures(Measure.BOOKED, 3, Measure.WAIT_MINUTES_TOTAL, 9000, Measure.BOOKED_ORPHAN, 0,
                Measure.EXITS_BOOKED, 1, Measure.EXITS_EXPIRED, 2, Measure.WAITED_MINUTES_TOTAL, 5000));
        Shown enough = SmallCells.protect(figures(Measure.BOOKED, 5, Measure.WAIT_MINUTES_TOTAL, 7200, Measure.BOOKED_ORPHAN, 0,
                Measure.EXITS_BOOKED, 3, Measure.EXITS_EXPIRED, 3, Measure.WAITED_MINUTES_TOTAL, 5000, Measure.SEARCHES, 40,
                Measure.SEARCHES_UNMET, 10));

        assertThat(few.suppressed(Measure.WAIT_MINUTES_TOTAL)).isTrue();
        assertThat(few.meanWaitDays()).isEmpty();
        assertThat(few.orphanShare()).as("0 of a suppressed count").isEmpty();
        assertThat(few.suppressed(Measure.WAITED_MINUTES_TOTAL)).as("three exits").isTrue();
        assertThat(enough.get(Measure.WAIT_MINUTES_TOTAL)).isEqualTo(OptionalLong.of(7200));
        assertThat(enough.meanWaitDays().getAsDouble()).isEqualTo(1.0);
        assertThat(enough.orphanShare().getAsDouble()).isZero();
        assertThat(enough.unmetShare().getAsDouble()).isEqualTo(0.25);
        assertThat(enough.suppressed(Measure.EXITS_BOOKED)).isTrue();
        assertThat(enough.get(Measure.WAITED_MINUTES_TOTAL)).as("six exits, none recoverable from it").isEqualTo(OptionalLong.of(5000));
    }

    @Test
    void aBreakdownHidesASecondPartWhenTheTotalWouldGiveTheFirstBack() {
        List<Shown> shown = SmallCells.protect(figures(Measure.NO_SHOWS, 13, Measure.SEARCHES, 50),
                List.of(figures(Measure.NO_SHOWS, 3, Measure.SEARCHES, 20), figures(Measure.NO_SHOWS, 10, Measure.SEARCHES, 20),
                        figures(Measure.NO_SHOWS, 0)));

        assertThat(shown.get(0).get(Measure.NO_SHOWS)).isEqualTo(OptionalLong.of(13));
        assertThat(shown.get(1).suppressed(Measure.NO_SHOWS)).isTrue();
        assertThat(shown.get(2).suppressed(Measure.NO_SHOWS)).as("13 - 0 - 10 would give 3 back").isTrue();
        assertThat(shown.get(3).get(Measure.NO_SHOWS)).isEqualTo(OptionalLong.of(0));
        assertThat(shown.get(1).get(Measure.SEARCHES)).isEqualTo(OptionalLong.of(20));
    }

    @Test
    void aSecondSuppressionAcrossPartsCarriesIntoThatPartsOwnTotals() {
        // Region 11 of the IT's fixture: network 1112 has 2 unused of 8 offered; network 1111 9 of 60.
        List<Shown> shown = SmallCells.protect(figures(Measure.OFFERED, 68, Measure.USED, 57, Measure.UNUSED, 11),
                List.of(figures(Measure.OFFERED, 60, Measure.USED, 51, Measure.UNUSED, 9), figures(Measure.OFFERED, 8, Measure.USED, 6,
                        Measure.UNUSED, 2)));

        assertThat(shown.get(2).suppressed(Measure.UNUSED)).isTrue();
        assertThat(shown.get(2).suppressed(Measure.USED)).isTrue();
        assertThat(shown.get(1).suppressed(Measure.UNUSED)).as("11 - 9 would give 2 back").isTrue();
        assertThat(shown.get(1).suppressed(Measure.USED)).as("60 - 51 would give 9 back").isTrue();
        assertThat(shown.get(1).get(Measure.OFFERED)).isEqualTo(OptionalLong.of(60));
        assertThat(shown.get(0).get(Measure.USED)).isEqualTo(OptionalLong.of(57));
        assertThat(shown.get(0).fillRate()).isPresent();
    }

    @Test
    void theDictionaryListsEveryMeasureOnceInItsDatasetsExport() {
        for (Measure measure : Measure.values()) {
            assertThat(Dictionary.columns(measure.dataset())).filteredOn(c -> c.name().equals(measure.column())).hasSize(1);
        }
        assertThat(Dictionary.columns(Dataset.SUPPLY).get(0).name()).isEqualTo("day");
        for (Dataset dataset : Dataset.values()) {
            assertThat(Dictionary.columns(dataset)).extracting(Dictionary.Column::name).doesNotHaveDuplicates();
        }
    }
}
