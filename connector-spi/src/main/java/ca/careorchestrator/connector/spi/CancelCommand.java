package ca.careorchestrator.connector.spi;

/** Cancel what the source booked as {@code sourceAppointmentRef} for slot {@code externalId}. */
public record CancelCommand(String externalId, String sourceAppointmentRef, String idempotencyKey, String reason) {

    public CancelCommand {
        if (externalId == null || sourceAppointmentRef == null || idempotencyKey == null) {
            throw new IllegalArgumentException("a cancellation names the slot, the source's appointment and an idempotency key");
        }
    }
}
