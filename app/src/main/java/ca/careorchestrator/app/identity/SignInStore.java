package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code identity_sign_in} table; implemented in the persistence package. */
public interface SignInStore {

    record StoredSignIn(UUID id, String namHash, Optional<PatientId> patient, SignInChannel channel, String codeHash, String state,
            int tries, Instant createdAt, Instant expiresAt) {

        @Override
        public String toString() {
            return "StoredSignIn[" + id + ", " + state + "]";
        }
    }

    void insert(StoredSignIn signIn);

    /** Ends the NAM's open sign-ins (a new code replaces the previous one). */
    void replaceOpen(String namHash, Instant at);

    /** Reads the sign-in and locks its row until the transaction ends. */
    Optional<StoredSignIn> lock(UUID id);

    void setTries(UUID id, int tries);

    void end(UUID id, String state, Instant at);

    /** Wrong codes typed for this NAM since {@code since}, over all its sign-ins. */
    int triesSince(String namHash, Instant since);

    /** When the NAM's latest lock happened, if any. */
    Optional<Instant> lastLocked(String namHash);
}
