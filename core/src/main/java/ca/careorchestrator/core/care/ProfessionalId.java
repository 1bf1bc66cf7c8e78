package ca.careorchestrator.core.care;

import java.util.UUID;

public record ProfessionalId(UUID value) {

    public ProfessionalId {
        if (value == null) {
            throw new IllegalArgumentException("a professional id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
