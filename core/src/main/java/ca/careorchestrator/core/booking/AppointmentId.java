package ca.careorchestrator.core.booking;

import java.util.UUID;

public record AppointmentId(UUID value) {

    public AppointmentId {
        if (value == null) {
            throw new IllegalArgumentException("an appointment id has a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
