package ca.careorchestrator.app.booking;

import static ca.careorchestrator.app.support.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.app.support.PostgresDatabase;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.simulator.province.Preset;
import java.time.ZoneId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.Simulation;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Booking end to end on the record (PostgreSQL) against the simulated platforms over their real protocols:
 * hold, book at the source, cancel; the source's word winning over a hold; expiry; a randomized run of the
 * hold/book/release/cancel/expire state machine checked against a model after every step; and many patients
 * racing for few slots on many connections. The clock is a test clock so holds can run out without waiting.
 */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.max-backoff=1s",
        // Sources are read when a test asks (syncNow): a background read that started before one of our own
        // cancellations would show the slot taken until the next read, which the random walks' model does not know.
        "care.ingestion.poll-interval=1h",
        "care.ingestion.timeout=5s", "care.booking.expiry-interval=200ms", "care.booking.reconcile-interval=200ms",
        // Several application instances' worth of connections racing on the same rows.
        "spring.datasource.hikari.maximum-pool-size=40"})
class PostgresBookingIT {

    /** What the waitlist (issue #5) will hear: slots free again, once the change is committed. */
    static final List<SlotReleased> released = Collections.synchronizedList(new ArrayList<>());

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }

        @Bean
        ReleasedSlots releasedSlots() {
            return new ReleasedSlots();
        }
    }

    static class ReleasedSlots {
        @TransactionalEventListener(fallbackExecution = true)
        void on(SlotReleased event) {
            released.add(event);
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        PostgresDatabase.useFreshSchema(registry, "care_booking_it");
    }

    @Autowired
    ProvinceLoader loader;
    @Autowired
    PlatformSimulation platforms;
    @Autowired
    Sources sources;
    @Autowired
    Catalog catalog;
    @Autowired
    Bookings bookings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    ca.careorchestrator.app.fairness.Fairness fairness;
    @Autowired
    InsuredPeople people;

    private Simulation simulation;
    private final List<SlotId> used = Collections.synchronizedList(new ArrayList<>());
    private int patients;

    @BeforeAll
    void everySourceUp() throws InterruptedException {
        simulation = Waits.everySourceUp(loader, platforms, sources);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void holdsBooksOnTheSourceAndCancelsThere() {
        SlotHit hit = freeSlots(BookingChannel.API, 1).getFirst();
        PatientIdentity patient = aPatient();

        HoldOutcome held = bookings.hold(hit.id(), patient);
        assertThat(held).isInstanceOf(HoldOutcome.Held.class);
        HoldView hold = ((HoldOutcome.Held) held).hold();
        assertThat(slotState(hit.id())).isEqualTo("HELD");
        assertThat(searchable(hit)).as("a held slot leaves the search").isFalse();

        BookOutcome booked = bookings.confirm(hold.id(), patient);
        assertThat(booked).as("%s", booked).isInstanceOf(BookOutcome.Confirmed.class);
        AppointmentView appointment = ((BookOutcome.Confirmed) booked).appointment();
        assertThat(appointment.state()).isEqualTo("CONFIRMED");
        assertThat(slotState(hit.id())).isEqualTo("BOOKED");
        PlatformSlot atSource = sourceSlot(appointment.source(), externalIdOf(appointment));
        assertThat(atSource.free()).as("booked at the source").isFalse();

        // Confirming again is safe: same appointment, nothing booked twice.
        assertThat(bookings.confirm(hold.id(), patient)).isEqualTo(new BookOutcome.Confirmed(appointment));

        CancelOutcome cancelled = bookings.cancel(appointment.id(), patient);
        assertThat(cancelled).isInstanceOf(CancelOutcome.Cancelled.class);
        assertThat(slotState(hit.id())).isEqualTo("FREE");
        assertThat(sourceSlot(appointment.source(), externalIdOf(appointment)).free()).as("free again at the source").isTrue();
        assertThat(searchable(hit)).as("a cancelled slot is offered again").isTrue();
        assertThat(released).contains(new SlotReleased(hit.id(), released.stream().filter(r -> r.slot().equals(hit.id())).findFirst()
                .orElseThrow().at(), SlotReleased.Cause.CANCELLED));
        assertThat(bookings.appointments(patient)).extracting(AppointmentView::state).containsExactly("CANCELLED");
    }

    @Test
    void reschedulingBooksTheNewSlotBeforeCancellingTheOldOne() {
        List<SlotHit> two = freeSlots(BookingChannel.API, 2);
        PatientIdentity patient = aPatient();
        HoldView first = ((HoldOutcome.Held) bookings.hold(two.get(0).id(), patient)).hold();
        AppointmentView old = ((BookOutcome.Confirmed) bookings.confirm(first.id(), patient)).appointment();
        HoldView next = ((HoldOutcome.Held) bookings.hold(two.get(1).id(), patient)).hold();

        RescheduleOutcome moved = bookings.reschedule(old.id(), next.id(), patient);

        assertThat(moved).isInstanceOf(RescheduleOutcome.Moved.class);
        assertThat(((RescheduleOutcome.Moved) moved).appointment().slot()).isEqualTo(two.get(1).id());
        assertThat(((RescheduleOutcome.Moved) moved).previous()).isInstanceOf(CancelOutcome.Cancelled.class);
        assertThat(slotState(two.get(0).id())).isEqualTo("FREE");
        assertThat(slotState(two.get(1).id())).isEqualTo("BOOKED");
        assertThat(bookings.appointments(patient)).extracting(AppointmentView::state).containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");
    }

    @Test
    void aRescheduleWhoseNewBookingWaitsForItsSourceCancelsTheOldOneOnlyOnceConfirmed() {
        PatientIdentity patient = aPatient();
        SlotHit first = freeSlots(BookingChannel.API, 1).getFirst();
        AppointmentView old = ((BookOutcome.Confirmed) bookings.confirm(((HoldOutcome.Held) bookings.hold(first.id(), patient)).hold().id(),
                patient)).appointment();
        SlotHit next = freeSlot(h -> h.channel() == BookingChannel.API && sourceOf(h.id()).protocol() == Protocol.FHIR_R4);
        HoldView hold = ((HoldOutcome.Held) bookings.hold(next.id(), patient)).hold();
        SimulatedPlatform platform = platform(sourceOf(next.id()));

        platform.faults().add(FaultMode.CONNECTION_RESET);
        RescheduleOutcome outcome;
        try {
            outcome = bookings.reschedule(old.id(), hold.id(), patient);
        } finally {
            platform.faults().remove(FaultMode.CONNECTION_RESET);
        }

        assertThat(outcome).isInstanceOf(RescheduleOutcome.Pending.class);
        assertThat(bookings.appointment(old.id(), patient).orElseThrow().state()).as("kept meanwhile").isEqualTo("CONFIRMED");
        AppointmentView pending = ((RescheduleOutcome.Pending) outcome).appointment();
        await(Duration.ofSeconds(20), () -> bookings.appointment(old.id(), patient).orElseThrow().state().equals("CANCELLED"),
                "reconciliation confirms the new one, then cancels the old one");
        assertThat(bookings.appointment(pending.id(), patient).orElseThrow().state()).isEqualTo("CONFIRMED");
        assertThat(slotState(first.id())).isEqualTo("FREE");
    }

    @Test
    void onePatientHoldsOneSlotAtATime() {
        List<SlotHit> two = freeSlots(BookingChannel.API, 2);
        PatientIdentity patient = aPatient();

        HoldOutcome first = bookings.hold(two.get(0).id(), patient);
        HoldOutcome second = bookings.hold(two.get(1).id(), patient);

        assertThat(first).isInstanceOf(HoldOutcome.Held.class);
        assertThat(second).isInstanceOf(HoldOutcome.AlreadyHolding.class);
        assertThat(slotState(two.get(1).id())).as("nothing changed").isEqualTo("FREE");
        assertThat(bookings.release(((HoldOutcome.Held) first).hold().id(), patient)).isTrue();
        assertThat(slotState(two.get(0).id())).isEqualTo("FREE");
    }

    @Test
    void aSlotHeldOrTakenCannotBeHeldByAnother() {
        SlotHit hit = freeSlots(BookingChannel.API, 1).getFirst();
        PatientIdentity first = aPatient();
        PatientIdentity second = aPatient();
        HoldView hold = ((HoldOutcome.Held) bookings.hold(hit.id(), first)).hold();

        assertThat(bookings.hold(hit.id(), second)).isEqualTo(new HoldOutcome.Unavailable(hit.id(), HoldOutcome.Why.HELD));
        assertThat(bookings.confirm(hold.id(), first)).isInstanceOf(BookOutcome.Confirmed.class);
        assertThat(bookings.hold(hit.id(), second)).isEqualTo(new HoldOutcome.Unavailable(hit.id(), HoldOutcome.Why.TAKEN));
        assertThat(bookings.hold(new SlotId(java.util.UUID.randomUUID()), second)).extracting(o -> ((HoldOutcome.Unavailable) o).why())
                .isEqualTo(HoldOutcome.Why.UNKNOWN);
    }

    @Test
    void anExpiredHoldFreesTheSlotAndCannotBeConfirmed() {
        SlotHit hit = freeSlots(BookingChannel.API, 1).getFirst();
        PatientIdentity patient = aPatient();
        HoldView hold = ((HoldOutcome.Held) bookings.hold(hit.id(), patient)).hold();

        clock.advance(Duration.ofMinutes(6));
        await(Duration.ofSeconds(10), () -> "FREE".equals(slotState(hit.id())), "the expiry job frees the slot");

        assertThat(bookings.confirm(hold.id(), patient)).isEqualTo(new BookOutcome.HoldExpired(hit.id()));
        assertThat(appointmentsOn(hit.id())).isZero();
        assertThat(bookings.hold(hit.id(), aPatient())).isInstanceOf(HoldOutcome.Held.class);
    }

    @Test
    void theSourceTakingAHeldSlotWinsAndTheConfirmationSaysSo() throws InterruptedException {
        SlotHit hit = freeSlots(BookingChannel.API, 1).getFirst();
        PatientIdentity patient = aPatient();
        HoldView hold = ((HoldOutcome.Held) bookings.hold(hit.id(), patient)).hold();
        String external = jdbc.sql("select external_id from availability_listing where slot_id = :id and source_system = :s")
                .param("id", hit.id().value()).param("s", sourceOf(hit.id()).name()).query(String.class).list().getFirst();
        SimulatedPlatform platform = platform(sourceOf(hit.id()));

        // The clinic's desk books it at the source; the next read tells us.
        assertThat(platform.book(external, "desk-" + external)).isInstanceOf(SimulatedPlatform.BookResult.Booked.class);
        simulation.tick(Duration.ZERO);
        sources.syncNow(sourceOf(hit.id()), false);
        await(Duration.ofSeconds(30), () -> "BOOKED".equals(slotState(hit.id())), "the source's booking is applied");

        BookOutcome outcome = bookings.confirm(hold.id(), patient);
        assertThat(outcome).isInstanceOf(BookOutcome.SlotTaken.class);
        assertThat(appointmentsOn(hit.id())).isZero();
        assertThat(bookings.hold(hit.id(), aPatient())).isEqualTo(new HoldOutcome.Unavailable(hit.id(), HoldOutcome.Why.TAKEN));
    }

    @Test
    void aSlotBookedOnlyByPhoneOrOnThePlatformsPageHandsThePatientOverAndKeepsTheSlotForThem() {
        SlotHit hit = freeSlots(java.util.Set.of(BookingChannel.PHONE, BookingChannel.DEEP_LINK), 1).getFirst();
        PatientIdentity patient = aPatient();
        HoldView hold = ((HoldOutcome.Held) bookings.hold(hit.id(), patient)).hold();

        BookOutcome outcome = bookings.confirm(hold.id(), patient);

        assertThat(outcome).isInstanceOf(BookOutcome.HandedOver.class);
        BookOutcome.HandedOver handedOver = (BookOutcome.HandedOver) outcome;
        assertThat(handedOver.channel()).isEqualTo(hit.channel());
        assertThat(handedOver.channel() == BookingChannel.PHONE ? handedOver.phone() : handedOver.deepLink()).isPresent();
        assertThat(slotState(hit.id())).as("kept for the patient while they book it there").isEqualTo("HELD");
        assertThat(appointmentsOn(hit.id())).as("nothing booked here").isZero();
        // When the source reports it taken, the next read settles it as for any held slot (see the test above).
    }

    @Test
    void anAnswerLostOnTheWayLeavesTheBookingPendingUntilReconciliationSettlesItWithTheSameKey() {
        SlotHit hit = freeSlot(h -> h.channel() == BookingChannel.API && sourceOf(h.id()).protocol() == Protocol.FHIR_R4);
        SimulatedPlatform platform = platform(sourceOf(hit.id()));
        PatientIdentity patient = aPatient();
        HoldView hold = ((HoldOutcome.Held) bookings.hold(hit.id(), patient)).hold();

        // The source books it, then the connection drops before its answer arrives.
        platform.faults().add(FaultMode.CONNECTION_RESET);
        BookOutcome outcome;
        try {
            outcome = bookings.confirm(hold.id(), patient);
        } finally {
            platform.faults().remove(FaultMode.CONNECTION_RESET);
        }
        assertThat(outcome).as("never guessed").isInstanceOf(BookOutcome.Pending.class);
        AppointmentView pending = ((BookOutcome.Pending) outcome).appointment();
        assertThat(slotState(hit.id())).isIn("HELD", "BOOKED");

        await(Duration.ofSeconds(20), () -> bookings.appointment(pending.id(), patient).orElseThrow().state().equals("CONFIRMED"),
                "reconciliation asks again and settles it");
        AppointmentView confirmed = bookings.appointment(pending.id(), patient).orElseThrow();
        PlatformSlot atSource = sourceSlot(confirmed.source(), externalIdOf(confirmed));
        assertThat(atSource.free()).isFalse();
        assertThat(confirmed.sourceReference()).isPresent();
        assertThat(slotState(hit.id())).isEqualTo("BOOKED");
        assertThat(bookings.confirm(hold.id(), patient)).isEqualTo(new BookOutcome.Confirmed(confirmed));
    }

    /**
     * Random walks of hold / confirm / release / cancel / time passing over a few slots and patients, each
     * outcome checked against a model and the stored invariants checked after every step.
     */
    @Test
    void randomWalksOfTheBookingStateMachineKeepEveryInvariant() {
        for (long seed = 1; seed <= 4; seed++) {
            walk(new SplittableRandom(seed), freeSlots(BookingChannel.API, 4), List.of(aPatient(), aPatient(), aPatient()), 60);
        }
    }

    private void walk(SplittableRandom random, List<SlotHit> slots, List<PatientIdentity> people, int steps) {
        // The model: who holds what (and whether it ran out), which slots are booked by whom.
        Map<PatientIdentity, HoldView> holds = new HashMap<>();
        Map<PatientIdentity, Boolean> expired = new HashMap<>();
        Map<SlotId, PatientIdentity> holder = new HashMap<>();
        Map<SlotId, AppointmentView> booked = new HashMap<>();
        for (int step = 0; step < steps; step++) {
            PatientIdentity who = people.get(random.nextInt(people.size()));
            SlotId slot = slots.get(random.nextInt(slots.size())).id();
            int op = random.nextInt(10);
            String at = "step " + step + " op " + op;
            if (op < 4) {
                HoldOutcome outcome = bookings.hold(slot, who);
                if (holds.containsKey(who) && !expired.get(who)) {
                    assertThat(outcome).as(at).isInstanceOf(HoldOutcome.AlreadyHolding.class);
                } else if (booked.containsKey(slot)) {
                    assertThat(outcome).as(at).isEqualTo(new HoldOutcome.Unavailable(slot, HoldOutcome.Why.TAKEN));
                } else if (holder.containsKey(slot) && !expired.get(holder.get(slot))) {
                    assertThat(outcome).as(at).isEqualTo(new HoldOutcome.Unavailable(slot, HoldOutcome.Why.HELD));
                } else {
                    assertThat(outcome).as(at).isInstanceOf(HoldOutcome.Held.class);
                    if (holds.containsKey(who)) {
                        holder.remove(holds.get(who).slot());
                    }
                    holder.remove(slot);
                    holds.values().removeIf(h -> h.slot().equals(slot));
                    holds.put(who, ((HoldOutcome.Held) outcome).hold());
                    expired.put(who, false);
                    holder.put(slot, who);
                }
            } else if (op < 7) {
                HoldView hold = holds.get(who);
                if (hold == null) {
                    continue;
                }
                BookOutcome outcome = bookings.confirm(hold.id(), who);
                if (expired.get(who)) {
                    assertThat(outcome).as(at).isInstanceOf(BookOutcome.HoldExpired.class);
                } else {
                    assertThat(outcome).as(at).isInstanceOf(BookOutcome.Confirmed.class);
                    booked.put(hold.slot(), ((BookOutcome.Confirmed) outcome).appointment());
                }
                holds.remove(who);
                holder.remove(hold.slot());
            } else if (op < 8) {
                HoldView hold = holds.remove(who);
                if (hold != null) {
                    boolean released = bookings.release(hold.id(), who);
                    if (!expired.get(who)) {
                        assertThat(released).as(at).isTrue();
                    }
                    holder.remove(hold.slot());
                }
            } else if (op < 9) {
                Optional<Map.Entry<SlotId, AppointmentView>> mine = booked.entrySet().stream()
                        .filter(e -> bookings.appointment(e.getValue().id(), who).isPresent()).findFirst();
                if (mine.isPresent()) {
                    assertThat(bookings.cancel(mine.get().getValue().id(), who)).as(at).isInstanceOf(CancelOutcome.Cancelled.class);
                    booked.remove(mine.get().getKey());
                }
            } else {
                clock.advance(Duration.ofMinutes(6));
                expired.replaceAll((p, e) -> true);
            }
            checkInvariants(slots, at);
        }
        // Leave nothing held for the next walk.
        holds.forEach((who, hold) -> bookings.release(hold.id(), who));
    }

    private void checkInvariants(List<SlotHit> slots, String at) {
        for (SlotHit slot : slots) {
            long live = jdbc.sql("select count(*) from booking_appointment where slot_id = :id and state in ('PENDING', 'CONFIRMED')")
                    .param("id", slot.id().value()).query(Long.class).single();
            String state = slotState(slot.id());
            assertThat(live).as("%s: live appointments on %s", at, slot.id()).isLessThanOrEqualTo(1);
            assertThat(state.equals("BOOKED")).as("%s: %s booked iff one live appointment", at, slot.id()).isEqualTo(live == 1);
            long liveHolds = jdbc.sql("""
                            select count(*) from booking_hold h join availability_slot s on s.hold_id = h.id
                            where s.id = :id and h.state in ('LIVE', 'BOOKING', 'HANDED_OVER')""")
                    .param("id", slot.id().value()).query(Long.class).single();
            if (liveHolds == 1) {
                assertThat(state).as("%s: %s has a live hold", at, slot.id()).isEqualTo("HELD");
            } else if (state.equals("HELD")) {
                // Its holder moved on after it ran out: held until the expiry job frees it, and anyone may take it over.
                Instant expiry = jdbc.sql("select hold_expires_at from availability_slot where id = :id").param("id", slot.id().value())
                        .query(java.sql.Timestamp.class).single().toInstant();
                assertThat(expiry).as("%s: %s held without a live hold only once it ran out", at, slot.id()).isBeforeOrEqualTo(clock.instant());
            }
        }
        assertThat(jdbc.sql("select count(*) from (select patient_ref from booking_hold where live_patient_ref is not null "
                + "group by patient_ref having count(*) > 1) t").query(Long.class).single()).as(at).isZero();
    }

    /** Many patients, few slots, many connections: every slot booked once at most, here and at the source; every loser told why. */
    @Test
    void aRushForFewSlotsBooksEachAtMostOnceAndTellsEveryLoserWhy() throws InterruptedException {
        List<SlotHit> few = freeSlots(BookingChannel.API, 8);
        List<PatientIdentity> crowd = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            crowd.add(aPatient());
        }
        Map<PatientIdentity, List<Object>> told = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PatientIdentity patient : crowd) {
                pool.submit(() -> {
                    start.await();
                    List<SlotHit> order = new ArrayList<>(few);
                    Collections.shuffle(order, new java.util.Random(patient.ref().getLeastSignificantBits()));
                    for (SlotHit slot : order) {
                        HoldOutcome hold = bookings.hold(slot.id(), patient);
                        told.computeIfAbsent(patient, p -> Collections.synchronizedList(new ArrayList<>())).add(hold);
                        if (hold instanceof HoldOutcome.Held held) {
                            BookOutcome booked = bookings.confirm(held.hold().id(), patient);
                            told.get(patient).add(booked);
                            if (booked instanceof BookOutcome.Confirmed) {
                                return null;
                            }
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }

        long confirmed = told.values().stream().flatMap(List::stream).filter(o -> o instanceof BookOutcome.Confirmed).count();
        assertThat(confirmed).as("every slot went to exactly one patient").isEqualTo(few.size());
        for (SlotHit slot : few) {
            assertThat(jdbc.sql("select count(*) from booking_appointment where slot_id = :id and state = 'CONFIRMED'")
                    .param("id", slot.id().value()).query(Long.class).single()).isEqualTo(1);
            assertThat(slotState(slot.id())).isEqualTo("BOOKED");
        }
        // At the source too: each slot booked once, by the appointment we confirmed.
        for (Map.Entry<SlotId, String> listing : apiListings(few).entrySet()) {
            String ref = jdbc.sql("select source_reference from booking_appointment where slot_id = :id and state = 'CONFIRMED'")
                    .param("id", listing.getKey().value()).query(String.class).single();
            PlatformSlot atSource = sourceSlot(sourceOf(listing.getKey()), listing.getValue());
            assertThat(atSource.free()).isFalse();
            assertThat(ref).isNotBlank();
        }
        // Losers: each was told, for each try, why not (held by another, taken), never left without an answer.
        assertThat(told).hasSize(crowd.size());
        told.values().stream().flatMap(List::stream).filter(o -> !(o instanceof HoldOutcome.Held) && !(o instanceof BookOutcome.Confirmed))
                .forEach(o -> assertThat(o).isInstanceOfAny(HoldOutcome.Unavailable.class, BookOutcome.SlotTaken.class));
        System.out.printf("rush: %d patients, %d slots, %d confirmed, %d answers%n", crowd.size(), few.size(), confirmed,
                told.values().stream().mapToLong(List::size).sum());
    }

    // ---- helpers ----

    /** Free slots of the given channels that no other test used, soonest first, starting tomorrow or later. */
    @Test
    void refusesAThirdUpcomingAppointmentForTheSameServiceButNotForAnother() {
        SlotHit first = freeSlot(h -> h.channel() == BookingChannel.API);
        List<SlotHit> sameService = freeSlots(h -> h.channel() == BookingChannel.API && h.service().equals(first.service()), 2);
        SlotHit otherService = freeSlot(h -> h.channel() == BookingChannel.API && !h.service().equals(first.service()));
        PatientIdentity patient = aPatient();
        for (SlotHit hit : List.of(first, sameService.getFirst())) {
            HoldOutcome.Held held = (HoldOutcome.Held) bookings.hold(hit.id(), patient);
            assertThat(bookings.confirm(held.hold().id(), patient)).isInstanceOf(BookOutcome.Confirmed.class);
        }

        HoldOutcome third = bookings.hold(sameService.get(1).id(), patient);

        assertThat(third).isEqualTo(new HoldOutcome.Unavailable(sameService.get(1).id(), HoldOutcome.Why.APPOINTMENT_LIMIT));
        assertThat(slotState(sameService.get(1).id())).isEqualTo("FREE");
        assertThat(bookings.hold(otherService.id(), patient)).isInstanceOf(HoldOutcome.Held.class);
    }

    @Test
    void everyHoldRecordsTheActorItCameThroughAndEventsNameIt() {
        SlotHit hit = freeSlot(h -> h.channel() == BookingChannel.API);
        PatientIdentity patient = aPatient();
        ca.careorchestrator.core.booking.Actor partner = new ca.careorchestrator.core.booking.Actor(
                ca.careorchestrator.core.booking.Actor.Kind.PARTNER, "clinique-express");

        HoldOutcome.Held held = (HoldOutcome.Held) bookings.hold(hit.id(), patient, partner);
        assertThat(bookings.release(held.hold().id(), patient)).isTrue();

        assertThat(jdbc.sql("select actor_kind || ':' || actor_id from booking_hold where id = :id").param("id", held.hold().id().value())
                .query(String.class).single()).isEqualTo("PARTNER:clinique-express");
    }

    @Test
    void aPartnerHoldingSlotsSecondsAfterTheyAreFreedIsFlaggedForTheMinistry() {
        ca.careorchestrator.core.booking.Actor sniper = new ca.careorchestrator.core.booking.Actor(
                ca.careorchestrator.core.booking.Actor.Kind.PARTNER, "portail-prive-" + patients);
        Instant since = clock.instant();
        for (SlotHit hit : freeSlots(BookingChannel.API, 5)) {
            PatientIdentity owner = aPatient();
            HoldOutcome.Held first = (HoldOutcome.Held) bookings.hold(hit.id(), owner);
            assertThat(bookings.release(first.hold().id(), owner)).isTrue();
            PatientIdentity borrowed = aPatient();
            HoldOutcome.Held grabbed = (HoldOutcome.Held) bookings.hold(hit.id(), borrowed, sniper);
            assertThat(bookings.release(grabbed.hold().id(), borrowed)).isTrue();
        }

        List<ca.careorchestrator.app.fairness.StoredFlag> flags = fairness.flags(since, clock.instant().plusSeconds(1),
                Optional.of(ca.careorchestrator.core.fairness.Signal.RELEASE_SNIPING), 10);
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.flag().actor()).isEqualTo(sniper);
            assertThat(flag.flag().observed()).isEqualTo(5);
        });
    }

    private synchronized List<SlotHit> freeSlots(BookingChannel channel, int count) {
        return freeSlots(java.util.Set.of(channel), count);
    }

    private SlotHit freeSlot(java.util.function.Predicate<SlotHit> wanted) {
        return freeSlots(wanted, 1).getFirst();
    }

    private List<SlotHit> freeSlots(java.util.Set<BookingChannel> channels, int count) {
        return freeSlots(h -> channels.contains(h.channel()), count);
    }

    private synchronized List<SlotHit> freeSlots(java.util.function.Predicate<SlotHit> wanted, int count) {
        Instant from = clock.instant().plus(Duration.ofHours(30));
        List<SlotHit> found = new ArrayList<>();
        for (int page = 0; page < 20 && found.size() < count; page++) {
            SlotQuery query = new SlotQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), from, from.plus(Duration.ofDays(5)), SlotQuery.Order.SOONEST, page, 100);
            catalog.search(query).hits().stream().filter(h -> !used.contains(h.id()) && wanted.test(h))
                    .limit(count - found.size()).forEach(found::add);
        }
        assertThat(found).as("free slots as wanted").hasSize(count);
        used.addAll(found.stream().map(SlotHit::id).toList());
        return found;
    }

    /** Whether a search for its start finds it, once the index has heard every change. */
    private boolean searchable(SlotHit hit) {
        try {
            assertThat(catalog.awaitCurrent(Duration.ofSeconds(10))).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        SlotQuery query = new SlotQuery(Optional.empty(), Optional.empty(), Optional.of(hit.service()), Optional.empty(), Optional.empty(),
                Optional.empty(), hit.start(), hit.start().plusSeconds(60), SlotQuery.Order.SOONEST, 0, 100);
        return catalog.search(query).hits().stream().anyMatch(h -> h.id().equals(hit.id()));
    }

    /** The next resident of the provisioned province, verified by the registry as any request's patient is. */
    private synchronized PatientIdentity aPatient() {
        Patient resident = Residents.of(Preset.TINY, 1, clock).get(patients++).patient();
        return people.verified(resident.nam().value(), resident.birthDate(), Optional.of(resident.sex()),
                LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Montreal")));
    }

    private String slotState(SlotId id) {
        return jdbc.sql("select state from availability_slot where id = :id").param("id", id.value()).query(String.class).single();
    }

    private long appointmentsOn(SlotId id) {
        return jdbc.sql("select count(*) from booking_appointment where slot_id = :id and state in ('PENDING', 'CONFIRMED')")
                .param("id", id.value()).query(Long.class).single();
    }

    private SourceSystem sourceOf(SlotId id) {
        return jdbc.sql("select source_system from availability_listing where slot_id = :id and not gone order by source_system")
                .param("id", id.value()).query(String.class).list().stream().map(SourceSystem::valueOf)
                .filter(s -> s.bookingChannel() == BookingChannel.API).findFirst().orElseThrow();
    }

    private Map<SlotId, String> apiListings(List<SlotHit> slots) {
        Map<SlotId, String> listings = new HashMap<>();
        for (SlotHit slot : slots) {
            SourceSystem source = sourceOf(slot.id());
            listings.put(slot.id(), jdbc.sql("select external_id from availability_listing where slot_id = :id and source_system = :s")
                    .param("id", slot.id().value()).param("s", source.name()).query(String.class).single());
        }
        return listings;
    }

    private String externalIdOf(AppointmentView appointment) {
        return jdbc.sql("select external_id from booking_appointment where id = :id").param("id", appointment.id().value())
                .query(String.class).single();
    }

    private SimulatedPlatform platform(SourceSystem system) {
        return simulation.servers().stream().map(PlatformServer::platform).filter(p -> p.system() == system).findFirst().orElseThrow();
    }

    private PlatformSlot sourceSlot(SourceSystem system, String externalId) {
        return platform(system).slot(externalId).orElseThrow();
    }
}
