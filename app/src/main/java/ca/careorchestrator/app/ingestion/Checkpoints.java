package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.util.Optional;

/** Where each pull source is, and the numbering of its full reads. */
public interface Checkpoints {

    Optional<String> checkpoint(SourceSystem source);

    void save(SourceSystem source, String checkpoint, Instant at);

    /** The next read's number (each read gets a larger one); the row is created when missing. */
    long nextReadGeneration(SourceSystem source, Instant at);
}
