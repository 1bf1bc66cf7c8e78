package ca.careorchestrator.app.identity.persistence;

import ca.careorchestrator.app.identity.PeopleStore;
import ca.careorchestrator.app.identity.StoredPerson;
import ca.careorchestrator.app.persistence.BulkInsert;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import ca.careorchestrator.core.patient.Sex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPeopleStore implements PeopleStore {

    private static final List<String> COLUMNS = List.of("id", "nam_hash", "nam_cipher", "birth_date", "sex", "family_name", "given_name",
            "fsa", "language", "email", "mobile_phone", "registered_professional_id", "registered_clinic_id");
    private static final String PERSON = "select " + String.join(", ", COLUMNS) + " from identity_person";

    private final JdbcClient jdbc;
    private final BulkInsert bulk;

    JdbcPeopleStore(JdbcClient jdbc, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    @Override
    public void insert(List<StoredPerson> people) {
        List<Object[]> rows = people.stream().map(p -> new Object[] {p.id().value(), p.namHash(), p.namCipher(), p.birthDate(),
                p.sex().name(), p.familyName(), p.givenName(), p.fsa().value(), p.language().name(), p.email().orElse(null),
                p.mobilePhone().orElse(null), p.registeredProfessional().map(ProfessionalId::value).orElse(null),
                p.registeredClinic().map(ClinicId::value).orElse(null)}).toList();
        bulk.insert(new BulkInsert.Batch("identity_person", COLUMNS, rows));
    }

    @Override
    public Optional<StoredPerson> byNamHash(String namHash) {
        return jdbc.sql(PERSON + " where nam_hash = :hash").param("hash", namHash).query(JdbcPeopleStore::person).optional();
    }

    @Override
    public Optional<StoredPerson> byId(PatientId id) {
        return jdbc.sql(PERSON + " where id = :id").param("id", id.value()).query(JdbcPeopleStore::person).optional();
    }

    @Override
    public List<StoredPerson> sample(int limit) {
        return jdbc.sql(PERSON + " order by id limit :limit").param("limit", limit).query(JdbcPeopleStore::person).list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from identity_person").query(Long.class).single();
    }

    @Override
    public void clear() {
        jdbc.sql("delete from identity_audit").update();
        jdbc.sql("delete from identity_sign_in").update();
        jdbc.sql("delete from identity_referral").update();
        jdbc.sql("delete from identity_person").update();
    }

    @Override
    public void refer(PatientId patient, PriorityCode priority, String region, String referredBy, Instant at) {
        jdbc.sql("""
                        insert into identity_referral (id, patient_id, priority, region, referred_by, referred_at)
                        values (:id, :patient, :priority, :region, :by, :at)""")
                .param("id", UUID.randomUUID())
                .param("patient", patient.value())
                .param("priority", priority.name())
                .param("region", region)
                .param("by", referredBy)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public Optional<PriorityCode> latestReferral(PatientId patient) {
        return jdbc.sql("select priority from identity_referral where patient_id = :patient order by referred_at desc limit 1")
                .param("patient", patient.value()).query((rs, n) -> PriorityCode.valueOf(rs.getString(1))).optional();
    }

    private static StoredPerson person(ResultSet rs, int row) throws SQLException {
        return new StoredPerson(new PatientId(rs.getObject("id", UUID.class)), rs.getString("nam_hash"), rs.getString("nam_cipher"),
                rs.getObject("birth_date", LocalDate.class), Sex.valueOf(rs.getString("sex")), rs.getString("family_name"),
                rs.getString("given_name"), new Fsa(rs.getString("fsa")), Language.valueOf(rs.getString("language")),
                Optional.ofNullable(rs.getString("email")), Optional.ofNullable(rs.getString("mobile_phone")),
                Optional.ofNullable(rs.getObject("registered_professional_id", UUID.class)).map(ProfessionalId::new),
                Optional.ofNullable(rs.getObject("registered_clinic_id", UUID.class)).map(ClinicId::new));
    }
}
