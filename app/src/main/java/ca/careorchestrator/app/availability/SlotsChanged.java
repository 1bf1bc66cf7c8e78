package ca.careorchestrator.app.availability;

import ca.careorchestrator.core.availability.SlotId;
import java.util.Set;

/**
 * Slots whose stored state, listings or attributes changed (published after the change is committed). The
 * search index reloads them from the database, the record: the event says which, never what.
 */
public record SlotsChanged(Set<SlotId> slots) {

    public SlotsChanged {
        slots = Set.copyOf(slots);
    }
}
