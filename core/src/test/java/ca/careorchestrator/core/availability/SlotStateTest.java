package ca.careorchestrator.core.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.availability.SlotState.BookedBy;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotStateTest {

    private static final Instant NOON = Instant.parse("2026-11-23T17:00:00Z");
    private static final HoldId HOLD = new HoldId(new UUID(0, 1));

    private static Slot aFreeSlot() {
        return new Slot(new SlotId(new UUID(1, 1)), new ClinicId(new UUID(2, 2)), new ProfessionalId(new UUID(3, 3)),
                new ServiceTypeCode("follow-up"), Modality.IN_PERSON, NOON, Duration.ofMinutes(15), SlotState.free(),
                List.of(new Listing(SourceSystem.RVSQ, "Slot/1", 1)));
    }

    @Test
    void aFreeSlotIsHeldThenBookedThenFreedByCancellation() {
        SlotState.Held held = new SlotState.Free().hold(HOLD, NOON.plusSeconds(300));
        SlotState.Booked booked = held.book();

        assertThat(booked.by()).isEqualTo(BookedBy.ORCHESTRATOR);
        assertThat(booked.cancel()).isEqualTo(SlotState.free());
        Slot slot = aFreeSlot().becoming(held).becoming(booked).becoming(booked.cancel());
        assertThat(slot.state()).isEqualTo(SlotState.free());
    }

    @Test
    void aHoldExpiresAtItsDeadline() {
        SlotState.Held held = new SlotState.Free().hold(HOLD, NOON);

        assertThat(held.expiredAt(NOON.minusMillis(1))).isFalse();
        assertThat(held.expiredAt(NOON)).isTrue();
    }

    @Test
    void theSourceMayTakeOrWithdrawAHeldSlot() {
        SlotState.Held held = new SlotState.Free().hold(HOLD, NOON);

        assertThat(aFreeSlot().becoming(held).becoming(held.takenAtSource()).state())
                .isEqualTo(new SlotState.Booked(BookedBy.SOURCE));
        assertThat(aFreeSlot().becoming(held).becoming(held.withdraw()).state()).isInstanceOf(SlotState.Withdrawn.class);
    }

    @Test
    void refusesIllegalTransitions() {
        Slot free = aFreeSlot();
        SlotState.Held held = new SlotState.Free().hold(HOLD, NOON);
        Slot booked = free.becoming(held).becoming(held.book());
        Slot withdrawn = free.becoming(new SlotState.Free().withdraw());

        assertThatThrownBy(() -> free.becoming(held.book())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> free.becoming(SlotState.free())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> booked.becoming(held)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> free.becoming(held).becoming(held)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> withdrawn.becoming(SlotState.free())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSlotIsSeenThroughAtLeastOneListingAndLastsAPositiveTime() {
        Slot slot = aFreeSlot();

        assertThatThrownBy(() -> new Slot(slot.id(), slot.clinic(), slot.professional(), slot.service(), slot.modality(),
                slot.start(), slot.duration(), slot.state(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Slot(slot.id(), slot.clinic(), slot.professional(), slot.service(), slot.modality(),
                slot.start(), Duration.ZERO, slot.state(), slot.listings())).isInstanceOf(IllegalArgumentException.class);
        assertThat(slot.end()).isEqualTo(NOON.plus(Duration.ofMinutes(15)));
    }
}
