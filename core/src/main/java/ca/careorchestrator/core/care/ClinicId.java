package ca.careorchestrator.core.care;

import java.util.UUID;

public record ClinicId(UUID value) {

    public ClinicId {
        if (value == null) {
            throw new IllegalArgumentException("a clinic id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
