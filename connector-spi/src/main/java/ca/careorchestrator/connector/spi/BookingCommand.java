package ca.careorchestrator.connector.spi;

/** Book the slot the source calls {@code externalId} for this patient; {@code idempotencyKey} is stable across retries. */
public record BookingCommand(String externalId, String idempotencyKey, BookingPatient patient, String serviceCode) {

    public BookingCommand {
        if (externalId == null || externalId.isBlank() || idempotencyKey == null || idempotencyKey.isBlank() || patient == null) {
            throw new IllegalArgumentException("a booking names the slot, an idempotency key and the patient");
        }
    }
}
