package ca.careorchestrator.core.patient;

import java.util.UUID;

public record CareRequestId(UUID value) {

    public CareRequestId {
        if (value == null) {
            throw new IllegalArgumentException("a care request id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
