package ca.careorchestrator.app.ingestion.persistence;

import ca.careorchestrator.app.ingestion.Quarantine;
import ca.careorchestrator.app.ingestion.QuarantineEntry;
import ca.careorchestrator.core.care.SourceSystem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcQuarantine implements Quarantine {

    private static final String COLUMNS = """
            id, source_system, external_id, reason, raw_payload, record_json is not null as replayable, received_at, status,
            resolved_at, attempts""";

    /** Empty :source / :status parameters mean any. */
    private static final String FILTER = " where (:source = '' or source_system = :source) and (:status = '' or status = :status)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcQuarantine(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public void add(List<Incoming> entries, Instant receivedAt) {
        template.batchUpdate("""
                        insert into ingestion_quarantine (source_system, external_id, reason, raw_payload, record_json, received_at)
                        values (?, ?, ?, ?, ?, ?)""",
                entries.stream().map(e -> new Object[] {e.source().name(), truncate(e.externalId(), 200), truncate(e.reason(), 500),
                        e.rawPayload(), e.recordJson(), receivedAt.atOffset(ZoneOffset.UTC)}).toList());
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    @Override
    public List<QuarantineEntry> list(Optional<SourceSystem> source, Optional<QuarantineEntry.Status> status, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from ingestion_quarantine" + FILTER
                        + " order by id desc limit :limit offset :offset")
                .param("source", source.map(Enum::name).orElse(""))
                .param("status", status.map(Enum::name).orElse(""))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> entry(rs))
                .list();
    }

    @Override
    public long count(Optional<SourceSystem> source, Optional<QuarantineEntry.Status> status) {
        return jdbc.sql("select count(*) from ingestion_quarantine" + FILTER)
                .param("source", source.map(Enum::name).orElse(""))
                .param("status", status.map(Enum::name).orElse(""))
                .query(Long.class)
                .single();
    }

    @Override
    public Optional<QuarantineEntry> get(long id) {
        return jdbc.sql("select " + COLUMNS + " from ingestion_quarantine where id = :id").param("id", id)
                .query((rs, n) -> entry(rs)).optional();
    }

    @Override
    public Optional<String> recordJson(long id) {
        return jdbc.sql("select record_json from ingestion_quarantine where id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    @Override
    public Map<SourceSystem, Long> openBySource() {
        Map<SourceSystem, Long> open = new EnumMap<>(SourceSystem.class);
        jdbc.sql("select source_system, count(*) as n from ingestion_quarantine where status = 'OPEN' group by source_system")
                .query(rs -> {
                    open.put(SourceSystem.valueOf(rs.getString("source_system")), rs.getLong("n"));
                });
        return open;
    }

    @Override
    public boolean resolve(long id, QuarantineEntry.Status status, Instant at) {
        return jdbc.sql("update ingestion_quarantine set status = :status, resolved_at = :at where id = :id and status = 'OPEN'")
                .param("status", status.name())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", id)
                .update() == 1;
    }

    @Override
    public void stillFailing(long id, String reason) {
        jdbc.sql("update ingestion_quarantine set reason = :reason, attempts = attempts + 1 where id = :id")
                .param("reason", truncate(reason, 500))
                .param("id", id)
                .update();
    }

    @Override
    public List<Long> openReplayable(SourceSystem source, int limit) {
        return jdbc.sql("""
                        select id from ingestion_quarantine
                        where status = 'OPEN' and source_system = :source and record_json is not null order by id limit :limit""")
                .param("source", source.name())
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    private static QuarantineEntry entry(ResultSet rs) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new QuarantineEntry(rs.getLong("id"), SourceSystem.valueOf(rs.getString("source_system")),
                Optional.ofNullable(rs.getString("external_id")), rs.getString("reason"), rs.getString("raw_payload"),
                rs.getBoolean("replayable"), rs.getTimestamp("received_at").toInstant(),
                QuarantineEntry.Status.valueOf(rs.getString("status")), Optional.ofNullable(resolved).map(Timestamp::toInstant),
                rs.getInt("attempts"));
    }
}
