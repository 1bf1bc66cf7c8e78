package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registry's tables ({@code identity_person}, {@code identity_referral}); implemented in the persistence package. */
public interface PeopleStore {

    /** Writes these people in one transaction (COPY on PostgreSQL). */
    void insert(List<StoredPerson> people);

    Optional<StoredPerson> byNamHash(String namHash);

    Optional<StoredPerson> byId(PatientId id);

    long count();

    /** The first {@code limit} people by id, one registered and one orphan among them if there are (demo hints). */
    List<StoredPerson> sample(int limit);

    /** Empties the registry and everything that refers to it (sign-ins, referrals, audit rows). */
    void clear();

    void refer(PatientId patient, PriorityCode priority, String region, String referredBy, Instant at);

    /** The priority of the latest referral by the access desk, if any. */
    Optional<PriorityCode> latestReferral(PatientId patient);
}
