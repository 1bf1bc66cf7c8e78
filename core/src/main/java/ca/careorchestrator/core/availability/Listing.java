package ca.careorchestrator.core.availability;

import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.SourceSystem;

/**
 * Where a slot was seen: the source system, the id it gives the slot and the version of the record it
 * sent. Applying changes is idempotent on (source, external id, version).
 */
public record Listing(SourceSystem source, String externalId, long sourceVersion) {

    public Listing {
        if (source == null || externalId == null || externalId.isBlank() || externalId.length() > 200) {
            throw new IllegalArgumentException("a listing names its source and a non-blank external id (<= 200 chars)");
        }
        if (sourceVersion < 0) {
            throw new IllegalArgumentException("a source version is not negative");
        }
    }

    public BookingChannel bookingChannel() {
        return source.bookingChannel();
    }
}
