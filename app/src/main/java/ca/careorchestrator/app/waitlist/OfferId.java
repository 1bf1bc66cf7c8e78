package ca.careorchestrator.app.waitlist;

import java.util.UUID;

public record OfferId(UUID value) {

    public OfferId {
        if (value == null) {
            throw new IllegalArgumentException("an offer id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
