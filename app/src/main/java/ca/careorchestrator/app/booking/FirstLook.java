package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;

/**
 * Freed slots someone looks at before anyone may hold them: the waitlist offers a slot freed by a cancellation or an
 * ended hold to the patients waiting for it first (DESIGN.md "Fairness"), and its matcher runs on its own thread after
 * the release commits; until it has looked, {@link Bookings#hold} refuses the slot ({@code slot-held}) to everyone but
 * the orchestrator itself, so a bot polling the search cannot win the race against a waiting patient. Implemented by
 * the waitlist module; booking only asks, so that it does not depend on it.
 */
public interface FirstLook {

    /** True while {@code slot}, freed, waits for the first look (held for nobody yet, open to nobody else). */
    boolean pending(SlotId slot);

    /** Without a waitlist: a freed slot is open to everyone at once. */
    FirstLook NOBODY = slot -> false;
}
