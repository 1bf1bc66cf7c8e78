package ca.careorchestrator.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.Sex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FairnessGuardsTest {

    private Instant now = Instant.parse("2026-12-01T14:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private static AccessProperties properties(int holdsPerPatient, int partnerHolds) {
        AccessProperties.Limits limits = new AccessProperties.Limits(partnerHolds, 10, 10);
        return new AccessProperties(new AccessProperties.Issuer(true, null, null, null, Duration.ofMinutes(10)),
                List.of(new AccessProperties.Client("p", "{noop}s", java.util.Set.of("booking"), limits)), List.of(),
                new AccessProperties.Limits(200, 20, 40), holdsPerPatient);
    }

    private static PatientIdentity patient(int n) {
        LocalDate born = LocalDate.of(1960, 1, 1).plusDays(n * 31L);
        return new PatientIdentity(new ca.careorchestrator.core.patient.PatientId(new java.util.UUID(0, n)),
                HealthInsuranceNumber.issue("Pelletier", "Rose", born, Sex.FEMALE, 1), "Pelletier", "Rose");
    }

    private static final Actor PARTNER = new Actor(Actor.Kind.PARTNER, "p");

    @Test
    void aPartnersHoldsPerHourStopAtItsQuotaAndStartAgainAsTheHourSlides() {
        FairnessGuards guards = new FairnessGuards(properties(100, 3), clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        for (int i = 0; i < 3; i++) {
            guards.admitHold(PARTNER, patient(i));
            now = now.plus(Duration.ofMinutes(10));
        }

        assertThatThrownBy(() -> guards.admitHold(PARTNER, patient(9))).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.PARTNER_QUOTA_EXCEEDED);
            assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(30)); // the first leaves the window at 15:00
        });
        assertThat(guards.admitHold(new Actor(Actor.Kind.PARTNER, "another"), patient(9))).as("a quota is per partner").isNotNull();
        now = now.plus(Duration.ofMinutes(30));
        assertThat(guards.admitHold(PARTNER, patient(10))).isNotNull();
    }

    @Test
    void aPatientsHoldsPerHourAreCountedWhoeverAsks() {
        FairnessGuards guards = new FairnessGuards(properties(2, 100), clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        PatientIdentity rose = patient(1);
        guards.admitHold(PARTNER, rose);
        guards.admitHold(Actor.patient(rose.ref()), rose);

        assertThatThrownBy(() -> guards.admitHold(new Actor(Actor.Kind.ACCESS_DESK, "d"), rose))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(Problem.PATIENT_VELOCITY_EXCEEDED));
        assertThat(guards.admitHold(Actor.patient(UUID.randomUUID()), patient(2))).isNotNull();
    }

    @Test
    void aRefusedPatientDoesNotSpendThePartnersQuota() {
        FairnessGuards guards = new FairnessGuards(properties(1, 2), clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        guards.admitHold(PARTNER, patient(1));
        assertThatThrownBy(() -> guards.admitHold(PARTNER, patient(1))).isInstanceOf(ProblemException.class);

        assertThat(guards.admitHold(PARTNER, patient(2))).as("the refused hold gave the partner's count back").isNotNull();
    }

    @Test
    void onlyHoldsMadeCount() {
        FairnessGuards guards = new FairnessGuards(properties(1, 100), clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        PatientIdentity rose = patient(1);
        HoldOutcome taken = new HoldOutcome.Unavailable(new SlotId(UUID.randomUUID()), HoldOutcome.Why.TAKEN);
        for (int i = 0; i < 5; i++) {
            assertThat(guards.holdIfAdmitted(PARTNER, rose, () -> taken)).isSameAs(taken);
        }
        assertThatThrownBy(() -> guards.holdIfAdmitted(PARTNER, rose, () -> {
            throw new IllegalStateException("the database is gone");
        })).isInstanceOf(IllegalStateException.class);

        guards.admitHold(PARTNER, rose);
        assertThatThrownBy(() -> guards.admitHold(PARTNER, rose)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aSlidingWindowNeverAdmitsMoreThanItsLimitInAnyHour() {
        SplittableRandom random = new SplittableRandom(20261201);
        SlidingWindow window = new SlidingWindow();
        List<Instant> admitted = new java.util.ArrayList<>();
        Instant t = now;
        for (int i = 0; i < 5_000; i++) {
            t = t.plusSeconds(random.nextInt(0, 120));
            Optional<Duration> wait = window.take(t, 7, Duration.ofHours(1));
            if (wait.isEmpty()) {
                admitted.add(t);
            } else {
                assertThat(wait.get()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
            }
        }
        for (int i = 7; i < admitted.size(); i++) {
            assertThat(Duration.between(admitted.get(i - 7), admitted.get(i))).as("8 admitted within an hour").isGreaterThanOrEqualTo(Duration.ofHours(1));
        }
        assertThat(admitted.size()).isGreaterThan(100);
    }

    @Test
    void aTokenBucketLetsABurstThroughThenItsRate() {
        long t = 0;
        TokenBucket bucket = new TokenBucket(2, 3, t);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(t)).isEmpty();
        }
        assertThat(bucket.take(t)).hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofMillis(500)));
        t += Duration.ofMillis(500).toNanos();
        assertThat(bucket.take(t)).isEmpty();
        t += Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(t)).as("never more than the burst after a pause").isEmpty();
        }
        assertThat(bucket.take(t)).isPresent();
    }

    @Test
    void holdsMadeAndRefusedAreCountedPerKindOfActor() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        FairnessGuards guards = new FairnessGuards(properties(1, 100), clock, meters);
        PatientIdentity rose = patient(1);
        HoldOutcome held = new HoldOutcome.Held(new ca.careorchestrator.app.booking.HoldView(new ca.careorchestrator.core.availability.HoldId(UUID.randomUUID()),
                new SlotId(UUID.randomUUID()), "LIVE", now, now.plusSeconds(300), ca.careorchestrator.core.care.BookingChannel.API));

        guards.holdIfAdmitted(PARTNER, rose, () -> held);
        assertThatThrownBy(() -> guards.holdIfAdmitted(Actor.patient(rose.ref()), rose, () -> held)).isInstanceOf(ProblemException.class);

        assertThat(meters.get("care.holds.made").tags("actor", "PARTNER", "client", "p").counter().count()).isEqualTo(1);
        assertThat(meters.get("care.holds.refused").tags("actor", "PATIENT", "reason", "patient-velocity-exceeded").counter().count())
                .isEqualTo(1);
    }
}
