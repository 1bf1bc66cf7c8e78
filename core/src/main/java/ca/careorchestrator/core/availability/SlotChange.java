package ca.careorchestrator.core.availability;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Duration;
import java.time.Instant;

/**
 * What a source said about one of its listings, in the canonical model (mapped, validated). Applying a
 * change is idempotent on (listing source, external id, source version): an older or equal version
 * changes nothing, so duplicate and out-of-order deliveries converge.
 */
public sealed interface SlotChange {

    Listing listing();

    /** The source publishes this slot now, free or taken. */
    record Published(
            Listing listing,
            ClinicId clinic,
            ProfessionalId professional,
            ServiceTypeCode service,
            Modality modality,
            Instant start,
            Duration duration,
            boolean free,
            String deepLink,
            String bookingPhone) implements SlotChange {

        public Published {
            if (listing == null || clinic == null || professional == null || service == null || modality == null
                    || start == null || duration == null) {
                throw new IllegalArgumentException("a published slot names its listing, clinic, professional, service, modality, start and length");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(8)) > 0) {
                throw new IllegalArgumentException("a slot lasts more than zero and at most 8 hours");
            }
        }
    }

    /** The source no longer has this slot. */
    record Removed(Listing listing) implements SlotChange {
        public Removed {
            if (listing == null) {
                throw new IllegalArgumentException("a removal names its listing");
            }
        }
    }
}
