package ca.careorchestrator.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostalCodeTest {

    @Test
    void normalisesTheUsualWaysOfWritingAPostalCode() {
        assertThat(PostalCode.parse("h2x1y4")).contains(new PostalCode("H2X 1Y4"));
        assertThat(PostalCode.parse(" H2X-1Y4 ")).contains(new PostalCode("H2X 1Y4"));
        assertThat(PostalCode.parse("G1R 2J6").orElseThrow().fsa()).isEqualTo(new Fsa("G1R"));
    }

    @Test
    void refusesWhatCannotBeAPostalCode() {
        // D, F, I, O, Q, U never appear; W and Z never lead; digits and letters alternate.
        for (String bad : new String[] {"", "H2X1Y", "H2X1Y44", "D2X1Y4", "W2X1Y4", "H2O1Y4", "HHX1Y4", "12345"}) {
            assertThat(PostalCode.parse(bad)).as(bad).isEmpty();
        }
        assertThat(PostalCode.parse(null)).isEmpty();
    }

    @Test
    void knowsQuebecFsas() {
        assertThat(new Fsa("G0B").inQuebec()).isTrue();
        assertThat(new Fsa("K1A").inQuebec()).isFalse();
    }

    @Test
    void distancesAreGreatCircle() {
        GeoPoint montreal = new GeoPoint(45.5017, -73.5673);
        GeoPoint quebec = new GeoPoint(46.8139, -71.2080);

        assertThat(montreal.distanceKm(quebec)).isBetween(230.0, 236.0);
        assertThat(montreal.distanceKm(montreal)).isZero();
    }
}
