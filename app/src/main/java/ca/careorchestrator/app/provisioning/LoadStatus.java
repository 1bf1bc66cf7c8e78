package ca.careorchestrator.app.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the start-up load stands.
 *
 * @param slotsWritten slots stored so far, out of {@code slotsTotal}
 */
public record LoadStatus(Phase phase, String preset, long seed, long slotsWritten, long slotsTotal, int clinics,
        int professionals, Optional<Instant> startedAt, Optional<Instant> completedAt, Optional<String> failure) {

    public enum Phase {
        /** Nothing started yet (the web server comes up first). */
        STARTING,
        /** Building the province and writing geography, clinics and professionals. */
        PREPARING,
        /** Writing slots; {@code slotsWritten} moves. */
        LOADING_SLOTS,
        /** The data is in place. */
        READY,
        /** The load stopped; {@code failure} says why. A restart retries. */
        FAILED
    }

    public boolean ready() {
        return phase == Phase.READY;
    }

    /** 0 to 100. */
    public int percent() {
        if (phase == Phase.READY) {
            return 100;
        }
        return slotsTotal == 0 ? 0 : (int) (100 * slotsWritten / slotsTotal);
    }
}
