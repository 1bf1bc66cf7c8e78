package ca.careorchestrator.app.availability;

/** Future slots of a region: all of them, and those still free. */
public record SlotCounts(long total, long free) {

    public static final SlotCounts NONE = new SlotCounts(0, 0);

    public SlotCounts plus(SlotCounts other) {
        return new SlotCounts(total + other.total, free + other.free);
    }
}
