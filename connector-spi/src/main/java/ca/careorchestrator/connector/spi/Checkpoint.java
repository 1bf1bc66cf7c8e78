package ca.careorchestrator.connector.spi;

/**
 * Where a pull connector is in its source, in the connector's own terms (a {@code _lastUpdated} instant, a
 * manifest {@code transactionTime}, a file name). The runtime stores it and hands it back; only the
 * connector reads it.
 */
public record Checkpoint(String value) {

    /** Nothing read yet: the next pull reads everything. */
    public static final Checkpoint NONE = new Checkpoint("");

    public Checkpoint {
        if (value == null || value.length() > 500) {
            throw new IllegalArgumentException("a checkpoint is a string of at most 500 chars");
        }
    }

    public boolean isNone() {
        return value.isEmpty();
    }
}
