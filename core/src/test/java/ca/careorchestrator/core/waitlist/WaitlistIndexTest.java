package ca.careorchestrator.core.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WaitlistIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");
    private static final ServiceTypeCode CONSULT = new ServiceTypeCode("consultation");
    private static final ServiceTypeCode FOLLOW_UP = new ServiceTypeCode("follow-up");
    private static final Fsa PLATEAU = new Fsa("H2J");
    private static final Fsa LAVAL = new Fsa("H7N");
    private static final Fsa QUEBEC = new Fsa("G1R");
    private static final Fsa SHERBROOKE = new Fsa("J1H");
    private static final Fsa GASPE = new Fsa("G4X");
    private static final Map<Fsa, GeoPoint> CENTROIDS = new LinkedHashMap<>();

    static {
        CENTROIDS.put(PLATEAU, new GeoPoint(45.5270, -73.5800));
        CENTROIDS.put(LAVAL, new GeoPoint(45.5600, -73.7200));
        CENTROIDS.put(QUEBEC, new GeoPoint(46.8110, -71.2100));
        CENTROIDS.put(SHERBROOKE, new GeoPoint(45.4000, -71.8900));
        CENTROIDS.put(GASPE, new GeoPoint(48.8300, -64.4800));
    }

    /** A clinic in Montreal, 2 km from the Plateau's centroid, about 11 km from Laval's. */
    private static final GeoPoint MONTREAL_CLINIC = new GeoPoint(45.5088, -73.5617);

    private final WaitlistIndex index = new WaitlistIndex(CENTROIDS);
    private int filed;

    @Test
    void givesTheSlotToTheHigherPriorityBeforeTheEarlierFiled() {
        CareRequest early = aRequest().build();
        CareRequest urgent = aRequest().build();
        index.add(early, Optional.empty());
        index.add(urgent, Optional.of(PriorityCode.B));

        assertThat(bestFor(inPerson(day(3)))).contains(urgent.id());
    }

    @Test
    void amongEqualPrioritiesTheEarliestFiledWaitsLeast() {
        CareRequest first = aRequest().build();
        CareRequest second = aRequest().build();
        index.add(second, Optional.of(PriorityCode.C));
        index.add(first, Optional.of(PriorityCode.C));

        assertThat(bestFor(inPerson(day(3)))).contains(first.id());
    }

    @Test
    void requestsFiledAtTheSameInstantAreOrderedByTheirId() {
        CareRequest a = aRequest().id(new UUID(0, 2)).filed(NOW.minusSeconds(60)).build();
        CareRequest b = aRequest().id(new UUID(0, 1)).filed(NOW.minusSeconds(60)).build();
        index.add(a, Optional.empty());
        index.add(b, Optional.empty());

        assertThat(bestFor(inPerson(day(3)))).contains(b.id());
    }

    @Test
    void anInPersonSlotBeyondTheRadiusGoesToSomeoneCloser() {
        CareRequest laval = aRequest().area(LAVAL).radius(5).build();
        CareRequest plateau = aRequest().area(PLATEAU).radius(5).build();
        index.add(laval, Optional.empty());
        index.add(plateau, Optional.empty());

        assertThat(bestFor(inPerson(day(3)))).contains(plateau.id());
    }

    @Test
    void distanceDoesNotCountForAPhoneOrVideoSlot() {
        CareRequest gaspe = aRequest().area(GASPE).radius(1).modalities(Modality.PHONE, Modality.IN_PERSON).build();
        index.add(gaspe, Optional.empty());

        assertThat(bestFor(inPerson(day(3)))).isEmpty();
        assertThat(bestFor(new SlotToFill(CONSULT, Modality.PHONE, day(3), MONTREAL_CLINIC))).contains(gaspe.id());
        assertThat(bestFor(new SlotToFill(CONSULT, Modality.VIDEO, day(3), MONTREAL_CLINIC))).isEmpty();
    }

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        CareRequest request = aRequest().window(day(2), day(4)).build();
        index.add(request, Optional.empty());

        assertThat(bestFor(inPerson(day(2)))).contains(request.id());
        assertThat(bestFor(inPerson(day(4).minusNanos(1)))).contains(request.id());
        assertThat(bestFor(inPerson(day(4)))).isEmpty();
        assertThat(bestFor(inPerson(day(2).minusNanos(1)))).isEmpty();
    }

    @Test
    void anotherServiceIsNeverOffered() {
        index.add(aRequest().service(FOLLOW_UP).build(), Optional.empty());

        assertThat(bestFor(inPerson(day(3)))).isEmpty();
    }

    @Test
    void theAdmissionTestPassesOverARequestToTheNextBest() {
        CareRequest first = aRequest().build();
        CareRequest second = aRequest().build();
        index.add(first, Optional.empty());
        index.add(second, Optional.empty());

        Optional<Candidate> best = index.best(inPerson(day(3)), c -> !c.request().equals(first.id()));

        assertThat(best.map(Candidate::request)).contains(second.id());
        assertThat(best.map(Candidate::patient)).contains(second.patient());
        assertThat(best.flatMap(Candidate::priority)).isEmpty();
    }

    @Test
    void aRemovedRequestIsNoLongerOfferedAndAReprioritisedOneMovesAhead() {
        CareRequest first = aRequest().build();
        CareRequest second = aRequest().build();
        CareRequest third = aRequest().build();
        index.add(first, Optional.empty());
        index.add(second, Optional.empty());
        index.add(third, Optional.empty());

        assertThat(index.remove(first.id())).isTrue();
        assertThat(index.remove(first.id())).isFalse();
        assertThat(index.prioritise(third.id(), Optional.of(PriorityCode.A))).isTrue();

        assertThat(index.best(inPerson(day(3)), c -> true)).contains(new Candidate(third.id(), third.patient(), Optional.of(PriorityCode.A)));
        index.prioritise(third.id(), Optional.empty());
        assertThat(bestFor(inPerson(day(3)))).contains(second.id());
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void refusesARequestOfAnUnknownAreaOrOneAlreadyWaiting() {
        CareRequest request = aRequest().build();
        index.add(request, Optional.empty());

        assertThatThrownBy(() -> index.add(request, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.add(aRequest().area(new Fsa("H3Z")).build(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.size()).isEqualTo(1);
    }

    /**
     * Thousands of random requests, matches, removals and priority changes, with few areas and services so lines grow
     * past a chunk and split: the index answers exactly what a linear scan of every request answers.
     */
    @Test
    void agreesWithALinearScanOverRandomWalks() {
        for (long seed = 1; seed <= 12; seed++) {
            randomWalk(seed, 6_000, false);
        }
    }

    /** One service, one area, one radius, hardly any priority: lines of thousands, chunks splitting and emptying. */
    @Test
    void agreesWithALinearScanWhenOneLineHoldsThousands() {
        for (long seed = 101; seed <= 104; seed++) {
            randomWalk(seed, 8_000, true);
        }
    }

    private void randomWalk(long seed, int steps, boolean crowded) {
        SplittableRandom random = new SplittableRandom(seed);
        WaitlistIndex tested = new WaitlistIndex(CENTROIDS);
        Map<CareRequestId, CareRequest> open = new LinkedHashMap<>();
        Map<CareRequestId, Optional<PriorityCode>> priorities = new HashMap<>();
        List<CareRequestId> ids = new ArrayList<>();
        List<Fsa> areas = crowded ? List.of(PLATEAU) : List.copyOf(CENTROIDS.keySet());
        List<GeoPoint> clinics = List.of(MONTREAL_CLINIC, new GeoPoint(46.80, -71.22), new GeoPoint(45.40, -71.90),
                new GeoPoint(48.83, -64.48), new GeoPoint(46.35, -72.55));
        List<ServiceTypeCode> services = crowded ? List.of(CONSULT) : List.of(CONSULT, FOLLOW_UP);
        Instant clock = NOW;
        int matches = 0;
        for (int step = 0; step < steps; step++) {
            int what = random.nextInt(100);
            if (what < 45) {
                clock = clock.plusMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(5_000)); // equal instants happen
                // Some out of filing order, as a rebuild or a late write would add them.
                Instant filedAt = random.nextInt(10) == 0 ? clock.minusSeconds(random.nextInt(100_000)) : clock;
                Instant from = NOW.plus(Duration.ofHours(random.nextInt(24 * 40)));
                Instant to = from.plus(Duration.ofHours(1 + random.nextInt(24 * 30)));
                EnumSet<Modality> modalities = EnumSet.noneOf(Modality.class);
                for (Modality m : Modality.values()) {
                    if (random.nextInt(3) > 0) {
                        modalities.add(m);
                    }
                }
                if (modalities.isEmpty()) {
                    modalities.add(Modality.IN_PERSON);
                }
                int[] radii = crowded ? new int[] {20, 25} : new int[] {1, 3, 5, 6, 10, 20, 25, 40, 80, 100, 150, 300, 500};
                CareRequest request = new CareRequest(new CareRequestId(new UUID(random.nextLong(), random.nextLong())),
                        new PatientId(new UUID(random.nextLong(), random.nextLong())), services.get(random.nextInt(services.size())),
                        areas.get(random.nextInt(areas.size())), radii[random.nextInt(radii.length)], from, to, modalities, filedAt);
                Optional<PriorityCode> priority = random.nextInt(crowded ? 50 : 4) == 0
                        ? Optional.of(PriorityCode.values()[random.nextInt(PriorityCode.values().length)]) : Optional.empty();
                tested.add(request, priority);
                open.put(request.id(), request);
                priorities.put(request.id(), priority);
                ids.add(request.id());
            } else if (what < (crowded ? 50 : 55) && !ids.isEmpty()) {
                CareRequestId id = ids.get(random.nextInt(ids.size()));
                assertThat(tested.remove(id)).isEqualTo(open.remove(id) != null);
            } else if (what < (crowded ? 52 : 65) && !ids.isEmpty()) {
                CareRequestId id = ids.get(random.nextInt(ids.size()));
                Optional<PriorityCode> priority = random.nextBoolean()
                        ? Optional.of(PriorityCode.values()[random.nextInt(PriorityCode.values().length)]) : Optional.empty();
                boolean waiting = open.containsKey(id);
                assertThat(tested.prioritise(id, priority)).isEqualTo(waiting);
                if (waiting) {
                    priorities.put(id, priority);
                }
            } else {
                Instant start = NOW.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 75)));
                SlotToFill slot = new SlotToFill(services.get(random.nextInt(services.size())),
                        Modality.values()[random.nextInt(Modality.values().length)], start, clinics.get(random.nextInt(clinics.size())));
                // An admission test that refuses some patients, as allocation rules and earlier offers do.
                long refusedBits = random.nextLong();
                Predicate<Candidate> admits = c -> (c.patient().value().getLeastSignificantBits() & 3) != (refusedBits & 3);
                Optional<Candidate> expected = linearScan(open.values(), priorities, slot, admits);
                assertThat(tested.best(slot, admits)).as("seed %d step %d", seed, step).isEqualTo(expected);
                matches += expected.isPresent() ? 1 : 0;
            }
            assertThat(tested.size()).isEqualTo(open.size());
        }
        assertThat(matches).as("the walk matched something").isGreaterThan(steps / 20);
    }

    /** The definition, by brute force. */
    private static Optional<Candidate> linearScan(Iterable<CareRequest> open, Map<CareRequestId, Optional<PriorityCode>> priorities,
            SlotToFill slot, Predicate<Candidate> admits) {
        Comparator<CareRequest> order = Comparator.<CareRequest>comparingInt(r -> priorities.get(r.id()).map(Enum::ordinal).orElse(99))
                .thenComparing(CareRequest::filedAt).thenComparing(r -> r.id().value());
        List<CareRequest> matching = new ArrayList<>();
        for (CareRequest r : open) {
            boolean near = slot.modality() != Modality.IN_PERSON || CENTROIDS.get(r.area()).distanceKm(slot.place()) <= r.radiusKm();
            if (r.service().equals(slot.service()) && r.modalities().contains(slot.modality()) && !slot.start().isBefore(r.windowStart())
                    && slot.start().isBefore(r.windowEnd()) && near) {
                matching.add(r);
            }
        }
        return matching.stream().sorted(order).map(r -> new Candidate(r.id(), r.patient(), priorities.get(r.id()))).filter(admits).findFirst();
    }

    private Optional<CareRequestId> bestFor(SlotToFill slot) {
        return index.best(slot, c -> true).map(Candidate::request);
    }

    private static SlotToFill inPerson(Instant start) {
        return new SlotToFill(CONSULT, Modality.IN_PERSON, start, MONTREAL_CLINIC);
    }

    private static Instant day(int days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private RequestBuilder aRequest() {
        filed++;
        return new RequestBuilder(NOW.minus(Duration.ofDays(30)).plusSeconds(filed), 1_000 + filed);
    }

    private static final class RequestBuilder {
        private UUID id;
        private ServiceTypeCode service = CONSULT;
        private Fsa area = PLATEAU;
        private int radius = 25;
        private Instant from = NOW;
        private Instant to = NOW.plus(Duration.ofDays(30));
        private Set<Modality> modalities = Set.of(Modality.IN_PERSON);
        private Instant filedAt;

        RequestBuilder(Instant filedAt, int number) {
            this.filedAt = filedAt;
            this.id = new UUID(0x5eed, number);
        }

        RequestBuilder id(UUID value) {
            id = value;
            return this;
        }

        RequestBuilder service(ServiceTypeCode value) {
            service = value;
            return this;
        }

        RequestBuilder area(Fsa value) {
            area = value;
            return this;
        }

        RequestBuilder radius(int value) {
            radius = value;
            return this;
        }

        RequestBuilder window(Instant start, Instant end) {
            from = start;
            to = end;
            return this;
        }

        RequestBuilder modalities(Modality... values) {
            modalities = Set.of(values);
            return this;
        }

        RequestBuilder filed(Instant value) {
            filedAt = value;
            return this;
        }

        CareRequest build() {
            return new CareRequest(new CareRequestId(id), new PatientId(UUID.nameUUIDFromBytes(id.toString().getBytes())), service, area,
                    radius, from, to, modalities, filedAt);
        }
    }
}
