package ca.careorchestrator.core.patient;

import java.util.UUID;

public record PatientId(UUID value) {

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
