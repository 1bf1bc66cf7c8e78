package ca.careorchestrator.connector.spi.contract;

import ca.careorchestrator.connector.spi.BookingConnector;
import ca.careorchestrator.connector.spi.BookingPatient;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * A connector wired to its simulator over a real loopback socket (or folder), as the contract kit drives
 * it. Implementations live in each connector module's tests.
 */
public interface SourceHarness extends AutoCloseable {

    BookingPatient A_PATIENT = new BookingPatient("patient-contract-1", "Tremblay", "Camille", LocalDate.of(1984, 3, 9), null);

    Connector connector();

    /** The faults this transport can suffer; the others' tests are skipped. */
    Set<Fault> faults();

    /** From now until {@link #clearFaults()}, the simulator misbehaves this way. */
    void inject(Fault fault);

    void clearFaults();

    /** The external ids of the slots that are free at the source right now (the truth the replica must reach). */
    Set<String> freeAtSource();

    /** A free slot is taken at the clinic desk (a change the connector must see next sync); its external id. */
    String bookAtDesk();

    /** A free slot disappears at the source without any change record (only a full read can notice); its external id. */
    String deleteSilently();

    /** One incremental sync: a pull from the last checkpoint, or the source sending what changed (push). */
    Outcome sync(RecordSink sink) throws InterruptedException;

    /** A full read: a pull from {@code Checkpoint.NONE}, or the source sending its whole state (push). */
    Outcome fullSync(RecordSink sink) throws InterruptedException;

    /** The booking side, when the connector books by API. */
    default Optional<BookingConnector> booking() {
        return connector() instanceof BookingConnector booking ? Optional.of(booking) : Optional.empty();
    }

    @Override
    void close() throws Exception;
}
