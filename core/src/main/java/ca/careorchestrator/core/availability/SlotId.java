package ca.careorchestrator.core.availability;

import java.util.UUID;

public record SlotId(UUID value) {

    public SlotId {
        if (value == null) {
            throw new IllegalArgumentException("a slot id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
