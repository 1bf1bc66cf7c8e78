package ca.careorchestrator.core.waitlist;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The open care requests, answering "which request gets this free slot first". A request matches a slot when the
 * service is the same, the slot's modality is one it accepts, the slot starts in its window ({@code windowStart}
 * included, {@code windowEnd} excluded) and, in person only, the clinic is within its radius of its area's centroid
 * ({@code centroid.distanceKm(clinic) <= radiusKm}); the caller's admission test (allocation rules, "not offered this
 * slot already") has the last word. The best match has the highest priority (A first, none last), then the earliest
 * filing, then the smallest id.
 *
 * <p>Layout, so that a slot is matched in microseconds among a million requests:
 * <ul>
 * <li>by service, then by priority (six shelves: A to E, then none), looked at in that order: the first shelf with an
 * admitted match holds the answer;</li>
 * <li>in a shelf, for in-person slots, one {@link Line} per (postal area, radius class) holding the requests that accept
 * in person: requests of one area sit on one centroid, so a query computes ~420 distances (cached per clinic position)
 * and passes over every line whose largest radius falls short (a scan of primitive arrays); radius classes (≤5, ≤10,
 * ≤25, ≤50, ≤100, ≤500 km) keep the few wide radii from dragging whole areas in. For phone and video slots, where
 * distance does not count, one line per shelf holds the requests that accept either (a request accepting both kinds
 * sits in both);</li>
 * <li>in a line, requests in filing order in chunks of up to 128, each with a summary (window bounds, radius,
 * modalities) that skips it whole;</li>
 * <li>a query merges the lines lazily by filing order: a heap of cursors keyed by the next request they could yield;
 * popping one looks at one chunk, so only lines whose early requests compete are read, and the admission test runs
 * only on the request that is the best of all that are left.</li>
 * </ul>
 * Adding, removing and reprioritising touch one chunk (≤128 entries) and one line's summary. Not thread-safe: the
 * caller serialises access (the application runs every change and every match on one lock).
 */
public final class WaitlistIndex {

    private static final int[] RADIUS_CLASSES = {5, 10, 25, 50, 100, 500};
    private static final int SHELVES = PriorityCode.values().length + 1;
    private static final int NO_PRIORITY = PriorityCode.values().length;
    private static final int DISTANCE_CACHE = 8_192;

    private final Map<Fsa, Integer> areaNumbers = new HashMap<>();
    private final GeoPoint[] centroids;
    private final Map<ServiceTypeCode, Shelf[]> services = new HashMap<>();
    private final Map<UUID, Where> requests = new HashMap<>();
    private final Map<GeoPoint, double[]> distances = new HashMap<>();

    /** Where a request sits, to take it out again. */
    private record Where(Shelf[] service, int shelf, int area, int radiusClass, boolean inPerson, boolean remote, long filed) {
    }

