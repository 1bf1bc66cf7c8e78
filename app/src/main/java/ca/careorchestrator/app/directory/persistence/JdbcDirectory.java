package ca.careorchestrator.app.directory.persistence;

import ca.careorchestrator.app.directory.ClinicListing;
import ca.careorchestrator.app.directory.ClinicQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.Page;
import ca.careorchestrator.app.directory.ProfessionalQuery;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.app.directory.SourceIdentities;
import ca.careorchestrator.app.directory.SourceRef;
import ca.careorchestrator.app.persistence.BulkInsert;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ClinicKind;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.Region;
import ca.careorchestrator.core.geo.RegionCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcDirectory implements Directory {

    private static final String CLINIC_COLUMNS = """
            c.id, c.name, c.kind, c.local_network_code, c.fsa, c.latitude, c.longitude, c.phone""";

    private final JdbcClient jdbc;
    private final BulkInsert bulk;

    JdbcDirectory(JdbcClient jdbc, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    @Override
    public List<RegionOverview> regions() {
        return jdbc.sql("""
                        select r.code, r.name, r.population,
                               (select count(*) from directory_local_network n where n.region_code = r.code) as networks,
                               (select count(*) from directory_clinic c where c.region_code = r.code) as clinics,
                               (select count(*) from directory_professional p join directory_clinic c on c.id = p.clinic_id
                                 where c.region_code = r.code) as professionals,
                               (select count(*) from directory_professional p join directory_clinic c on c.id = p.clinic_id
                                 where c.region_code = r.code and p.profession = 'PHYSICIAN') as physicians
                        from directory_region r
                        order by r.code""")
                .query((rs, n) -> new RegionOverview(region(rs), rs.getInt("networks"), rs.getInt("clinics"),
                        rs.getInt("professionals"), rs.getInt("physicians")))
                .list();
    }

    private static Region region(ResultSet rs) throws SQLException {
        return new Region(new RegionCode(rs.getString("code").strip()), rs.getString("name"), rs.getLong("population"));
    }

    @Override
    public Optional<Region> region(RegionCode code) {
        return remembered(regions, code, () -> jdbc.sql("select code, name, population from directory_region where code = :code")
                .param("code", code.value())
                .query((rs, n) -> region(rs))
                .optional());
    }

    /*
     * The geography does not change between loads, and every search checks its region or postal area: found
     * ones are remembered (never a miss, which a load may fill), forgotten when the directory is cleared.
     */
    private final Map<RegionCode, Region> regions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Fsa, PostalArea> postalAreas = new java.util.concurrent.ConcurrentHashMap<>();

    private static <K, V> Optional<V> remembered(Map<K, V> known, K key, java.util.function.Supplier<Optional<V>> lookUp) {
        V value = known.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        Optional<V> found = lookUp.get();
        found.ifPresent(v -> known.put(key, v));
        return found;
    }

    @Override
    public List<LocalNetwork> localNetworks(RegionCode region) {
        return jdbc.sql("select code, name, population from directory_local_network where region_code = :region order by code")
                .param("region", region.value())
                .query((rs, n) -> localNetwork(rs))
                .list();
    }

    @Override
    public Optional<LocalNetwork> localNetwork(LocalNetworkCode code) {
        return jdbc.sql("select code, name, population from directory_local_network where code = :code")
                .param("code", code.value())
                .query((rs, n) -> localNetwork(rs))
                .optional();
    }

    private static LocalNetwork localNetwork(ResultSet rs) throws SQLException {
        return new LocalNetwork(new LocalNetworkCode(rs.getString("code").strip()), rs.getString("name"), rs.getLong("population"));
    }

    @Override
    public List<PostalArea> postalAreas() {
        return jdbc.sql("select fsa, place, latitude, longitude, local_network_code, zone_id from directory_postal_area order by fsa")
                .query((rs, n) -> new PostalArea(new Fsa(rs.getString("fsa").strip()), rs.getString("place"),
                        new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")),
                        new LocalNetworkCode(rs.getString("local_network_code").strip()), ZoneId.of(rs.getString("zone_id"))))
                .list();
    }

    @Override
    public Optional<PostalArea> postalArea(Fsa fsa) {
        return remembered(postalAreas, fsa, () -> jdbc.sql("select fsa, place, latitude, longitude, local_network_code, zone_id from directory_postal_area where fsa = :fsa")
                .param("fsa", fsa.value())
                .query((rs, n) -> new PostalArea(new Fsa(rs.getString("fsa").strip()), rs.getString("place"),
                        new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")),
                        new LocalNetworkCode(rs.getString("local_network_code").strip()), ZoneId.of(rs.getString("zone_id"))))
                .optional());
    }

    @Override
    public Page<ClinicListing> clinics(ClinicQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        query.region().ifPresent(r -> {
            where.append(" and c.region_code = :region");
            params.put("region", r.value());
        });
        query.localNetwork().ifPresent(n -> {
            where.append(" and c.local_network_code = :network");
            params.put("network", n.value());
        });
        if (query.near().isPresent()) {
            // Coarse box in SQL (1 degree of latitude is 111 km), exact great-circle distance here.
            ClinicQuery.Near near = query.near().get();
            double dLat = near.radiusKm() / 111.0;
            double dLon = near.radiusKm() / (111.0 * Math.max(0.05, Math.cos(Math.toRadians(near.point().latitude()))));
            where.append(" and c.latitude between :minLat and :maxLat and c.longitude between :minLon and :maxLon");
            params.put("minLat", near.point().latitude() - dLat);
            params.put("maxLat", near.point().latitude() + dLat);
            params.put("minLon", near.point().longitude() - dLon);
            params.put("maxLon", near.point().longitude() + dLon);
            List<ClinicListing> within = new ArrayList<>();
            for (Clinic clinic : selectClinics(where + " order by c.id", params)) {
                double distance = clinic.location().distanceKm(near.point());
                if (distance <= near.radiusKm()) {
                    within.add(new ClinicListing(clinic, OptionalDouble.of(distance)));
                }
            }
            within.sort(Comparator.comparingDouble((ClinicListing c) -> c.distanceKm().orElseThrow())
                    .thenComparing(c -> c.clinic().name()));
            int from = (int) Math.min(within.size(), query.page().offset());
            int to = Math.min(within.size(), from + query.page().size());
            return new Page<>(within.subList(from, to), query.page().page(), query.page().size(), within.size());
        }
        long total = jdbc.sql("select count(*) from directory_clinic c" + where).params(params).query(Long.class).single();
        params.put("limit", query.page().size());
        params.put("offset", query.page().offset());
        List<ClinicListing> items = selectClinics(where + " order by c.name, c.id limit :limit offset :offset", params).stream()
                .map(c -> new ClinicListing(c, OptionalDouble.empty()))
                .toList();
        return new Page<>(items, query.page().page(), query.page().size(), total);
    }

    private List<Clinic> selectClinics(String whereAndOrder, Map<String, Object> params) {
        List<ClinicRow> rows = jdbc.sql("select " + CLINIC_COLUMNS + " from directory_clinic c" + whereAndOrder)
                .params(params)
                .query((rs, n) -> new ClinicRow(
                        (UUID) rs.getObject("id"), rs.getString("name"), ClinicKind.valueOf(rs.getString("kind")),
                        new LocalNetworkCode(rs.getString("local_network_code").strip()), new Fsa(rs.getString("fsa").strip()),
                        new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")), rs.getString("phone")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<SourceSystem>> systems = new HashMap<>();
        jdbc.sql("select clinic_id, source_system from directory_clinic_system where clinic_id in (:ids) order by clinic_id, position")
                .param("ids", rows.stream().map(ClinicRow::id).toList())
                .query(rs -> {
                    systems.computeIfAbsent((UUID) rs.getObject("clinic_id"), k -> new ArrayList<>())
                            .add(SourceSystem.valueOf(rs.getString("source_system")));
                });
        return rows.stream()
                .map(r -> new Clinic(new ClinicId(r.id()), r.name(), r.kind(), r.network(), r.fsa(), r.location(), r.phone(),
                        systems.getOrDefault(r.id(), List.of())))
                .toList();
    }

    private record ClinicRow(UUID id, String name, ClinicKind kind, LocalNetworkCode network, Fsa fsa, GeoPoint location,
            String phone) {
    }

    @Override
    public Optional<Clinic> clinic(ClinicId id) {
        return selectClinics(" where c.id = :id", Map.of("id", id.value())).stream().findFirst();
    }

    @Override
    public Page<Professional> professionals(ProfessionalQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        query.region().ifPresent(r -> {
            where.append(" and c.region_code = :region");
            params.put("region", r.value());
        });
        query.clinic().ifPresent(c -> {
            where.append(" and p.clinic_id = :clinic");
            params.put("clinic", c.value());
        });
        query.profession().ifPresent(p -> {
            where.append(" and p.profession = :profession");
            params.put("profession", p.name());
        });
        String from = " from directory_professional p join directory_clinic c on c.id = p.clinic_id";
        long total = jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
        params.put("limit", query.page().size());
        params.put("offset", query.page().offset());
        List<Professional> items = jdbc.sql("""
                        select p.id, p.clinic_id, p.profession, p.family_name, p.given_name, p.speaks_french, p.speaks_english"""
                        + from + where + " order by p.family_name, p.given_name, p.id limit :limit offset :offset")
                .params(params)
                .query(JdbcDirectory::professional)
                .list();
        return new Page<>(items, query.page().page(), query.page().size(), total);
    }

    private static Professional professional(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Set<Language> languages = EnumSet.noneOf(Language.class);
        if (rs.getBoolean("speaks_french")) {
            languages.add(Language.FR);
        }
        if (rs.getBoolean("speaks_english")) {
            languages.add(Language.EN);
        }
        return new Professional(new ProfessionalId((UUID) rs.getObject("id")), new ClinicId((UUID) rs.getObject("clinic_id")),
                Profession.valueOf(rs.getString("profession")), rs.getString("family_name"), rs.getString("given_name"), languages);
    }

    @Override
    public List<Clinic> allClinics() {
        return selectClinics(" order by c.id", Map.of());
    }

    @Override
    public List<Professional> allProfessionals() {
        return jdbc.sql("select id, clinic_id, profession, family_name, given_name, speaks_french, speaks_english from directory_professional order by id")
                .query(JdbcDirectory::professional)
                .list();
    }

    @Override
    public void loadGeography(List<Region> regions, List<LocalNetwork> networks, List<PostalArea> areas) {
        long existing = jdbc.sql("select count(*) from directory_region").query(Long.class).single();
        if (existing > 0) {
            throw new IllegalStateException("the directory already holds a geography; clear it first");
        }
        bulk.insert(new BulkInsert.Batch("directory_region", List.of("code", "name", "population"),
                regions.stream().map(r -> new Object[] {r.code().value(), r.name(), r.population()}).toList()),
                new BulkInsert.Batch("directory_local_network", List.of("code", "region_code", "name", "population"),
                networks.stream().map(n -> new Object[] {n.code().value(), n.region().value(), n.name(), n.population()}).toList()),
                new BulkInsert.Batch("directory_postal_area", List.of("fsa", "place", "latitude", "longitude", "local_network_code", "zone_id"),
                areas.stream().map(a -> new Object[] {a.fsa().value(), a.place(), a.centroid().latitude(), a.centroid().longitude(),
                        a.localNetwork().value(), a.zone().getId()}).toList()));
    }

    @Override
    public void addClinics(List<Clinic> clinics) {
        List<Object[]> systems = new ArrayList<>();
        for (Clinic c : clinics) {
            for (int position = 0; position < c.systems().size(); position++) {
                systems.add(new Object[] {c.id().value(), position, c.systems().get(position).name()});
            }
        }
        bulk.insert(new BulkInsert.Batch("directory_clinic",
                        List.of("id", "name", "kind", "local_network_code", "region_code", "fsa", "latitude", "longitude", "phone"),
                        clinics.stream().map(c -> new Object[] {c.id().value(), c.name(), c.kind().name(), c.localNetwork().value(),
                                c.region().value(), c.fsa().value(), c.location().latitude(), c.location().longitude(), c.phone()})
                                .toList()),
                new BulkInsert.Batch("directory_clinic_system", List.of("clinic_id", "position", "source_system"), systems));
    }

    @Override
    public void addProfessionals(List<Professional> professionals) {
        bulk.insert(new BulkInsert.Batch("directory_professional",
                List.of("id", "clinic_id", "profession", "family_name", "given_name", "speaks_french", "speaks_english"),
                professionals.stream().map(p -> new Object[] {p.id().value(), p.clinic().value(), p.profession().name(),
                        p.familyName(), p.givenName(), p.languages().contains(Language.FR), p.languages().contains(Language.EN)}).toList()));
    }

    @Override
    public void addSourceRefs(List<SourceRef> refs) {
        bulk.insert(new BulkInsert.Batch("directory_source_ref", List.of("source_system", "kind", "ref", "target_id"),
                refs.stream().map(r -> new Object[] {r.source().name(), r.kind().name(), r.ref(), r.target()}).toList()));
    }

    @Override
    public SourceIdentities sourceIdentities(SourceSystem source) {
        Map<String, ClinicId> sites = new HashMap<>();
        jdbc.sql("select ref, target_id from directory_source_ref where source_system = :source and kind = 'SITE'")
                .param("source", source.name())
                .query(rs -> {
                    sites.put(rs.getString("ref"), new ClinicId(rs.getObject("target_id", UUID.class)));
                });
        Map<String, SourceIdentities.Staff> staff = new HashMap<>();
        jdbc.sql("""
                        select r.ref, p.id, p.clinic_id, p.profession from directory_source_ref r
                        join directory_professional p on p.id = r.target_id
                        where r.source_system = :source and r.kind = 'PROFESSIONAL'""")
                .param("source", source.name())
                .query(rs -> {
                    staff.put(rs.getString("ref"), new SourceIdentities.Staff(new ProfessionalId(rs.getObject("id", UUID.class)),
                            new ClinicId(rs.getObject("clinic_id", UUID.class)), Profession.valueOf(rs.getString("profession"))));
                });
        return new SourceIdentities(sites, staff);
    }

    @Override
    @Transactional
    public void clear() {
        regions.clear();
        postalAreas.clear();
        for (String table : List.of("directory_source_ref", "directory_professional", "directory_clinic_system", "directory_clinic",
                "directory_postal_area", "directory_local_network", "directory_region")) {
            jdbc.sql("delete from " + table).update();
        }
    }
}
