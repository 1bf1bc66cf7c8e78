package ca.careorchestrator.core.availability;

import java.util.UUID;

public record HoldId(UUID value) {

    public HoldId {
        if (value == null) {
            throw new IllegalArgumentException("a hold id has a value");
        }
    }
}
