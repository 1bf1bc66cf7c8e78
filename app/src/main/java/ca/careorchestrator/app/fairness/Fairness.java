package ca.careorchestrator.app.fairness;

import ca.careorchestrator.app.booking.AppointmentBooked;
import ca.careorchestrator.app.booking.AppointmentCancelled;
import ca.careorchestrator.app.booking.HoldDropped;
import ca.careorchestrator.app.booking.HoldPlaced;
import ca.careorchestrator.app.booking.SlotReleased;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.fairness.Flag;
import ca.careorchestrator.core.fairness.HoardingWatch;
import ca.careorchestrator.core.fairness.Signal;
import ca.careorchestrator.core.fairness.Thresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Feeds booking's events, after they commit, to the hoarding watch and keeps the flags it raises. One watch per node
 * (in memory: a restart starts the windows afresh; the flags already raised are in the database).
 */
@Service
public class Fairness {

    private static final Logger log = LoggerFactory.getLogger(Fairness.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final HoardingWatch watch;
    private final Thresholds thresholds;
    private final FlagStore flags;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private Instant lastForget = Instant.EPOCH;

    Fairness(FairnessProperties properties, FlagStore flags, ApplicationEventPublisher events, Clock clock) {
        this.thresholds = properties.thresholds();
        this.watch = new HoardingWatch(thresholds);
        this.flags = flags;
        this.events = events;
        this.clock = clock;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SlotReleased released) {
        observe(() -> {
            watch.released(released.slot(), released.at());
            return List.of();
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(HoldPlaced placed) {
        observe(() -> watch.held(placed.actor(), placed.slot(), placed.at()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(HoldDropped dropped) {
        observe(() -> watch.dropped(dropped.actor(), dropped.at()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AppointmentBooked booked) {
        observe(() -> watch.booked(booked.actor(), booked.patient(), booked.at()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AppointmentCancelled cancelled) {
        observe(() -> watch.cancelled(cancelled.actor(), cancelled.bookedAt(), cancelled.at()));
    }

    /** A patient identity named through {@code actor} failed verification (identity and partner requests report it). */
    public void verificationFailed(Actor actor) {
        Instant now = clock.instant();
        observe(() -> watch.verificationFailed(actor, now));
    }

    /** Flags raised in [from, to), newest first. */
    public List<StoredFlag> flags(Instant from, Instant to, Optional<Signal> signal, int limit) {
        return flags.raised(from, to, signal, limit);
    }

    private void observe(Supplier<List<Flag>> step) {
        List<Flag> raised;
        synchronized (watch) {
            raised = step.get();
            Instant now = clock.instant();
            if (Duration.between(lastForget, now).compareTo(FORGET_EVERY) >= 0) {
                watch.forgetBefore(now);
                lastForget = now;
            }
        }
        for (Flag flag : raised) {
            StoredFlag stored = new StoredFlag(UUID.randomUUID(), flag);
            flags.insert(stored);
            log.warn("Fairness flag {} for {} {}: {} within {} (threshold {})", flag.signal(), flag.actor().kind(),
                    flag.actor().kind() == Actor.Kind.PATIENT ? "(patient)" : flag.actor().id(), flag.observed(),
                    flag.window(), flag.threshold());
            events.publishEvent(new HoardingFlagged(stored.id(), flag));
        }
    }
}
