package ca.careorchestrator.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HoardingWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private final HoardingWatch watch = new HoardingWatch(Thresholds.standard());
    private final Actor partner = new Actor(Actor.Kind.PARTNER, "portail-prive");

    private static SlotId slot(int n) {
        return new SlotId(new UUID(0, n));
    }

    @Test
    void holdsPlacedSecondsAfterReleasesAreFlaggedAsSnipingAtTheFifthWithinTheWindow() {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant freed = T0.plusSeconds(30L * i);
            watch.released(slot(i), freed);
            flags.addAll(watch.held(partner, slot(i), freed.plusSeconds(1)));
            if (i < 4) {
                assertThat(flags).isEmpty();
            }
        }
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.signal()).isEqualTo(Signal.RELEASE_SNIPING);
            assertThat(flag.actor()).isEqualTo(partner);
            assertThat(flag.observed()).isEqualTo(5);
        });
    }

    @Test
    void aFlagIsRaisedOncePerWindowNotAtEverySnipe() {
        int flags = 0;
        for (int i = 0; i < 40; i++) {
            Instant freed = T0.plusSeconds(10L * i);
            watch.released(slot(i), freed);
            flags += watch.held(partner, slot(i), freed.plusSeconds(1)).size();
        }
        assertThat(flags).isEqualTo(2); // 400 s of sniping: at 40 s, then again once the 5-minute window has passed
    }

    @Test
    void holdsLongAfterTheReleaseAreNotSnipes() {
        for (int i = 0; i < 20; i++) {
            watch.released(slot(i), T0);
            assertThat(watch.held(partner, slot(i), T0.plusSeconds(60 + i))).isEmpty();
        }
    }

    @Test
    void holdsDroppedWithoutBookingAreChurnOnceTheyAreTenAndHalfTheHolds() {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            watch.held(partner, slot(i), T0.plusSeconds(i));
            flags.addAll(watch.dropped(partner, T0.plusSeconds(i + 1)));
        }
        assertThat(flags).extracting(Flag::signal).containsExactly(Signal.HOLD_CHURN);
    }

    @Test
    void aBusyPlatformWhoseHoldsMostlyEndInBookingsIsNotChurn() {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flags.addAll(watch.held(partner, slot(i), T0.plusSeconds(2L * i)));
            if (i % 5 == 0) {
                flags.addAll(watch.dropped(partner, T0.plusSeconds(2L * i + 1)));
            }
        }
        assertThat(flags).isEmpty();
    }

    @Test
    void onePatientBookingFourTimesInADayIsFlaggedWhateverTheChannels() {
        UUID patient = new UUID(7, 7);
        List<Flag> flags = new ArrayList<>();
        flags.addAll(watch.booked(partner, patient, T0));
        flags.addAll(watch.booked(Actor.patient(patient), patient, T0.plus(Duration.ofHours(2))));
        flags.addAll(watch.booked(partner, patient, T0.plus(Duration.ofHours(5))));
        assertThat(flags).isEmpty();
        flags.addAll(watch.booked(partner, patient, T0.plus(Duration.ofHours(9))));
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.signal()).isEqualTo(Signal.MANY_BOOKINGS_PER_IDENTITY);
            assertThat(flag.actor()).isEqualTo(Actor.patient(patient));
        });
    }

    @Test
    void cancellationsSoonAfterBookingAreFlaggedButLateOnesAreNot() {
        for (int i = 0; i < 10; i++) {
            assertThat(watch.cancelled(partner, T0, T0.plus(Duration.ofHours(3)).plusSeconds(i))).isEmpty();
        }
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flags.addAll(watch.cancelled(partner, T0.plusSeconds(60L * i), T0.plusSeconds(60L * i + 120)));
        }
        assertThat(flags).extracting(Flag::signal).containsExactly(Signal.QUICK_CANCELLATIONS);
    }

    @Test
    void failedVerificationsThroughOneChannelAreFlagged() {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flags.addAll(watch.verificationFailed(partner, T0.plusSeconds(i)));
        }
        assertThat(flags).extracting(Flag::signal).containsExactly(Signal.FAILED_VERIFICATIONS);
    }

    @Test
    void theWaitlistsOwnOffersAreNeverWatched() {
        Actor waitlist = new Actor(Actor.Kind.WAITLIST, "offer-1");
        for (int i = 0; i < 50; i++) {
            watch.released(slot(i), T0.plusSeconds(i));
            assertThat(watch.held(waitlist, slot(i), T0.plusSeconds(i))).isEmpty();
            assertThat(watch.dropped(waitlist, T0.plusSeconds(i + 1))).isEmpty();
        }
    }

    @Test
    void forgettingDropsActorsWithNothingInTheirWindows() {
        watch.held(partner, slot(1), T0);
        watch.booked(partner, new UUID(1, 1), T0);
        assertThat(watch.watched()).isEqualTo(2);
        watch.forgetBefore(T0.plus(Duration.ofDays(2)));
        assertThat(watch.watched()).isZero();
    }

    /**
     * Honest traffic, seeded: 2,000 patients each booking for themself a few times over a day, with ordinary
     * hesitations (a hold let go now and then), some of them minutes after a release. Nobody is flagged.
     */
    @Test
    void honestPatientsAreNeverFlagged() {
        SplittableRandom random = new SplittableRandom(20261123);
        List<Flag> flags = new ArrayList<>();
        int slotNumber = 0;
        for (int patient = 0; patient < 2_000; patient++) {
            UUID id = new UUID(3, patient);
            Actor self = Actor.patient(id);
            Instant at = T0.plusSeconds(random.nextInt(86_400));
            int bookings = 1 + random.nextInt(3);
            for (int b = 0; b < bookings; b++) {
                SlotId slot = slot(++slotNumber);
                if (random.nextInt(10) == 0) {
                    watch.released(slot, at.minusSeconds(random.nextInt(3_600)));
                }
                flags.addAll(watch.held(self, slot, at));
                if (random.nextInt(4) == 0) {
                    flags.addAll(watch.dropped(self, at.plusSeconds(120)));
                } else {
                    flags.addAll(watch.booked(self, id, at.plusSeconds(90)));
                }
                at = at.plusSeconds(600 + random.nextInt(7_200));
            }
        }
        assertThat(flags).isEmpty();
    }
}
