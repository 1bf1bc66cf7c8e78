package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Instant;

/**
 * A slot as the supply publishes it (open data): where, what, when, whether it can still be taken and how it is
 * booked; no professional and nobody who took it.
 */
public record SupplySlot(SlotId id, ClinicId clinic, ServiceTypeCode service, Modality modality, Instant start, int durationMinutes,
        State state, BookingChannel channel) {

    /** The slot's state in the index: held and booked both mean taken for now. */
    public enum State {
        FREE, HELD, BOOKED, WITHDRAWN;

        static State of(byte code) {
            return switch (code) {
                case SlotIndex.FREE -> FREE;
                case SlotIndex.HELD -> HELD;
                case SlotIndex.BOOKED -> BOOKED;
                case SlotIndex.WITHDRAWN -> WITHDRAWN;
                default -> throw new IllegalStateException("unknown slot state code " + code);
            };
        }
    }

    public Instant end() {
        return start.plusSeconds(60L * durationMinutes);
    }
}
