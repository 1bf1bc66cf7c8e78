package ca.careorchestrator.app.fairness.persistence;

import ca.careorchestrator.app.fairness.FlagStore;
import ca.careorchestrator.app.fairness.StoredFlag;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.fairness.Flag;
import ca.careorchestrator.core.fairness.Signal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcFlagStore implements FlagStore {

    private final JdbcClient jdbc;

    JdbcFlagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(StoredFlag stored) {
        Flag flag = stored.flag();
        jdbc.sql("""
                        insert into fairness_flag (id, actor_kind, actor_id, signal, observed, threshold, window_seconds, raised_at)
                        values (:id, :kind, :actor, :signal, :observed, :threshold, :window, :raised)""")
                .param("id", stored.id())
                .param("kind", flag.actor().kind().name())
                .param("actor", flag.actor().id())
                .param("signal", flag.signal().name())
                .param("observed", flag.observed())
                .param("threshold", flag.threshold())
                .param("window", flag.window().toSeconds())
                .param("raised", OffsetDateTime.ofInstant(flag.raisedAt(), ZoneOffset.UTC))
                .update();
    }

    @Override
    public List<StoredFlag> raised(Instant from, Instant to, Optional<Signal> signal, int limit) {
        return jdbc.sql("""
                        select id, actor_kind, actor_id, signal, observed, threshold, window_seconds, raised_at from fairness_flag
                        where raised_at >= :from and raised_at < :to and (:signal = '' or signal = :signal)
                        order by raised_at desc, id
                        limit :limit""")
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .param("signal", signal.map(Signal::name).orElse(""))
                .param("limit", limit)
                .query((rs, row) -> new StoredFlag(rs.getObject("id", UUID.class), new Flag(
                        new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")),
                        Signal.valueOf(rs.getString("signal")), rs.getLong("observed"), rs.getLong("threshold"),
                        Duration.ofSeconds(rs.getLong("window_seconds")), rs.getObject("raised_at", OffsetDateTime.class).toInstant())))
                .list();
    }
}
