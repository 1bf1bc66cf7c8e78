package ca.careorchestrator.app.security;

import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.booking.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The guards a hold passes before it is made (DESIGN.md, Fairness): a partner's quota of holds per hour, and a
 * patient's velocity (holds per hour, whoever asks: the patient, a partner or the desk, keyed by the patient's
 * pseudonymous ref, so no channel adds to another's allowance). Both answer 429 problems with Retry-After.
 *
 * <p>In memory, for one node: a second node would keep its own counts (a patient could double their velocity by
 * alternating nodes). Beyond one node the counts belong in the shared store (a PostgreSQL table or the change
 * stream's key-value store), behind this same class. Neither guard reads who paid or subscribed: nothing does.
 */
@Component
@EnableConfigurationProperties(AccessProperties.class) // here, not on the web-only configuration: the guards run without HTTP too
public final class FairnessGuards {

    static final Duration HOUR = Duration.ofHours(1);
    static final int SWEEP_EVERY = 4096;

    private final AccessProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, SlidingWindow> partners = new ConcurrentHashMap<>();
    private final Map<UUID, SlidingWindow> patients = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong admitted = new java.util.concurrent.atomic.AtomicLong();

    FairnessGuards(AccessProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** What a hold admitted by the guards took; {@link #giveBack()} when the hold was not made (the slot was taken). */
    public interface Permit {
        void giveBack();
    }

    /**
     * Admits one more hold by {@code actor} for {@code patient}, or refuses with {@code partner-quota-exceeded} or
     * {@code patient-velocity-exceeded} (429, Retry-After) before anything changes.
     */
    public Permit admitHold(Actor actor, PatientIdentity patient) {
        if (admitted.incrementAndGet() % SWEEP_EVERY == 0) {
            forgetIdle();
        }
        Instant now = clock.instant();
        boolean isPartner = actor.kind() == Actor.Kind.PARTNER;
        Optional<SlidingWindow> partner = isPartner ? Optional.of(partners.computeIfAbsent(actor.id(), id -> new SlidingWindow())) : Optional.empty();
        SlidingWindow velocity = patients.computeIfAbsent(patient.ref(), ref -> new SlidingWindow());
        int quota = isPartner ? properties.limitsOf(actor.id()).holdsPerHour() : 0;
        int perPatient = properties.holdsPerPatientPerHour();
        // One lock order (the partner's window, then the patient's), so two holds never wait on each other in a circle.
        synchronized (partner.orElse(velocity)) {
            synchronized (velocity) {
                if (partner.isPresent()) {
                    Optional<Duration> wait = partner.get().take(now, quota, HOUR);
                    if (wait.isPresent()) {
                        count("care.holds.refused", actor, Problem.PARTNER_QUOTA_EXCEEDED);
                        throw new ProblemException(Problem.PARTNER_QUOTA_EXCEEDED, quota).retryAfter(wait.get());
                    }
                }
                Optional<Duration> wait = velocity.take(now, perPatient, HOUR);
                if (wait.isPresent()) {
                    partner.ifPresent(w -> w.giveBack(now));
                    count("care.holds.refused", actor, Problem.PATIENT_VELOCITY_EXCEEDED);
                    throw new ProblemException(Problem.PATIENT_VELOCITY_EXCEEDED, perPatient).retryAfter(wait.get());
                }
            }
        }
        return () -> {
            synchronized (partner.orElse(velocity)) {
                synchronized (velocity) {
                    partner.ifPresent(w -> w.giveBack(now));
                    velocity.giveBack(now);
                }
            }
        };
    }

    /**
     * Makes {@code hold} if the guards admit it; only a hold made counts (a slot taken meanwhile gives its permit back).
     */
    public HoldOutcome holdIfAdmitted(Actor actor, PatientIdentity patient, Supplier<HoldOutcome> hold) {
        Permit permit = admitHold(actor, patient);
        HoldOutcome outcome;
        try {
            outcome = hold.get();
        } catch (RuntimeException e) {
            permit.giveBack();
            throw e;
        }
        if (outcome instanceof HoldOutcome.Held) {
            count("care.holds.made", actor, null);
        } else {
            permit.giveBack();
        }
        return outcome;
    }

    /**
     * Holds made and refused per kind of actor (and per partner: its client id; a handful, from configuration), so the
     * observatory and operators see which channel holds what until the actor is stored with each hold.
     */
    private void count(String name, Actor actor, Problem refusal) {
        Tags tags = Tags.of("actor", actor.kind().name(), "client", actor.kind() == Actor.Kind.PARTNER ? actor.id() : "-");
        meters.counter(name, refusal == null ? tags : tags.and("reason", refusal.code())).increment();
    }

    /**
     * Forgets windows with nothing in the last hour, so the maps hold only the last hour's actors. Run every
     * {@value #SWEEP_EVERY} holds; a hold racing the sweep may land in a window just forgotten (one count lost at most).
     */
    void forgetIdle() {
        Instant now = clock.instant();
        partners.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().idle(now, HOUR);
            }
        });
        patients.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().idle(now, HOUR);
            }
        });
    }
}
