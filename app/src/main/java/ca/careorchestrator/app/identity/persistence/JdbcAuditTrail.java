package ca.careorchestrator.app.identity.persistence;

import ca.careorchestrator.app.identity.AuditEntry;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.core.patient.PatientId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(AuditEntry.Actor actor, String action, PatientId subject, String purpose, AuditEntry.Outcome outcome) {
        jdbc.sql("""
                        insert into identity_audit (at, actor_kind, actor_id, action, subject_id, purpose, outcome)
                        values (:at, :kind, :actor, :action, :subject, :purpose, :outcome)""")
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("kind", actor.kind().name())
                .param("actor", truncate(actor.id(), 200))
                .param("action", truncate(action, 60))
                .param("subject", subject.value())
                .param("purpose", truncate(purpose, 200))
                .param("outcome", outcome.name())
                .update();
    }

    @Override
    public List<AuditEntry> find(Query query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        query.subject().ifPresent(s -> {
            where.add("subject_id = :subject");
            params.put("subject", s.value());
        });
        query.actorKind().ifPresent(k -> {
            where.add("actor_kind = :kind");
            params.put("kind", k.name());
        });
        query.actorId().ifPresent(a -> {
            where.add("actor_id = :actor");
            params.put("actor", a);
        });
        query.from().ifPresent(f -> {
            where.add("at >= :from");
            params.put("from", f.atOffset(ZoneOffset.UTC));
        });
        query.to().ifPresent(t -> {
            where.add("at < :to");
            params.put("to", t.atOffset(ZoneOffset.UTC));
        });
        String sql = "select id, at, actor_kind, actor_id, action, subject_id, purpose, outcome from identity_audit"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by at desc, id desc limit " + query.limit();
        return jdbc.sql(sql).params(params).query(JdbcAuditTrail::entry).list();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                new AuditEntry.Actor(AuditEntry.Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")),
                rs.getString("action"), new PatientId(rs.getObject("subject_id", UUID.class)), rs.getString("purpose"),
                AuditEntry.Outcome.valueOf(rs.getString("outcome")));
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
