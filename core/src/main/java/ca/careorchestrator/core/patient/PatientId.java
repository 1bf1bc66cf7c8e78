package ca.careorchestrator.core.patient;

import java.io.Serializable;
import java.util.UUID;

/** The registry's id of an insured person; serializable because a signed-in patient is kept in the HTTP session. */
public record PatientId(UUID value) implements Serializable {

    public PatientId {
        if (value == null) {
            throw new IllegalArgumentException("a patient id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
