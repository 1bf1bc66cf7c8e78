package ca.careorchestrator.app.web.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchFormTest {

    private static SearchForm form(String postalCode, String order, String page) {
        return new SearchForm(postalCode, "25", "", "suivi", null, null, null, null, null, order, page);
    }

    @Test
    void aFirstVisitIsNotASearchButAnEmptyFormSentIs() {
        assertThat(new SearchForm(null, null, null, null, null, null, null, null, null, null, null).submitted()).isFalse();
        assertThat(new SearchForm("", null, null, null, null, null, null, null, null, null, null).submitted()).isTrue();
    }

    @Test
    void pageLinksKeepTheCriteriaDropBlanksAndEncode() {
        SearchForm search = form("H2X 1Y4", "nearest", "3");

        assertThat(search.pageLink(4)).isEqualTo("/rendez-vous?postalCode=H2X%201Y4&radiusKm=25&service=suivi&order=nearest&page=4");
        assertThat(search.pageLink(0)).isEqualTo("/rendez-vous?postalCode=H2X%201Y4&radiusKm=25&service=suivi&order=nearest");
    }

    @Test
    void theRadiusCountsOnlyWithAPostalCode() {
        assertThat(form("", "soonest", null).criteria(10).radiusKm()).isNull();
        assertThat(form("H2X", "soonest", null).criteria(10).radiusKm()).isEqualTo("25");
        assertThat(form("H2X", "soonest", null).criteria(10).size()).isEqualTo("10");
    }

    @Test
    void nearestFirstNeedsAPostalCode() {
        assertThat(form("", "nearest", null).nearestWithoutPostalCode()).isTrue();
        assertThat(form("H2X", "nearest", null).nearestWithoutPostalCode()).isFalse();
        assertThat(form("", "soonest", null).nearestWithoutPostalCode()).isFalse();
    }

    @Test
    void remembersWhatWasChosenAndReadsThePageNumberLeniently() {
        assertThat(form("", null, "2").chose("service", "SUIVI")).isTrue();
        assertThat(form("", null, "2").chose("region", "03")).isFalse();
        assertThat(form("", null, "2").pageNumber()).isEqualTo(2);
        assertThat(form("", null, "deux").pageNumber()).isZero();
    }
}
