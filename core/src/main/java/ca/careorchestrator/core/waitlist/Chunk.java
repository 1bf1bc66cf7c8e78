package ca.careorchestrator.core.waitlist;

import java.util.Arrays;

/**
 * Up to {@link #CAPACITY} requests of one line in filing order, as parallel primitive arrays, with a summary
 * (earliest window start, latest window end, largest radius, union of modalities) that lets a query skip the whole
 * chunk. Instants are epoch nanoseconds.
 */
final class Chunk {

    static final int CAPACITY = 128;

    /** Most lines are short (a rare service, a wide radius, a priority): arrays start small and double. */
    private static final int FIRST_CAPACITY = 4;

    int size;
    long[] filed = new long[FIRST_CAPACITY];
    long[] from = new long[FIRST_CAPACITY];
    long[] to = new long[FIRST_CAPACITY];
    long[] idHigh = new long[FIRST_CAPACITY];
    long[] idLow = new long[FIRST_CAPACITY];
    long[] patientHigh = new long[FIRST_CAPACITY];
    long[] patientLow = new long[FIRST_CAPACITY];
    short[] radius = new short[FIRST_CAPACITY];
    byte[] modalities = new byte[FIRST_CAPACITY];

    long minFrom;
    long maxTo;
    int maxRadius;
    int modalityUnion;

    /** One request's fields on their way in or out of a chunk. */
    record Entry(long filed, long from, long to, int radius, int modalities, long idHigh, long idLow, long patientHigh,
            long patientLow) {

        int compareTo(long otherFiled, long otherHigh, long otherLow) {
            return Keys.compare(filed, idHigh, idLow, otherFiled, otherHigh, otherLow);
        }
    }

    int compareAt(int i, long otherFiled, long otherHigh, long otherLow) {
        return Keys.compare(filed[i], idHigh[i], idLow[i], otherFiled, otherHigh, otherLow);
    }

    /** Where {@code entry} goes (or is): the first position whose key is not below it. */
    int position(long key, long high, long low) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareAt(mid, key, high, low) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void insert(int at, Entry e) {
        if (size == filed.length) {
            grow();
        }
        int tail = size - at;
        System.arraycopy(filed, at, filed, at + 1, tail);
        System.arraycopy(from, at, from, at + 1, tail);
        System.arraycopy(to, at, to, at + 1, tail);
        System.arraycopy(idHigh, at, idHigh, at + 1, tail);
        System.arraycopy(idLow, at, idLow, at + 1, tail);
        System.arraycopy(patientHigh, at, patientHigh, at + 1, tail);
        System.arraycopy(patientLow, at, patientLow, at + 1, tail);
        System.arraycopy(radius, at, radius, at + 1, tail);
        System.arraycopy(modalities, at, modalities, at + 1, tail);
        set(at, e);
        size++;
        if (size == 1) {
            minFrom = e.from();
            maxTo = e.to();
            maxRadius = e.radius();
            modalityUnion = e.modalities();
        } else {
            minFrom = Math.min(minFrom, e.from());
            maxTo = Math.max(maxTo, e.to());
            maxRadius = Math.max(maxRadius, e.radius());
            modalityUnion |= e.modalities();
        }
    }

    private void grow() {
        int capacity = Math.min(CAPACITY, filed.length * 2);
        filed = Arrays.copyOf(filed, capacity);
        from = Arrays.copyOf(from, capacity);
        to = Arrays.copyOf(to, capacity);
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        patientHigh = Arrays.copyOf(patientHigh, capacity);
        patientLow = Arrays.copyOf(patientLow, capacity);
        radius = Arrays.copyOf(radius, capacity);
        modalities = Arrays.copyOf(modalities, capacity);
    }

    private void set(int i, Entry e) {
        filed[i] = e.filed();
        from[i] = e.from();
        to[i] = e.to();
        idHigh[i] = e.idHigh();
        idLow[i] = e.idLow();
        patientHigh[i] = e.patientHigh();
        patientLow[i] = e.patientLow();
        radius[i] = (short) e.radius();
        modalities[i] = (byte) e.modalities();
    }

    Entry entry(int i) {
        return new Entry(filed[i], from[i], to[i], radius[i], modalities[i], idHigh[i], idLow[i], patientHigh[i], patientLow[i]);
    }

    Entry remove(int at) {
        Entry removed = entry(at);
        int tail = size - at - 1;
        System.arraycopy(filed, at + 1, filed, at, tail);
        System.arraycopy(from, at + 1, from, at, tail);
        System.arraycopy(to, at + 1, to, at, tail);
        System.arraycopy(idHigh, at + 1, idHigh, at, tail);
        System.arraycopy(idLow, at + 1, idLow, at, tail);
        System.arraycopy(patientHigh, at + 1, patientHigh, at, tail);
        System.arraycopy(patientLow, at + 1, patientLow, at, tail);
        System.arraycopy(radius, at + 1, radius, at, tail);
        System.arraycopy(modalities, at + 1, modalities, at, tail);
        size--;
        summarise();
        return removed;
    }

    /** The upper half moves to a new chunk (this one is full). */
    Chunk split() {
        Chunk upper = new Chunk();
        int half = size / 2;
        for (int i = half; i < size; i++) {
            upper.insert(upper.size, entry(i));
        }
        size = half;
        summarise();
        return upper;
    }

    void summarise() {
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        int widest = 0;
        int union = 0;
        for (int i = 0; i < size; i++) {
            lowest = Math.min(lowest, from[i]);
            highest = Math.max(highest, to[i]);
            widest = Math.max(widest, radius[i]);
            union |= modalities[i];
        }
        minFrom = lowest;
        maxTo = highest;
        maxRadius = widest;
        modalityUnion = union;
    }

    /** False when no request here can match: the summary rules the whole chunk out. */
    boolean mayMatch(long start, int modality, double distanceKm) {
        return minFrom <= start && start < maxTo && (modalityUnion & modality) != 0 && maxRadius >= distanceKm;
    }

    /** The first position at or after {@code at} whose request matches, or -1. A negative distance: not in person. */
    int firstMatch(int at, long start, int modality, double distanceKm) {
        for (int i = at; i < size; i++) {
            if (from[i] <= start && start < to[i] && (modalities[i] & modality) != 0 && radius[i] >= distanceKm) {
                return i;
            }
        }
        return -1;
    }
}
