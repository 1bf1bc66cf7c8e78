package ca.careorchestrator.app.availability;

import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads and loads slots. */
public interface Availability {

    /**
     * Slots starting at or after {@code from}, by region, withdrawn ones left out. A count made less than 30 s
     * earlier is reused (the search index of issue #4 will keep these current from events instead).
     */
    Map<RegionCode, SlotCounts> futureSlotsByRegion(Instant from);

    /** Stores new slots and their listings; {@code regionOf} places each slot's clinic. One transaction per call. */
    void addSlots(List<Slot> slots, Function<Slot, RegionCode> regionOf);

    /** Empties slots and listings. */
    void clear();
}
