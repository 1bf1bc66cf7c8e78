package ca.careorchestrator.connector.spi;

/**
 * Booking on the source system (FHIR Appointment create, HL7 SRM^S01/S04). The source is the authority:
 * a conflict there wins; a timeout is {@link BookingAnswer.Unknown}, resolved by reconciliation, never
 * by guessing. Calls with the same idempotency key give the same answer.
 */
public interface BookingConnector extends Connector {

    BookingAnswer book(BookingCommand command) throws InterruptedException;

    BookingAnswer cancel(CancelCommand command) throws InterruptedException;
}
