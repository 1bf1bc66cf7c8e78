package ca.careorchestrator.app.availability;

import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads, loads and applies slots. */
public interface Availability {

    /**
     * Slots starting at or after {@code from}, by region, withdrawn ones left out. A count made less than 30 s
     * earlier is reused (the search index of issue #4 will keep these current from events instead).
     */
    Map<RegionCode, SlotCounts> futureSlotsByRegion(Instant from);

    /** Stores new slots and their listings; {@code regionOf} places each slot's clinic. One transaction per call. */
    void addSlots(List<Slot> slots, Function<Slot, RegionCode> regionOf);

    /**
     * Applies what one source said, in one transaction. Idempotent on (source, external id, version): an
     * older or equal version changes nothing. A listing not known yet joins the slot another channel published
     * for the same clinic, professional and start (one physical slot, several listings), or makes a new slot.
     * A slot's state follows its listings (any taken: booked at source; all gone: withdrawn; else free) unless
     * the orchestrator holds or booked it. {@code readGeneration} (0: not a full read) marks what a full
     * read saw, for {@link #withdrawUnseen}.
     */
    ApplyResult apply(SourceSystem source, List<SlotChange> changes, long readGeneration);

    /**
     * After a full read of {@code source} numbered {@code readGeneration}: its listings of slots starting at
     * or after {@code from} that the read did not see are gone at the source (a silent deletion). Returns
     * how many listings that marked gone.
     */
    int withdrawUnseen(SourceSystem source, long readGeneration, Instant from);

    /**
     * For a rebuild of the search index: streams the entry of every slot starting at or after {@code from}
     * that is not withdrawn, its channel set to {@link BookingChannel#PHONE} (the weakest), then the channel
     * of each of their live listings (the index keeps the best). Millions of rows, read through cursors.
     */
    void forEachEntry(Instant from, Consumer<SlotEntry> entries, BiConsumer<SlotId, BookingChannel> listingChannels);

    /** The current entries of these slots, whatever their state (a withdrawn one tells the index to drop it). */
    List<SlotEntry> entries(Collection<SlotId> ids);

    /**
     * The deep link each of these slots is booked through, for those a live listing gives one (the first by source
     * and external id when several do); one query per few hundred ids, for a feed that names thousands a second.
     */
    Map<SlotId, String> deepLinks(Collection<SlotId> ids);

    /** The slot as stored now, with its live listings. */
    Optional<StoredSlot> slot(SlotId id);

    /**
     * The slot as stored now, its row locked until the caller's transaction ends: the booking saga reads
     * it, decides the next state with {@link SlotState}'s transitions, then {@link #store}s it.
     */
    Optional<StoredSlot> lockForUpdate(SlotId id);

    /** A slot's state and start, its row locked until the caller's transaction ends (the cheap form of {@link #lockForUpdate}). */
    Optional<LockedSlot> lockState(SlotId id);

    /** The same, without a lock (a refusal needs none: most holds in a rush are for slots already taken). */
    Optional<LockedSlot> state(SlotId id);

    /** The listings its sources still publish for this slot. */
    List<StoredSlot.LiveListing> liveListings(SlotId id);

    record LockedSlot(SlotState state, Instant start) {
    }

    /** Stores a slot's next state (the caller checked the transition); {@link SlotsChanged} follows the commit. */
    void store(SlotId id, SlotState next);

    /** Slots whose hold ran out before {@code now}, oldest first. */
    List<SlotId> expiredHolds(Instant now, int limit);

    /** Empties slots and listings. */
    void clear();
}