    public WaitlistIndex(Map<Fsa, GeoPoint> centroids) {
        this.centroids = new GeoPoint[centroids.size()];
        centroids.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            this.centroids[areaNumbers.size()] = e.getValue();
            areaNumbers.put(e.getKey(), areaNumbers.size());
        });
    }

    public int size() {
        return requests.size();
    }

    public boolean contains(CareRequestId id) {
        return requests.containsKey(id.value());
    }

    /** Adds an open request; its area must be one of the index's, and it must not be in already. */
    public void add(CareRequest request, Optional<PriorityCode> priority) {
        Integer area = areaNumbers.get(request.area());
        if (area == null) {
            throw new IllegalArgumentException("no centroid for postal area " + request.area());
        }
        if (requests.containsKey(request.id().value())) {
            throw new IllegalArgumentException("care request " + request.id() + " is already waiting");
        }
        int modalities = 0;
        for (Modality modality : request.modalities()) {
            modalities |= bit(modality);
        }
        UUID id = request.id().value();
        UUID patient = request.patient().value();
        Chunk.Entry entry = new Chunk.Entry(Keys.nanos(request.filedAt()), Keys.nanos(request.windowStart()),
                Keys.nanos(request.windowEnd()), request.radiusKm(), modalities, id.getMostSignificantBits(), id.getLeastSignificantBits(),
                patient.getMostSignificantBits(), patient.getLeastSignificantBits());
        Shelf[] shelves = services.computeIfAbsent(request.service(), s -> new Shelf[SHELVES]);
        place(shelves, shelf(priority), area, entry);
    }

    private void place(Shelf[] shelves, int shelf, int area, Chunk.Entry entry) {
        if (shelves[shelf] == null) {
            shelves[shelf] = new Shelf(centroids.length);
        }
        Shelf into = shelves[shelf];
        boolean inPerson = (entry.modalities() & IN_PERSON) != 0;
        boolean remote = (entry.modalities() & REMOTE) != 0;
        int radiusClass = radiusClass(entry.radius());
        if (inPerson) {
            Line line = into.line(area, radiusClass);
            line.insert(entry);
            into.sync(line);
        }
        if (remote) {
            into.remote.insert(entry);
        }
        into.size++;
        requests.put(new UUID(entry.idHigh(), entry.idLow()), new Where(shelves, shelf, area, radiusClass, inPerson, remote, entry.filed()));
    }

    /** Takes a request out (fulfilled, withdrawn, expired); false when it was not waiting. */
    public boolean remove(CareRequestId id) {
        return take(id.value()) != null;
    }

    private Chunk.Entry take(UUID id) {
        Where where = requests.remove(id);
        if (where == null) {
            return null;
        }
        Shelf from = where.service()[where.shelf()];
        Chunk.Entry entry = null;
        if (where.inPerson()) {
            Line line = from.line(where.area(), where.radiusClass());
            entry = line.remove(where.filed(), id.getMostSignificantBits(), id.getLeastSignificantBits());
            from.sync(line);
        }
        if (where.remote()) {
            entry = from.remote.remove(where.filed(), id.getMostSignificantBits(), id.getLeastSignificantBits());
        }
        if (entry == null) {
            throw new IllegalStateException("care request " + id + " was indexed but not found in its lines");
        }
        from.size--;
        return entry;
    }

    /** The access desk sets (or clears) a request's priority; false when it is not waiting. */
    public boolean prioritise(CareRequestId id, Optional<PriorityCode> priority) {
        Where where = requests.get(id.value());
        if (where == null) {
            return false;
        }
        Chunk.Entry entry = take(id.value());
        place(where.service(), shelf(priority), where.area(), entry);
        return true;
    }

    /** The best waiting request for this slot that {@code admits} lets through, if any. */
    public Optional<Candidate> best(SlotToFill slot, Predicate<Candidate> admits) {
        Shelf[] shelves = services.get(slot.service());
        if (shelves == null) {
            return Optional.empty();
        }
        long start = Keys.nanos(slot.start());
        int modality = bit(slot.modality());
        double[] distance = slot.modality() == Modality.IN_PERSON ? distancesTo(slot.place()) : null;
        for (int s = 0; s < SHELVES; s++) {
            if (shelves[s] != null && shelves[s].size > 0) {
                Candidate found = shelves[s].best(start, modality, distance, priorityOf(s), admits);
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    /** Distances from every area's centroid to this place, computed once per clinic position. */
    private double[] distancesTo(GeoPoint place) {
        double[] known = distances.get(place);
        if (known == null) {
            if (distances.size() >= DISTANCE_CACHE) {
                distances.clear();
            }
            known = new double[centroids.length];
            for (int a = 0; a < centroids.length; a++) {
                known[a] = centroids[a].distanceKm(place);
            }
            distances.put(place, known);
        }
        return known;
    }

    private static final int IN_PERSON = bit(Modality.IN_PERSON);
    private static final int REMOTE = bit(Modality.PHONE) | bit(Modality.VIDEO);

    private static int bit(Modality modality) {
        return 1 << modality.ordinal();
    }

    private static int shelf(Optional<PriorityCode> priority) {
        return priority.map(Enum::ordinal).orElse(NO_PRIORITY);
    }

    private static Optional<PriorityCode> priorityOf(int shelf) {
        return shelf == NO_PRIORITY ? Optional.empty() : Optional.of(PriorityCode.values()[shelf]);
    }

    private static int radiusClass(int radiusKm) {
        for (int c = 0; c < RADIUS_CLASSES.length; c++) {
            if (radiusKm <= RADIUS_CLASSES[c]) {
                return c;
            }
        }
        throw new IllegalArgumentException("a radius is at most " + RADIUS_CLASSES[RADIUS_CLASSES.length - 1] + " km");
    }

    /**
     * The requests of one service and one priority, by (area, radius class). Each line's summary is copied into primitive
     * arrays, so that choosing the lines a query reads is a scan of a few thousand ints and longs in a row, not a walk
     * over as many objects.
     */
    private static final class Shelf {

        private final Line[] lines;
        /** Every request that accepts a phone or video consultation, in filing order: where it lives does not matter for those. */
        final Line remote = new Line(-1, -1);
        /** Indexes of the lines made so far (a query scans these, not every possible one). */
        private int[] made = new int[16];
        private int madeCount;
        private final long[] minFrom;
        private final long[] maxTo;
        private final int[] maxRadius;
        private final int[] modalities;
        private final long[] firstFiled;
        private final long[] firstHigh;
        private final long[] firstLow;
        int size;

        Shelf(int areas) {
            int count = areas * RADIUS_CLASSES.length;
            lines = new Line[count];
            minFrom = new long[count];
            maxTo = new long[count];
            maxRadius = new int[count];
            modalities = new int[count];
            firstFiled = new long[count];
            firstHigh = new long[count];
            firstLow = new long[count];
        }

        Line line(int area, int radiusClass) {
            int at = area * RADIUS_CLASSES.length + radiusClass;
            if (lines[at] == null) {
                lines[at] = new Line(area, radiusClass);
                if (madeCount == made.length) {
                    made = java.util.Arrays.copyOf(made, made.length * 2);
                }
                made[madeCount++] = at;
            }
            return lines[at];
        }

        /** Copies a line's summary after it changed. */
        void sync(Line line) {
            int at = line.area * RADIUS_CLASSES.length + line.radiusClass;
            boolean empty = line.size == 0;
            minFrom[at] = empty ? Long.MAX_VALUE : line.minFrom;
            maxTo[at] = empty ? Long.MIN_VALUE : line.maxTo;
            maxRadius[at] = line.maxRadius;
            modalities[at] = empty ? 0 : line.modalityUnion;
            if (!empty) {
                Chunk first = line.chunks.get(0);
                firstFiled[at] = first.filed[0];
                firstHigh[at] = first.idHigh[0];
                firstLow[at] = first.idLow[0];
            }
        }

        Candidate best(long start, int modality, double[] distance, Optional<PriorityCode> priority, Predicate<Candidate> admits) {
            if (distance == null) {
                PriorityQueue<Cursor> heap = new PriorityQueue<>();
                if (remote.size > 0 && (remote.modalityUnion & modality) != 0 && remote.minFrom <= start && start < remote.maxTo) {
                    Chunk first = remote.chunks.get(0);
                    heap.add(new Cursor(remote, -1, first.filed[0], first.idHigh[0], first.idLow[0]));
                }
                return best(heap, start, modality, priority, admits);
            }
            List<Cursor> candidates = new ArrayList<>();
            for (int m = 0; m < madeCount; m++) {
                int at = made[m];
                if ((modalities[at] & modality) == 0 || minFrom[at] > start || start >= maxTo[at]) {
                    continue;
                }
                double away = distance == null ? -1 : distance[at / RADIUS_CLASSES.length];
                if (maxRadius[at] >= away) {
                    candidates.add(new Cursor(lines[at], away, firstFiled[at], firstHigh[at], firstLow[at]));
                }
            }
            // Built at once (a heapify, linear) rather than added one by one.
            return best(new PriorityQueue<>(candidates), start, modality, priority, admits);
        }

        /** Merges the lines in the heap by filing order, one chunk at a time, until a match passes the admission test. */
        private static Candidate best(PriorityQueue<Cursor> heap, long start, int modality, Optional<PriorityCode> priority,
                Predicate<Candidate> admits) {
            while (!heap.isEmpty()) {
                Cursor cursor = heap.poll();
                Chunk chunk = cursor.line.chunks.get(cursor.chunk);
                if (cursor.found) {
                    // The least of every line's next possible request: the best match left.
                    Candidate candidate = new Candidate(
                            new CareRequestId(new UUID(chunk.idHigh[cursor.at], chunk.idLow[cursor.at])),
                            new PatientId(new UUID(chunk.patientHigh[cursor.at], chunk.patientLow[cursor.at])), priority);
                    if (admits.test(candidate)) {
                        return candidate;
                    }
                    cursor.found = false;
                    if (cursor.advance(cursor.at + 1)) {
                        heap.add(cursor);
                    }
                } else if (!chunk.mayMatch(start, modality, cursor.distance)) {
                    if (cursor.advance(chunk.size)) {
                        heap.add(cursor);
                    }
                } else {
                    int at = chunk.firstMatch(cursor.at, start, modality, cursor.distance);
                    if (at >= 0) {
                        cursor.at = at;
                        cursor.found = true;
                        cursor.point(chunk);
                        heap.add(cursor);
                    } else if (cursor.advance(chunk.size)) {
                        heap.add(cursor);
                    }
                }
            }
            return null;
        }
    }

    /**
     * A line read in filing order. Its key is the request at its position: found, that request matches; not yet, it is
     * a lower bound of whatever the line can still yield.
     */
    private static final class Cursor implements Comparable<Cursor> {

        final Line line;
        final double distance;
        int chunk;
        int at;
        boolean found;
        /** The key at the position, kept here so that ordering the heap reads no chunk. */
        long filed;
        long high;
        long low;

        /** A cursor at a line's first request, whose key the shelf's arrays already hold (the line itself is not read). */
        Cursor(Line line, double distance, long filed, long high, long low) {
            this.line = line;
            this.distance = distance;
            this.filed = filed;
            this.high = high;
            this.low = low;
        }

        /** Moves to position {@code next} of the current chunk (or the next chunk's start); false past the end. */
        boolean advance(int next) {
            at = next;
            if (at >= line.chunks.get(chunk).size) {
                chunk++;
                at = 0;
            }
            if (chunk >= line.chunks.size()) {
                return false;
            }
            point(line.chunks.get(chunk));
            return true;
        }

        void point(Chunk current) {
            filed = current.filed[at];
            high = current.idHigh[at];
            low = current.idLow[at];
        }

        @Override
        public int compareTo(Cursor other) {
            return Keys.compare(filed, high, low, other.filed, other.high, other.low);
        }
    }
}
