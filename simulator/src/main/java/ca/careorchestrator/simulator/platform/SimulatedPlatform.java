package ca.careorchestrator.simulator.platform;

import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.province.Province;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The state of one simulated system (Rendez-vous santé Québec, Omnimed, ...): the slots of the province's
 * clinics that publish through it, in its dialect, with the changes the clinic desk makes on the simulated
 * clock and the bookings we make by its API. Protocol servers (FHIR, SMART, MLLP, iCal, CSV) present this
 * state on the wire; they hold no state of their own beyond their transport. Thread-safe.
 */
public final class SimulatedPlatform {

    /** What a booking by API got. */
    public sealed interface BookResult {
        record Booked(String appointmentRef) implements BookResult {
        }

        record Refused(String reason) implements BookResult {
        }
    }

    private final SourceSystem system;
    private final Clock clock;
    private final Map<String, PlatformSlot> slots = new LinkedHashMap<>();
    private final List<PlatformSlot> changes = new ArrayList<>();
    private final List<Clinic> clinics;
    private final Map<String, String> bookingsByKey = new HashMap<>();
    private final Map<String, String> slotByAppointment = new HashMap<>();
    private final Set<FaultMode> faults = Collections.synchronizedSet(EnumSet.noneOf(FaultMode.class));
    private long sequence;
    private long appointments;

    private SimulatedPlatform(SourceSystem system, Clock clock, List<Clinic> clinics) {
        this.system = system;
        this.clock = clock;
        this.clinics = List.copyOf(clinics);
    }

    /** The slots of {@code province}'s clinics that publish through {@code system}, as that system codes them. */
    public static SimulatedPlatform of(Province province, SourceSystem system, Clock clock) {
        return of(province, system, clock, clinic -> true);
    }

    /** As {@link #of(Province, SourceSystem, Clock)}, for the clinics {@code keep} accepts only (small test sources). */
    public static SimulatedPlatform of(Province province, SourceSystem system, Clock clock, Predicate<Clinic> keep) {
        return build(province, Set.of(system), clock, keep).get(system);
    }

    /** A platform for every system the province's clinics use, built in one pass over the slots. */
    public static Map<SourceSystem, SimulatedPlatform> allOf(Province province, Clock clock) {
        Set<SourceSystem> used = EnumSet.noneOf(SourceSystem.class);
        province.clinics().forEach(c -> used.addAll(c.systems()));
        return build(province, used, clock, clinic -> true);
    }

    private static Map<SourceSystem, SimulatedPlatform> build(Province province, Set<SourceSystem> systems, Clock clock,
            Predicate<Clinic> keep) {
        Map<SourceSystem, SimulatedPlatform> platforms = new java.util.EnumMap<>(SourceSystem.class);
        Set<ClinicId> kept = new java.util.HashSet<>();
        for (SourceSystem system : systems) {
            List<Clinic> clinics = province.clinics().stream().filter(c -> c.systems().contains(system)).filter(keep).toList();
            clinics.forEach(c -> kept.add(c.id()));
            platforms.put(system, new SimulatedPlatform(system, clock, clinics));
        }
        Map<ProfessionalId, Professional> professionals = new HashMap<>();
        province.professionals().forEach(p -> professionals.put(p.id(), p));
        Instant published = clock.instant();
        province.forEachSlot(slot -> {
            if (!kept.contains(slot.clinic())) {
                return;
            }
            for (Listing listing : slot.listings()) {
                SimulatedPlatform platform = platforms.get(listing.source());
                if (platform == null) {
                    continue;
                }
                SourceSystem system = listing.source();
                Dialect dialect = Dialect.of(system);
                Professional professional = professionals.get(slot.professional());
                PlatformSlot.Status status = slot.state() instanceof SlotState.Free ? PlatformSlot.Status.FREE : PlatformSlot.Status.BOOKED;
                platform.slots.put(listing.externalId(), new PlatformSlot(listing.externalId(), 1, 0, published, slot.clinic(),
                        province.siteRef(system, slot.clinic()), Province.professionalRef(system, slot.professional()),
                        dialect.profession(professional.profession()), dialect.service(slot.service()),
                        dialect.modality(slot.modality()), slot.start(), slot.duration(), province.zone(slot.clinic()), status));
            }
        });
        return platforms;
    }

    public SourceSystem system() {
        return system;
    }

    public List<Clinic> clinics() {
        return clinics;
    }

    public Clock clock() {
        return clock;
    }

    /** Every slot the system publishes now (deleted ones excluded), in a stable order. */
    public synchronized List<PlatformSlot> slots() {
        return slots.values().stream().filter(s -> s.status() != PlatformSlot.Status.DELETED).toList();
    }

    public synchronized void forEachSlot(Consumer<PlatformSlot> sink) {
        for (PlatformSlot slot : slots.values()) {
            if (slot.status() != PlatformSlot.Status.DELETED) {
                sink.accept(slot);
            }
        }
    }

    public synchronized Optional<PlatformSlot> slot(String externalId) {
        return Optional.ofNullable(slots.get(externalId));
    }

    public synchronized int size() {
        return (int) slots.values().stream().filter(s -> s.status() != PlatformSlot.Status.DELETED).count();
    }

    /** The latest change's sequence number (0: nothing changed since publication). */
    public synchronized long sequence() {
        return sequence;
    }

    /** Changes after {@code sequence}, oldest first (a slot changed twice appears twice, each version). */
    public synchronized List<PlatformSlot> changesSince(long sequence) {
        int from = Collections.binarySearch(changes.stream().map(PlatformSlot::sequence).toList(), sequence + 1);
        return List.copyOf(changes.subList(from < 0 ? -from - 1 : from, changes.size()));
    }

