package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every slot the search index holds, read for publication (the open-data feed) straight from its arrays: nothing is
 * copied, a region's slots are handed out one at a time. One index for the whole read, even if a rebuild swaps in
 * another meanwhile.
 *
 * <p>The index stamps each slot with when it applied its latest change, so the slots changed since an instant can be
 * told apart, withdrawn ones included, back to the {@link #origin()}: a rebuild leaves withdrawn slots behind, so
 * changes since an earlier instant cannot be told ({@link #changesKnownSince}).
 */
public final class Supply {

    private final SlotIndex index;
    private final SlotIndex.Stamp stamp;

    Supply(SlotIndex index) {
        this.index = index;
        this.stamp = index.stamp();
    }

    /** When this index was built: the earliest instant {@link #forEachSlot} can give the changes since. */
    public Instant origin() {
        return index.origin();
    }

    /** The changes applied when this read began: with the origin, names what this read gives. */
    public long version() {
        return stamp.version();
    }

    /** When the latest change applied before this read was heard (the origin when none). */
    public Instant lastChange() {
        return stamp.lastChange();
    }

    /** Whether {@link #forEachSlot} can give the changes since {@code since}. */
    public boolean changesKnownSince(Instant since) {
        return !since.isBefore(origin());
    }

    /** The regions that have clinics, by code. */
    public List<RegionCode> regions() {
        return index.places().regionsWithClinics();
    }

    /** Each clinic with each service it has slots of (any state), clinics in directory order, services by code. */
    public void forEachSchedule(BiConsumer<ClinicId, ServiceTypeCode> schedules) {
        index.forEachSchedule(schedules);
    }

    /**
     * A region's slots starting at or after {@code from}, clinic by clinic, soonest first: all that are not withdrawn,
     * or, with {@code changedSince}, those changed since (withdrawn ones included; a change of that same second again).
     *
     * @throws IllegalArgumentException when the changes since then cannot be told ({@link #changesKnownSince})
     */
    public void forEachSlot(RegionCode region, Instant from, Optional<Instant> changedSince, Consumer<SupplySlot> slots) {
        if (changedSince.isPresent() && !changesKnownSince(changedSince.get())) {
            throw new IllegalArgumentException("this index was built after " + changedSince.get() + ": its changes since then are unknown");
        }
        index.forEachSlot(region, from, changedSince.orElse(null), slots);
    }
}
