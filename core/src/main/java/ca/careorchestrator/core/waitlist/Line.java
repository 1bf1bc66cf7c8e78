package ca.careorchestrator.core.waitlist;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one (service, priority, area, radius class), in filing order, as a list of chunks. A new request
 * is usually the latest filed, so it lands at the end of the last chunk; a full chunk splits in two. The line keeps
 * the union of its chunks' summaries (its shelf copies them) so a query can pass over it without looking at any chunk.
 */
final class Line {

    final int area;
    final int radiusClass;
    final List<Chunk> chunks = new ArrayList<>();
    int size;
    long minFrom = Long.MAX_VALUE;
    long maxTo = Long.MIN_VALUE;
    int maxRadius;
    int modalityUnion;

    Line(int area, int radiusClass) {
        this.area = area;
        this.radiusClass = radiusClass;
    }

    void insert(Chunk.Entry entry) {
        int c = chunkFor(entry.filed(), entry.idHigh(), entry.idLow());
        if (c < 0) {
            chunks.add(new Chunk());
            c = 0;
        }
        Chunk chunk = chunks.get(c);
        chunk.insert(chunk.position(entry.filed(), entry.idHigh(), entry.idLow()), entry);
        if (chunk.size == Chunk.CAPACITY) {
            chunks.add(c + 1, chunk.split());
        }
        size++;
        minFrom = Math.min(minFrom, entry.from());
        maxTo = Math.max(maxTo, entry.to());
        maxRadius = Math.max(maxRadius, entry.radius());
        modalityUnion |= entry.modalities();
    }

    /** Takes out the request with this key; null when it is not here. */
    Chunk.Entry remove(long filed, long high, long low) {
        int c = chunkFor(filed, high, low);
        if (c < 0) {
            return null;
        }
        Chunk chunk = chunks.get(c);
        int at = chunk.position(filed, high, low);
        if (at == chunk.size || chunk.compareAt(at, filed, high, low) != 0) {
            return null;
        }
        Chunk.Entry removed = chunk.remove(at);
        if (chunk.size == 0) {
            chunks.remove(c);
        }
        size--;
        summarise();
        return removed;
    }

    /** The chunk whose range holds this key: the last one starting at or below it (the first if it is below all); -1 if none. */
    private int chunkFor(long filed, long high, long low) {
        if (chunks.isEmpty()) {
            return -1;
        }
        int lo = 0;
        int hi = chunks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks.get(mid).compareAt(0, filed, high, low) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void summarise() {
        minFrom = Long.MAX_VALUE;
        maxTo = Long.MIN_VALUE;
        maxRadius = 0;
        modalityUnion = 0;
        for (Chunk chunk : chunks) {
            minFrom = Math.min(minFrom, chunk.minFrom);
            maxTo = Math.max(maxTo, chunk.maxTo);
            maxRadius = Math.max(maxRadius, chunk.maxRadius);
            modalityUnion |= chunk.modalityUnion;
        }
    }
}