    /** Changes whose lastUpdated is after {@code instant} (FHIR {@code _lastUpdated=gt}), oldest first. */
    public synchronized List<PlatformSlot> changesAfter(Instant instant) {
        return changes.stream().filter(c -> c.lastUpdated().isAfter(instant)).toList();
    }

    public synchronized Set<String> freeExternalIds() {
        Set<String> free = new java.util.TreeSet<>();
        slots.values().forEach(s -> {
            if (s.free()) {
                free.add(s.externalId());
            }
        });
        return free;
    }

    /** Books by API. Idempotent on {@code idempotencyKey}; a slot not free is refused. */
    public synchronized BookResult book(String externalId, String idempotencyKey) {
        String earlier = bookingsByKey.get(idempotencyKey);
        if (earlier != null) {
            return slotByAppointment.get(earlier).equals(externalId) ? new BookResult.Booked(earlier)
                    : new BookResult.Refused("idempotency key already used for another slot");
        }
        PlatformSlot slot = slots.get(externalId);
        if (slot == null || slot.status() == PlatformSlot.Status.DELETED) {
            return new BookResult.Refused("no such slot");
        }
        if (!slot.free()) {
            return new BookResult.Refused("slot already booked");
        }
        change(slot, PlatformSlot.Status.BOOKED);
        String appointment = system.name().toLowerCase(java.util.Locale.ROOT) + "-appt-" + (++appointments);
        bookingsByKey.put(idempotencyKey, appointment);
        slotByAppointment.put(appointment, externalId);
        return new BookResult.Booked(appointment);
    }

    /** Cancels by API what {@link #book} made; the slot is free again. */
    public synchronized BookResult cancel(String appointmentRef) {
        String externalId = slotByAppointment.get(appointmentRef);
        if (externalId == null) {
            return new BookResult.Refused("no such appointment");
        }
        PlatformSlot slot = slots.get(externalId);
        if (slot.status() == PlatformSlot.Status.BOOKED) {
            change(slot, PlatformSlot.Status.FREE);
        }
        return new BookResult.Booked(appointmentRef);
    }

    /** The clinic desk books a free slot (a change the source reports); returns it, or empty if none is free. */
    public synchronized Optional<PlatformSlot> bookAtDesk(SplittableRandom random) {
        return pick(random, PlatformSlot::free).map(s -> change(s, PlatformSlot.Status.BOOKED));
    }

    /** A patient cancels at the desk: a booked slot is free again. */
    public synchronized Optional<PlatformSlot> cancelAtDesk(SplittableRandom random) {
        return pick(random, s -> s.status() == PlatformSlot.Status.BOOKED).map(s -> change(s, PlatformSlot.Status.FREE));
    }

    /** The clinic closes a free slot (a template edit); the source reports it gone. */
    public synchronized Optional<PlatformSlot> withdrawAtDesk(SplittableRandom random) {
        return pick(random, PlatformSlot::free).map(s -> change(s, PlatformSlot.Status.DELETED));
    }

    /** A free slot disappears without any change record: only a full read notices. */
    public synchronized Optional<PlatformSlot> deleteSilently(SplittableRandom random) {
        return pick(random, PlatformSlot::free).map(s -> {
            PlatformSlot gone = new PlatformSlot(s.externalId(), s.version() + 1, s.sequence(), s.lastUpdated(), s.clinic(),
                    s.siteRef(), s.professionalRef(), s.professionCode(), s.serviceCode(), s.modalityCode(), s.start(),
                    s.duration(), s.zone(), PlatformSlot.Status.DELETED);
            slots.put(s.externalId(), gone);
            return gone;
        });
    }

    /**
     * What happens at the clinics during {@code elapsed} of simulated time, at the given hourly rates per
     * 1,000 slots: desk bookings, cancellations and withdrawals. Returns how many changes were made.
     */
    public synchronized int advance(Duration elapsed, Rates rates, SplittableRandom random) {
        double hours = elapsed.toMillis() / 3_600_000.0;
        double perThousand = slots.size() / 1000.0 * hours;
        int made = 0;
        made += repeat(draws(rates.deskBookingsPerHour() * perThousand, random), () -> bookAtDesk(random).isPresent());
        made += repeat(draws(rates.cancellationsPerHour() * perThousand, random), () -> cancelAtDesk(random).isPresent());
        made += repeat(draws(rates.withdrawalsPerHour() * perThousand, random), () -> withdrawAtDesk(random).isPresent());
        return made;
    }

    private static int draws(double expected, SplittableRandom random) {
        int whole = (int) expected;
        return whole + (random.nextDouble() < expected - whole ? 1 : 0);
    }

    private static int repeat(int times, java.util.function.BooleanSupplier action) {
        int done = 0;
        for (int i = 0; i < times; i++) {
            if (action.getAsBoolean()) {
                done++;
            }
        }
        return done;
    }

    /** Hourly change rates per 1,000 slots. */
    public record Rates(double deskBookingsPerHour, double cancellationsPerHour, double withdrawalsPerHour) {
        public static final Rates QUIET = new Rates(0, 0, 0);
        public static final Rates TYPICAL = new Rates(2.0, 0.5, 0.1);
    }

    public Set<FaultMode> faults() {
        return faults;
    }

    public boolean has(FaultMode fault) {
        return faults.contains(fault);
    }

    private Optional<PlatformSlot> pick(SplittableRandom random, Predicate<PlatformSlot> which) {
        List<PlatformSlot> candidates = slots.values().stream().filter(which).toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    private PlatformSlot change(PlatformSlot slot, PlatformSlot.Status next) {
        PlatformSlot changed = slot.with(next, ++sequence, clock.instant());
        slots.put(slot.externalId(), changed);
        changes.add(changed);
        return changed;
    }
}
