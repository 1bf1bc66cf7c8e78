package ca.careorchestrator.core.availability;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A time a professional can see a patient, with every listing it was seen through (one physical slot
 * published by a clinic's EMR and its booking platform is one slot with two listings).
 */
public record Slot(
        SlotId id,
        ClinicId clinic,
        ProfessionalId professional,
        ServiceTypeCode service,
        Modality modality,
        Instant start,
        Duration duration,
        SlotState state,
        List<Listing> listings) {

    public Slot {
        if (id == null || clinic == null || professional == null || service == null || modality == null
                || start == null || duration == null || state == null) {
            throw new IllegalArgumentException("a slot has an id, clinic, professional, service, modality, start, length and state");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(8)) > 0) {
            throw new IllegalArgumentException("a slot lasts more than zero and at most 8 hours");
        }
        listings = List.copyOf(listings);
        if (listings.isEmpty()) {
            throw new IllegalArgumentException("a slot was seen through at least one listing");
        }
    }

    public Instant end() {
        return start.plus(duration);
    }

    /** This slot in {@code next} state; an illegal transition is a programming error. */
    public Slot becoming(SlotState next) {
        if (!state.canBecome(next)) {
            throw new IllegalStateException("slot " + id + " cannot go from " + state.code() + " to " + next.code());
        }
        return new Slot(id, clinic, professional, service, modality, start, duration, next, listings);
    }
}
