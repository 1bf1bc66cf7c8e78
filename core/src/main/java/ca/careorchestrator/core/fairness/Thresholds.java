package ca.careorchestrator.core.fairness;

import java.time.Duration;

/**
 * When a signal becomes a flag. Counts are per actor (channel and identity) within a sliding window; a flag for the
 * same actor and signal is raised at most once per window.
 *
 * @param window          the sliding window of the hold, sniping and verification signals
 * @param churnDrops      holds dropped without a booking within the window
 * @param churnShare      and at least this share of the actor's holds in the window
 * @param snipeDelay      a hold placed this soon after the slot was freed counts as a snipe
 * @param snipes          snipes within the window
 * @param bookingsWindow  the window of the per-identity bookings and the quick cancellations
 * @param bookingsPerIdentity bookings of one patient within {@code bookingsWindow}
 * @param quickCancel     a cancellation this soon after its booking is quick
 * @param quickCancellations quick cancellations within {@code bookingsWindow}
 * @param failedVerifications patient identities failing verification within the window
 */
public record Thresholds(Duration window, int churnDrops, double churnShare, Duration snipeDelay, int snipes,
        Duration bookingsWindow, int bookingsPerIdentity, Duration quickCancel, int quickCancellations,
        int failedVerifications) {

    public Thresholds {
        if (window == null || snipeDelay == null || bookingsWindow == null || quickCancel == null
                || window.isNegative() || window.isZero() || bookingsWindow.isNegative() || bookingsWindow.isZero()) {
            throw new IllegalArgumentException("thresholds have positive windows");
        }
        if (churnDrops < 1 || snipes < 1 || bookingsPerIdentity < 1 || quickCancellations < 1 || failedVerifications < 1
                || churnShare <= 0 || churnShare > 1) {
            throw new IllegalArgumentException("thresholds count at least one event and a share in (0, 1]");
        }
    }

    /**
     * Defaults: a person booking for themself holds a few slots an hour at most and rarely twice within seconds of a
     * release; a platform serving many people spreads over time. Tuned on the hoarding scenario (see its test).
     */
    public static Thresholds standard() {
        return new Thresholds(Duration.ofMinutes(5), 10, 0.5, Duration.ofSeconds(5), 5, Duration.ofHours(24), 4,
                Duration.ofMinutes(30), 5, 5);
    }
}
