package ca.careorchestrator.simulator.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuebecReferenceTest {

    private static final QuebecReference QUEBEC = QuebecReference.load();

    private static PostalArea area(String fsa) {
        return QUEBEC.postalAreas().stream().filter(a -> a.fsa().equals(new Fsa(fsa))).findFirst().orElseThrow();
    }

    @Test
    void hasThe18RegionsAnd96NetworksWithTheirPopulation() {
        assertThat(QUEBEC.regions()).hasSize(18);
        assertThat(QUEBEC.localNetworks()).hasSize(96);
        assertThat(QUEBEC.population()).isEqualTo(8_539_073L);
        assertThat(QUEBEC.regions().get(16).code()).isEqualTo(new RegionCode("17"));
        assertThat(QUEBEC.regions().get(16).name()).isEqualTo("Nunavik");
        assertThat(QUEBEC.regions().get(0).name()).isEqualTo("Bas-Saint-Laurent");
    }

    @Test
    void placesEveryFsaCentroidInANetworkOfTheRightRegion() {
        assertThat(QUEBEC.postalAreas()).hasSize(421);
        // Downtown Montreal, Quebec City's old town, Gatineau, Sherbrooke.
        assertThat(area("H3B").region()).isEqualTo(new RegionCode("06"));
        assertThat(area("G1R").region()).isEqualTo(new RegionCode("03"));
        assertThat(area("J8X").region()).isEqualTo(new RegionCode("07"));
        assertThat(area("J1H").region()).isEqualTo(new RegionCode("05"));
        assertThat(area("H7N").region()).isEqualTo(new RegionCode("13"));
    }

    @Test
    void theMagdalenIslandsKeepAtlanticTime() {
        assertThat(area("G0B").zone()).isEqualTo(ZoneId.of("America/Halifax"));
        assertThat(area("G4T").zone()).isEqualTo(ZoneId.of("America/Halifax"));
        assertThat(area("G4T").region()).isEqualTo(new RegionCode("11"));
        assertThat(area("H2X").zone()).isEqualTo(ZoneId.of("America/Montreal"));
    }

    @Test
    void polygonsAnswerPointInNetwork() {
        RlsBoundaries boundaries = RlsBoundaries.read("/ca/careorchestrator/simulator/reference/rls_no_water.shp",
                "/ca/careorchestrator/simulator/reference/rls_no_water.dbf");

        assertThat(boundaries.size()).isEqualTo(96);
        assertThat(boundaries.containing(new GeoPoint(46.8123, -71.2145)).orElseThrow().region()).isEqualTo(new RegionCode("03"));
        assertThat(boundaries.containing(new GeoPoint(40.7, -74.0))).isEmpty(); // New York
    }

    @Test
    void everyRegionWithPeopleHasAnchorsForClinics() {
        Set<RegionCode> withFacilities = QUEBEC.facilities().stream().map(f -> f.localNetwork().region()).collect(Collectors.toSet());
        Set<RegionCode> withFsas = QUEBEC.postalAreas().stream().map(PostalArea::region).collect(Collectors.toSet());

        assertThat(QUEBEC.facilities()).hasSizeGreaterThan(600);
        for (LocalNetwork network : QUEBEC.localNetworks()) {
            assertThat(withFacilities.contains(network.region()) || withFsas.contains(network.region())).as(network.name()).isTrue();
        }
    }
}
