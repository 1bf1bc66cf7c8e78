package ca.careorchestrator.app.desk.persistence;

import ca.careorchestrator.app.desk.DeskRows;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads (never writes) waitlist_request, identity_person and the directory's areas: the queue needs the three at once,
 * and a join is one query where the modules' APIs would be one per request. An orphan is a person with no
 * registered family physician (identity_person.registered_professional_id null).
 */
@Repository
class JdbcDeskRows implements DeskRows {

    private static final String ROW = """
            select r.id, r.patient_ref, r.service, r.fsa, a.place, n.region_code, r.priority, r.filed_at, r.state
            from waitlist_request r
            join identity_person p on p.id = r.patient_ref
            join directory_postal_area a on a.fsa = r.fsa
            join directory_local_network n on n.code = a.local_network_code
            where p.registered_professional_id is null""";

    private final JdbcClient jdbc;

    JdbcDeskRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Row> openRequests(RegionCode region, int limit) {
        return jdbc.sql(ROW + " and n.region_code = :region and r.state in ('OPEN', 'OFFERED') order by r.filed_at, r.id limit :limit")
                .param("region", region.value()).param("limit", limit).query(JdbcDeskRows::row).list();
    }

    @Override
    public Optional<Row> request(CareRequestId id) {
        return jdbc.sql(ROW + " and r.id = :id").param("id", id.value()).query(JdbcDeskRows::row).optional();
    }

    @Override
    public List<Orphan> orphans() {
        return jdbc.sql("""
                        select p.id, p.fsa, n.region_code
                        from identity_person p
                        join directory_postal_area a on a.fsa = p.fsa
                        join directory_local_network n on n.code = a.local_network_code
                        where p.registered_professional_id is null
                        order by p.id""")
                .query((rs, n) -> new Orphan(new PatientId(rs.getObject(1, UUID.class)), new Fsa(rs.getString(2).strip()),
                        new RegionCode(rs.getString(3).strip())))
                .list();
    }

    @Override
    public long requestCount() {
        return jdbc.sql("select count(*) from waitlist_request").query(Long.class).single();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String priority = rs.getString("priority");
        return new Row(new CareRequestId(rs.getObject("id", UUID.class)), new PatientId(rs.getObject("patient_ref", UUID.class)),
                new ServiceTypeCode(rs.getString("service")), new Fsa(rs.getString("fsa").strip()), rs.getString("place"),
                new RegionCode(rs.getString("region_code").strip()),
                priority == null ? Optional.empty() : Optional.of(PriorityCode.valueOf(priority.strip())),
                rs.getObject("filed_at", OffsetDateTime.class).toInstant(), rs.getString("state"));
    }
}
