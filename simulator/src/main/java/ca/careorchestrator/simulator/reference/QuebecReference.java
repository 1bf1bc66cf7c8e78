package ca.careorchestrator.simulator.reference;

import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.PostalCode;
import ca.careorchestrator.core.geo.Region;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.geo.Regions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Quebec as the reference files describe it: 18 RSS and 96 RLS with their 2020 populations, 421 FSA
 * centroids placed in their RLS, and the real primary-care sites. Everything is in a stable order, so the
 * generator built on it is deterministic.
 */
public final class QuebecReference {

    private static final String BASE = "/ca/careorchestrator/simulator/reference/";
    private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");
    /** Atlantic time without a Quebec-specific zone id: the Magdalen Islands follow Halifax. */
    private static final ZoneId ATLANTIC = ZoneId.of("America/Halifax");

    private final List<Region> regions;
    private final List<LocalNetwork> localNetworks;
    private final List<PostalArea> postalAreas;
    private final List<Facility> facilities;

    private QuebecReference(List<Region> regions, List<LocalNetwork> localNetworks, List<PostalArea> postalAreas,
            List<Facility> facilities) {
        this.regions = regions;
        this.localNetworks = localNetworks;
        this.postalAreas = postalAreas;
        this.facilities = facilities;
    }

    public static QuebecReference load() {
        List<LocalNetwork> networks = new ArrayList<>();
        Map<RegionCode, Long> regionPopulation = new TreeMap<>();
        for (Map<String, String> row : Csv.read(BASE + "rss_rls_population_2020.csv")) {
            LocalNetwork network = new LocalNetwork(new LocalNetworkCode(row.get("rls_code")), row.get("rls_name"),
                    Long.parseLong(row.get("population_2020")));
            if (!network.region().value().equals(row.get("rss_code"))) {
                throw new IllegalStateException("RLS " + network.code() + " is listed under RSS " + row.get("rss_code"));
            }
            networks.add(network);
            regionPopulation.merge(network.region(), network.population(), Long::sum);
        }
        networks.sort(Comparator.comparing(LocalNetwork::code));
        List<Region> regions = Regions.codes().stream()
                .map(code -> new Region(code, Regions.officialName(code), regionPopulation.getOrDefault(code, 0L)))
                .toList();

        RlsBoundaries boundaries = RlsBoundaries.read(BASE + "rls_no_water.shp", BASE + "rls_no_water.dbf");
        List<PostalArea> areas = new ArrayList<>();
        for (Map<String, String> row : Csv.read(BASE + "fsa_centroids.csv")) {
            GeoPoint centroid = new GeoPoint(Double.parseDouble(row.get("latitude")), Double.parseDouble(row.get("longitude")));
            ZoneId zone = "-4".equals(row.get("timezone")) ? ATLANTIC : MONTREAL;
            areas.add(new PostalArea(new Fsa(row.get("fsa")), row.get("city"), centroid, boundaries.locate(centroid), zone));
        }
        areas.sort(Comparator.comparing(PostalArea::fsa));

        List<Facility> facilities = new ArrayList<>();
        for (Map<String, String> row : Csv.read(BASE + "primary_care_facilities.csv")) {
            Optional<PostalCode> postalCode = PostalCode.parse(row.get("zip"));
            if (postalCode.isEmpty() || !postalCode.get().fsa().inQuebec()) {
                continue;
            }
            GeoPoint location = new GeoPoint(Double.parseDouble(row.get("LAT")), Double.parseDouble(row.get("LON")));
            facilities.add(new Facility(row.get("id"), row.get("city").strip(), postalCode.get().fsa(), location,
                    boundaries.locate(location)));
        }
        facilities.sort(Comparator.comparing(Facility::sourceId));
        return new QuebecReference(regions, List.copyOf(networks), List.copyOf(areas), List.copyOf(facilities));
    }

    public List<Region> regions() {
        return regions;
    }

    public List<LocalNetwork> localNetworks() {
        return localNetworks;
    }

    public List<PostalArea> postalAreas() {
        return postalAreas;
    }

    public List<Facility> facilities() {
        return facilities;
    }

    public long population() {
        return regions.stream().mapToLong(Region::population).sum();
    }
}
