package ca.careorchestrator.core.waitlist;

import java.time.Instant;
import java.util.UUID;

/** The waiting order's key (filing instant, then request id) and instants as epoch nanoseconds. */
final class Keys {

    private Keys() {
    }

    static int compare(long filed, long high, long low, long otherFiled, long otherHigh, long otherLow) {
        int byTime = Long.compare(filed, otherFiled);
        if (byTime != 0) {
            return byTime;
        }
        // Same instant: the id decides, as UUID orders them (rare, so the objects are made only here).
        return new UUID(high, low).compareTo(new UUID(otherHigh, otherLow));
    }

    /** Epoch nanoseconds: exact, for instants between 1677 and 2262 (a care request's times are years from either). */
    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
