package ca.careorchestrator.app.provisioning.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of what was loaded. */
@Repository
public class ProvisioningRuns {

    /** A load: completed when {@code completedAt} is set. */
    public record Run(long id, String preset, long seed, LocalDate firstDay, int weeks, Instant startedAt,
            Optional<Instant> completedAt, int clinics, int professionals, long slots) {
    }

    private final JdbcClient jdbc;

    ProvisioningRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Run> latest() {
        return jdbc.sql("""
                        select id, preset, seed, first_day, weeks, started_at, completed_at, clinics, professionals, slots
                        from provisioning_run order by id desc limit 1""")
                .query((rs, n) -> {
                    Timestamp completed = rs.getTimestamp("completed_at");
                    return new Run(rs.getLong("id"), rs.getString("preset"), rs.getLong("seed"),
                            rs.getObject("first_day", LocalDate.class), rs.getInt("weeks"), rs.getTimestamp("started_at").toInstant(),
                            Optional.ofNullable(completed).map(Timestamp::toInstant), rs.getInt("clinics"),
                            rs.getInt("professionals"), rs.getLong("slots"));
                })
                .optional();
    }

    public long start(String preset, long seed, LocalDate firstDay, int weeks, Instant now) {
        jdbc.sql("""
                        insert into provisioning_run (preset, seed, first_day, weeks, started_at)
                        values (:preset, :seed, :firstDay, :weeks, :now)""")
                .param("preset", preset).param("seed", seed).param("firstDay", firstDay).param("weeks", weeks)
                .param("now", Timestamp.from(now))
                .update();
        return jdbc.sql("select max(id) from provisioning_run").query(Long.class).single();
    }

    public void complete(long id, int clinics, int professionals, long slots, Instant now) {
        jdbc.sql("""
                        update provisioning_run set completed_at = :now, clinics = :clinics, professionals = :professionals,
                               slots = :slots where id = :id""")
                .param("now", Timestamp.from(now)).param("clinics", clinics).param("professionals", professionals)
                .param("slots", slots).param("id", id)
                .update();
    }

    public void forgetAll() {
        jdbc.sql("delete from provisioning_run").update();
    }
}
