package ca.careorchestrator.core.fairness;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Watches what each actor (a channel and the identity behind it) does with slots and raises a {@link Flag} when a
 * pattern crosses its threshold: hold churn, sniping freed slots, many bookings per identity, quick cancellations,
 * failed identity verifications. Sliding windows of event times per actor and signal; memory is bounded by the
 * activity within the largest window ({@link #forgetBefore} drops the rest).
 *
 * <p>The waitlist's own offers are the orchestrator acting, not a party: they are not watched. Not thread-safe; the
 * application serialises calls.
 */
public final class HoardingWatch {

    private final Thresholds thresholds;
    private final Map<SlotId, Instant> releases = new HashMap<>();
    private final Map<Actor, Counters> actors = new HashMap<>();
    private final Map<UUID, ArrayDeque<Instant>> bookingsByPatient = new HashMap<>();

    public HoardingWatch(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    private static final class Counters {
        final ArrayDeque<Instant> holds = new ArrayDeque<>();
        final ArrayDeque<Instant> drops = new ArrayDeque<>();
        final ArrayDeque<Instant> snipes = new ArrayDeque<>();
        final ArrayDeque<Instant> quickCancels = new ArrayDeque<>();
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        final Map<Signal, Instant> lastFlag = new EnumMap<>(Signal.class);
    }

    /** A slot was freed (cancellation, released or expired hold): holds soon after it are snipes. */
    public void released(SlotId slot, Instant at) {
        releases.put(slot, at);
    }

    public List<Flag> held(Actor actor, SlotId slot, Instant at) {
        if (actor.isSystem()) {
            return List.of();
        }
        Counters counters = counters(actor);
        add(counters.holds, at, thresholds.window());
        List<Flag> flags = new ArrayList<>(1);
        Instant freed = releases.get(slot);
        if (freed != null && !at.isBefore(freed) && Duration.between(freed, at).compareTo(thresholds.snipeDelay()) <= 0) {
            int snipes = add(counters.snipes, at, thresholds.window());
            raise(actor, counters, Signal.RELEASE_SNIPING, snipes, thresholds.snipes(), thresholds.window(), at).ifPresent(flags::add);
        }
        return flags;
    }

    /** A hold let go or expired without a booking. */
    public List<Flag> dropped(Actor actor, Instant at) {
        if (actor.isSystem()) {
            return List.of();
        }
        Counters counters = counters(actor);
        int drops = add(counters.drops, at, thresholds.window());
        int holds = Math.max(size(counters.holds, at, thresholds.window()), drops);
        if (drops >= thresholds.churnDrops() && drops >= thresholds.churnShare() * holds) {
            return raise(actor, counters, Signal.HOLD_CHURN, drops, thresholds.churnDrops(), thresholds.window(), at).stream().toList();
        }
        return List.of();
    }

    /** An appointment was booked for {@code patient} through {@code actor}. */
    public List<Flag> booked(Actor actor, UUID patient, Instant at) {
        ArrayDeque<Instant> bookings = bookingsByPatient.computeIfAbsent(patient, p -> new ArrayDeque<>());
        int count = add(bookings, at, thresholds.bookingsWindow());
        // Flagged against the identity itself, whichever channel it came through.
        if (count < thresholds.bookingsPerIdentity()) {
            return List.of();
        }
        Actor identity = Actor.patient(patient);
        return raise(identity, counters(identity), Signal.MANY_BOOKINGS_PER_IDENTITY, count, thresholds.bookingsPerIdentity(),
                thresholds.bookingsWindow(), at).stream().toList();
    }

    public List<Flag> cancelled(Actor actor, Instant bookedAt, Instant at) {
        if (actor.isSystem() || Duration.between(bookedAt, at).compareTo(thresholds.quickCancel()) > 0) {
            return List.of();
        }
        Counters counters = counters(actor);
        int quick = add(counters.quickCancels, at, thresholds.bookingsWindow());
        return raise(actor, counters, Signal.QUICK_CANCELLATIONS, quick, thresholds.quickCancellations(),
                thresholds.bookingsWindow(), at).stream().toList();
    }

    /** A patient identity named through {@code actor} did not verify (unknown, wrong birth date, bad check digit). */
    public List<Flag> verificationFailed(Actor actor, Instant at) {
        Counters counters = counters(actor);
        int failures = add(counters.failures, at, thresholds.window());
        return raise(actor, counters, Signal.FAILED_VERIFICATIONS, failures, thresholds.failedVerifications(),
                thresholds.window(), at).stream().toList();
    }

    /** Forgets what is older than every window: releases, counters, actors with nothing left. */
    public void forgetBefore(Instant now) {
        Instant shortHorizon = now.minus(thresholds.window());
        releases.values().removeIf(at -> at.isBefore(shortHorizon));
        Instant longHorizon = now.minus(thresholds.bookingsWindow().compareTo(thresholds.window()) > 0
                ? thresholds.bookingsWindow() : thresholds.window());
        for (Iterator<Counters> it = actors.values().iterator(); it.hasNext(); ) {
            Counters counters = it.next();
            trim(counters.holds, shortHorizon);
            trim(counters.drops, shortHorizon);
            trim(counters.snipes, shortHorizon);
            trim(counters.failures, shortHorizon);
            trim(counters.quickCancels, longHorizon);
            counters.lastFlag.values().removeIf(at -> at.isBefore(longHorizon));
            if (counters.holds.isEmpty() && counters.drops.isEmpty() && counters.snipes.isEmpty() && counters.failures.isEmpty()
                    && counters.quickCancels.isEmpty() && counters.lastFlag.isEmpty()) {
                it.remove();
            }
        }
        bookingsByPatient.values().forEach(times -> trim(times, longHorizon));
        bookingsByPatient.values().removeIf(ArrayDeque::isEmpty);
    }

    /** How many actors are being watched (memory). */
    public int watched() {
        return actors.size() + bookingsByPatient.size();
    }

    private Counters counters(Actor actor) {
        return actors.computeIfAbsent(actor, a -> new Counters());
    }

    private Optional<Flag> raise(Actor actor, Counters counters, Signal signal, int observed, int threshold, Duration window,
            Instant at) {
        if (observed < threshold) {
            return Optional.empty();
        }
        Instant last = counters.lastFlag.get(signal);
        if (last != null && Duration.between(last, at).compareTo(window) < 0) {
            return Optional.empty();
        }
        counters.lastFlag.put(signal, at);
        return Optional.of(new Flag(actor, signal, observed, threshold, window, at));
    }

    /** Adds an event time and answers how many remain within the window ending at it. */
    private static int add(ArrayDeque<Instant> times, Instant at, Duration window) {
        times.addLast(at);
        return size(times, at, window);
    }

    private static int size(ArrayDeque<Instant> times, Instant now, Duration window) {
        trim(times, now.minus(window));
        return times.size();
    }

    private static void trim(ArrayDeque<Instant> times, Instant horizon) {
        while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
            times.removeFirst();
        }
    }
}
