package ca.careorchestrator.app.identity.persistence;

import ca.careorchestrator.app.identity.SignInChannel;
import ca.careorchestrator.app.identity.SignInStore;
import ca.careorchestrator.core.patient.PatientId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSignInStore implements SignInStore {

    private static final String SIGN_IN = """
            select id, nam_hash, patient_id, channel, code_hash, state, tries, created_at, expires_at from identity_sign_in""";

    private final JdbcClient jdbc;

    JdbcSignInStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(StoredSignIn s) {
        jdbc.sql("""
                        insert into identity_sign_in (id, nam_hash, patient_id, channel, code_hash, state, tries, created_at, expires_at)
                        values (:id, :nam, :patient, :channel, :code, :state, :tries, :created, :expires)""")
                .param("id", s.id())
                .param("nam", s.namHash())
                .param("patient", s.patient().map(PatientId::value).orElse(null))
                .param("channel", s.channel().name())
                .param("code", s.codeHash())
                .param("state", s.state())
                .param("tries", s.tries())
                .param("created", utc(s.createdAt()))
                .param("expires", utc(s.expiresAt()))
                .update();
    }

    @Override
    public void replaceOpen(String namHash, Instant at) {
        jdbc.sql("update identity_sign_in set state = 'REPLACED', ended_at = :at where nam_hash = :nam and state = 'OPEN'")
                .param("at", utc(at)).param("nam", namHash).update();
    }

    @Override
    public Optional<StoredSignIn> lock(UUID id) {
        return jdbc.sql(SIGN_IN + " where id = :id for update").param("id", id).query(JdbcSignInStore::signIn).optional();
    }

    @Override
    public void setTries(UUID id, int tries) {
        jdbc.sql("update identity_sign_in set tries = :tries where id = :id").param("tries", tries).param("id", id).update();
    }

    @Override
    public void end(UUID id, String state, Instant at) {
        jdbc.sql("update identity_sign_in set state = :state, ended_at = :at where id = :id")
                .param("state", state).param("at", utc(at)).param("id", id).update();
    }

    @Override
    public int triesSince(String namHash, Instant since) {
        return jdbc.sql("select coalesce(sum(tries), 0) from identity_sign_in where nam_hash = :nam and created_at >= :since")
                .param("nam", namHash).param("since", utc(since)).query(Integer.class).single();
    }

    @Override
    public Optional<Instant> lastLocked(String namHash) {
        return jdbc.sql("select max(ended_at) from identity_sign_in where nam_hash = :nam and state = 'LOCKED'")
                .param("nam", namHash).query((rs, n) -> Optional.ofNullable(instant(rs, 1))).list().stream().flatMap(Optional::stream).findFirst();
    }

    private static StoredSignIn signIn(ResultSet rs, int row) throws SQLException {
        UUID patient = rs.getObject("patient_id", UUID.class);
        return new StoredSignIn(rs.getObject("id", UUID.class), rs.getString("nam_hash"), Optional.ofNullable(patient).map(PatientId::new),
                SignInChannel.valueOf(rs.getString("channel")), rs.getString("code_hash"), rs.getString("state"), rs.getInt("tries"),
                instant(rs, 8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
