package ca.careorchestrator.connector.spi;

import java.time.Duration;

/** What the source said to a booking or cancellation. */
public sealed interface BookingAnswer {

    /** Done at the source; {@code sourceAppointmentRef} is how the source names the appointment. */
    record Booked(String sourceAppointmentRef) implements BookingAnswer {
    }

    /** Cancelled at the source: the slot is free there again. */
    record Cancelled(String sourceAppointmentRef) implements BookingAnswer {
    }

    /** The source says no: the slot is taken or gone (its word wins). */
    record Refused(String reason) implements BookingAnswer {
    }

    /** The source is unreachable or busy; nothing happened there; try again after {@code delay}. */
    record RetryAfter(Duration delay, String reason) implements BookingAnswer {
    }

    /** We asked and got no answer: the outcome at the source is not known until reconciled. */
    record Unknown(String reason) implements BookingAnswer {
    }
}
