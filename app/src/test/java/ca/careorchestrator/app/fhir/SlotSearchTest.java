package ca.careorchestrator.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotSearchTest {

    private static Problem problemOf(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("no problem raised");
    }

    @Test
    void readsNearAsLatitudeLongitudeDistanceAndKilometres() {
        SlotQuery.Near near = SlotSearch.near("48.83|-64.48|10|km").orElseThrow();

        assertThat(near.point().latitude()).isEqualTo(48.83);
        assertThat(near.point().longitude()).isEqualTo(-64.48);
        assertThat(near.radiusKm()).isEqualTo(10);
        assertThat(SlotSearch.near("48.83|-64.48").orElseThrow().radiusKm()).isEqualTo(25);
        assertThat(SlotSearch.near(null)).isEmpty();
    }

    @Test
    void refusesARadiusOutOfRangeAndMalformedOrForeignUnits() {
        assertThat(problemOf(() -> SlotSearch.near("48.83|-64.48|500|km"))).isEqualTo(Problem.RADIUS_OUT_OF_RANGE);
        assertThat(problemOf(() -> SlotSearch.near("48.83|-64.48|0.5"))).isEqualTo(Problem.RADIUS_OUT_OF_RANGE);
        assertThat(problemOf(() -> SlotSearch.near("48.83|-64.48|ten"))).isEqualTo(Problem.RADIUS_OUT_OF_RANGE);
        assertThat(problemOf(() -> SlotSearch.near("48.83|-64.48|10|[mi_i]"))).isEqualTo(Problem.MALFORMED_PARAMETER);
        assertThat(problemOf(() -> SlotSearch.near("95|-64.48"))).isEqualTo(Problem.MALFORMED_PARAMETER);
        assertThat(problemOf(() -> SlotSearch.near("48.83"))).isEqualTo(Problem.MALFORMED_PARAMETER);
    }

    @Test
    void turnsDatePrefixesIntoAWindowOfQuebecDays() {
        SlotSearch.Window window = SlotSearch.window(List.of("ge2026-12-01", "lt2026-12-08"));

        assertThat(window.from()).contains(Instant.parse("2026-12-01T05:00:00Z"));
        assertThat(window.to()).contains(Instant.parse("2026-12-08T05:00:00Z"));
        assertThat(SlotSearch.window(List.of("le2026-12-07")).to()).contains(Instant.parse("2026-12-08T05:00:00Z"));
        assertThat(SlotSearch.window(List.of("gt2026-12-01")).from()).contains(Instant.parse("2026-12-02T05:00:00Z"));
        assertThat(SlotSearch.window(List.of("2026-07-01"))).isEqualTo(new SlotSearch.Window(
                java.util.Optional.of(Instant.parse("2026-07-01T04:00:00Z")), java.util.Optional.of(Instant.parse("2026-07-02T04:00:00Z"))));
        assertThat(SlotSearch.window(List.of("ge2026-12-01T09:30:00-05:00")).from()).contains(Instant.parse("2026-12-01T14:30:00Z"));
    }

    @Test
    void eachStartValueNarrowsTheWindow() {
        SlotSearch.Window window = SlotSearch.window(List.of("ge2026-12-01", "ge2026-12-03", "lt2026-12-20", "lt2026-12-10"));

        assertThat(window.from()).contains(Instant.parse("2026-12-03T05:00:00Z"));
        assertThat(window.to()).contains(Instant.parse("2026-12-10T05:00:00Z"));
    }

    @Test
    void refusesUnreadableDatesAndUnsupportedPrefixes() {
        assertThat(problemOf(() -> SlotSearch.window(List.of("ge2026-13-01")))).isEqualTo(Problem.MALFORMED_DATE);
        assertThat(problemOf(() -> SlotSearch.window(List.of("ne2026-12-01")))).isEqualTo(Problem.MALFORMED_PARAMETER);
    }

    @Test
    void readsServiceTypeTokensOfOurSystemOnly() {
        assertThat(SlotSearch.serviceCode("follow-up")).isEqualTo("follow-up");
        assertThat(SlotSearch.serviceCode(SlotSearch.SERVICE_TYPE_SYSTEM + "|follow-up")).isEqualTo("follow-up");
        assertThat(SlotSearch.serviceCode("|follow-up")).isEqualTo("follow-up");
        assertThatThrownBy(() -> SlotSearch.serviceCode("http://snomed.info/sct|394814009"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_SERVICE));
    }

    @Test
    void searchesFreeSlotsOnly() {
        SlotSearch busy = new SlotSearch("busy", List.of(), null, null, null, null, null);

        assertThat(problemOf(() -> busy.toQuery(null, null, Instant.parse("2026-12-01T00:00:00Z")))).isEqualTo(Problem.UNSUPPORTED_SLOT_STATUS);
    }
}
