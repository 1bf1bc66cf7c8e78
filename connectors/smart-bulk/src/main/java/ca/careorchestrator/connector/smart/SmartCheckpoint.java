package ca.careorchestrator.connector.smart;

import ca.careorchestrator.connector.spi.Checkpoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a SMART pull stands: the manifest's {@code transactionTime} (sent back as {@code _since}) and the
 * manifest's {@code Last-Modified} header, verbatim (sent back as {@code If-Modified-Since}). Encoded as
 * {@code <transactionTime>} or {@code <transactionTime>|<Last-Modified>}.
 */
record SmartCheckpoint(Instant transactionTime, String lastModified) {

    private static final char SEPARATOR = '|';

    /** The checkpoint the runtime handed back, or null for {@link Checkpoint#NONE} or one we cannot read (a full read). */
    static SmartCheckpoint parse(Checkpoint checkpoint) {
        if (checkpoint.isNone()) {
            return null;
        }
        String value = checkpoint.value();
        int cut = value.indexOf(SEPARATOR);
        try {
            Instant time = Instant.parse(cut < 0 ? value : value.substring(0, cut));
            String lastModified = cut < 0 || cut == value.length() - 1 ? null : value.substring(cut + 1);
            return new SmartCheckpoint(time, lastModified);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    Checkpoint encode() {
        String value = lastModified == null ? transactionTime.toString() : transactionTime + String.valueOf(SEPARATOR) + lastModified;
        // Last-Modified is an HTTP-date (29 chars); anything longer is not one and is dropped rather than overflow the checkpoint.
        return value.length() <= 500 ? new Checkpoint(value) : new Checkpoint(transactionTime.toString());
    }
}
