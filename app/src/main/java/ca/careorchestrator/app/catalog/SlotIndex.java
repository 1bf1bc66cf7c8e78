package ca.careorchestrator.app.catalog;

import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.GeoPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every slot the search can show, in columns of primitives (about 40 bytes a slot: the province's 5 million
 * fit in a few hundred MB), with each clinic's slots as an array of slot numbers sorted by start. A search
 * walks the candidate clinics' arrays from the window's start, merging them soonest first (or clinic by
 * clinic, nearest first), and stops once it has the page.
 *
 * <p>One writer ({@link #apply}, synchronized), many readers without locks: a clinic's array is replaced,
 * never changed, and published after the columns it points into; a state changed in place is seen by the
 * next search (the database, not this cache, decides whether a hold succeeds).
 */
final class SlotIndex {

    static final byte FREE = 0;
    static final byte HELD = 1;
    static final byte BOOKED = 2;
    static final byte WITHDRAWN = 3;
    private static final BookingChannel[] CHANNELS = BookingChannel.values();
    private static final Modality[] MODALITIES = Modality.values();

    private final Places places;
    private volatile Columns columns;
    private final AtomicReferenceArray<int[]> byClinic;
    /**
     * The same, split by service: {@code byClinicService[clinic][service]}. A search for one service walks only
     * that service's slots (a rare service would otherwise mean reading a whole region's window). A slot whose
     * service changed is added under the new one; the old entry stays and is filtered out.
     */
    private final AtomicReferenceArray<int[][]> byClinicService;
    private final IdTable ids = new IdTable();
    private final Map<ServiceTypeCode, Short> serviceNumbers = new HashMap<>();
    private volatile ServiceTypeCode[] services = new ServiceTypeCode[0];
    private int size;
    /** While a rebuild fills the index (not searched yet), new slots wait here and are sorted once at the end. */
    private int[][] pending;
    private int[] pendingCount;
    /** Written after every change, read before every search: the happens-before edge for in-place updates. */
    private volatile long changes;
    /**
     * The instant the stamps of {@code Columns.changed} count from: the end of the build (every slot loaded then is
     * stamped -1, before it). What was withdrawn before it is not here any more (a build leaves withdrawn slots behind), so the
     * changes since an earlier instant cannot be told from this index.
     */
    private volatile Instant origin = Instant.EPOCH;
    /** The version (changes applied) and the latest change's instant, written together after each apply. */
    private volatile Stamp stamp = new Stamp(0, Instant.EPOCH);

    /** How many changes were applied and when the latest was. */
    record Stamp(long version, Instant lastChange) {
    }

    private static final class Columns {
        final long[] hi;
        final long[] lo;
        final int[] clinic;
        final int[] professional;
        /** Minutes since the epoch. */
        final int[] start;
        final short[] duration;
        final short[] service;
        final byte[] modality;
        final byte[] state;
        final byte[] channel;
        /**
         * When the index last applied a change to the slot: whole seconds after its origin (the build's end); -1 for a
         * slot as the build loaded it (a reader of this index has seen it so).
         */
        final int[] changed;

        Columns(int capacity) {
            hi = new long[capacity];
            lo = new long[capacity];
            clinic = new int[capacity];
            professional = new int[capacity];
            start = new int[capacity];
            duration = new short[capacity];
            service = new short[capacity];
            modality = new byte[capacity];
            state = new byte[capacity];
            channel = new byte[capacity];
            changed = new int[capacity];
        }

        Columns(Columns from, int capacity) {
            hi = Arrays.copyOf(from.hi, capacity);
            lo = Arrays.copyOf(from.lo, capacity);
            clinic = Arrays.copyOf(from.clinic, capacity);
            professional = Arrays.copyOf(from.professional, capacity);
            start = Arrays.copyOf(from.start, capacity);
            duration = Arrays.copyOf(from.duration, capacity);
            service = Arrays.copyOf(from.service, capacity);
            modality = Arrays.copyOf(from.modality, capacity);
            state = Arrays.copyOf(from.state, capacity);
            channel = Arrays.copyOf(from.channel, capacity);
            changed = Arrays.copyOf(from.changed, capacity);
        }

        int capacity() {
            return hi.length;
        }

        long bytes() {
            return (long) capacity() * (8 + 8 + 4 + 4 + 4 + 2 + 2 + 1 + 1 + 1 + 4);
        }
    }

    SlotIndex(Places places) {
        this(places, false);
    }

    private SlotIndex(Places places, boolean building) {
        this.places = places;
        this.columns = new Columns(1024);
        this.byClinic = new AtomicReferenceArray<>(places.clinicCount());
        this.byClinicService = new AtomicReferenceArray<>(places.clinicCount());
        for (int i = 0; i < places.clinicCount(); i++) {
            byClinic.set(i, new int[0]);
            byClinicService.set(i, new int[0][]);
        }
        if (building) {
            pending = new int[places.clinicCount()][];
            pendingCount = new int[places.clinicCount()];
        }
    }

    /** An index to fill with {@link #apply} (millions of slots) and then {@link #open} before it is searched. */
    static SlotIndex building(Places places) {
        return new SlotIndex(places, true);
    }

    /** Ends a rebuild: each clinic's slots sorted once. */
    synchronized SlotIndex open() {
        return open(origin);
    }

    /** Ends a rebuild at {@code at}: the origin of the change stamps (every slot loaded so far changed "then"). */
    synchronized SlotIndex open(Instant at) {
        origin = at;
        if (pending != null) {
            Columns c = columns;
            for (int clinic = 0; clinic < pending.length; clinic++) {
                if (pendingCount[clinic] > 0) {
                    int[] all = sorted(Arrays.copyOf(pending[clinic], pendingCount[clinic]), c);
                    byClinicService.set(clinic, byService(all, c));
                    byClinic.set(clinic, all);
                }
            }
            pending = null;
            pendingCount = null;
            changes++;
        }
        stamp = new Stamp(changes, at);
        return this;
    }

    Instant origin() {
        return origin;
    }

    Stamp stamp() {
        return stamp;
    }

    Places places() {
        return places;
    }

    int size() {
        return size;
    }

    /** Heap held by the index's arrays (directory snapshot included, roughly). */
    long bytes() {
        long arrays = columns.bytes() + ids.bytes() + places.bytes();
        for (int i = 0; i < byClinic.length(); i++) {
            arrays += 2 * (16 + 4L * byClinic.get(i).length);
        }
        return arrays;
    }

    static byte stateCode(String state) {
        return switch (state) {
            case "FREE" -> FREE;
            case "HELD" -> HELD;
            case "BOOKED" -> BOOKED;
            case "WITHDRAWN" -> WITHDRAWN;
            default -> throw new IllegalArgumentException("unknown slot state " + state);
        };
    }

    /**
     * Adds or updates these slots (entries read from the database after a change). A slot of a clinic or
     * professional the directory snapshot does not know is skipped; returns how many were skipped.
     */
    synchronized int apply(List<SlotEntry> entries) {
        return apply(entries, stamp.lastChange());
    }

    /** The same, the changes heard at {@code at} (their stamp for {@link #forEachSlot}'s changes since). */
    synchronized int apply(List<SlotEntry> entries, Instant at) {
        // A slot loaded by a rebuild is as the index began (-1); later changes count seconds from its origin.
        int changedAt = pending != null ? -1 : secondsAfterOrigin(at);
        Map<Integer, List<Integer>> added = new HashMap<>();
        Map<Long, List<Integer>> addedByService = new HashMap<>(); // clinic << 16 | service
        int skipped = 0;
        for (SlotEntry entry : entries) {
            UUID id = entry.id().value();
            int ordinal = ids.find(id.getMostSignificantBits(), id.getLeastSignificantBits(), columns);
            Columns c = columns;
            if (ordinal >= 0) {
                c.state[ordinal] = stateCode(entry.state());
                short service = service(entry.service());
                if (service != c.service[ordinal]) {
                    addedByService.computeIfAbsent(((long) c.clinic[ordinal] << 16) | service, k -> new ArrayList<>()).add(ordinal);
                }
                c.service[ordinal] = service;
                c.modality[ordinal] = (byte) entry.modality().ordinal();
                c.channel[ordinal] = (byte) entry.channel().ordinal();
                c.changed[ordinal] = changedAt;
                continue;
            }
            if (entry.state().equals("WITHDRAWN")) {
                continue;
            }
            int clinic = places.clinic(entry.clinic().value());
            int professional = places.professional(entry.professional().value());
            if (clinic < 0 || professional < 0) {
                skipped++;
                continue;
            }
            if (size == c.capacity()) {
                c = new Columns(c, c.capacity() * 2);
                columns = c;
            }
            int o = size++;
            c.hi[o] = id.getMostSignificantBits();
            c.lo[o] = id.getLeastSignificantBits();
            c.clinic[o] = clinic;
            c.professional[o] = professional;
            c.start[o] = minutes(entry.start());
            c.duration[o] = (short) Math.min(Short.MAX_VALUE, entry.durationMinutes());
            c.service[o] = service(entry.service());
            c.modality[o] = (byte) entry.modality().ordinal();
            c.state[o] = stateCode(entry.state());
            c.channel[o] = (byte) entry.channel().ordinal();
            c.changed[o] = changedAt;
            ids.put(o, c);
            if (pending != null) {
                if (pending[clinic] == null || pendingCount[clinic] == pending[clinic].length) {
                    pending[clinic] = Arrays.copyOf(pending[clinic] == null ? new int[0] : pending[clinic], Math.max(64, pendingCount[clinic] * 2));
                }
                pending[clinic][pendingCount[clinic]++] = o;
            } else {
                added.computeIfAbsent(clinic, k -> new ArrayList<>()).add(o);
                addedByService.computeIfAbsent(((long) clinic << 16) | c.service[o], k -> new ArrayList<>()).add(o);
            }
        }
        Columns c = columns;
        // Service arrays first: a search that sees a clinic's new array also finds the slots under their service.
        addedByService.forEach((key, ordinals) -> {
            int clinic = (int) (key >>> 16);
            int service = (int) (key & 0xFFFF);
            int[][] current = byClinicService.get(clinic);
            int[][] next = Arrays.copyOf(current, Math.max(current.length, service + 1));
            next[service] = merged(next[service] == null ? new int[0] : next[service], ordinals, c);
            byClinicService.set(clinic, next);
        });
        added.forEach((clinic, ordinals) -> byClinic.set(clinic, merged(byClinic.get(clinic), ordinals, c)));
        changes++;
        if (pending == null) {
            Instant latest = stamp.lastChange();
            stamp = new Stamp(changes, at.isAfter(latest) ? at : latest);
        }
        return skipped;
    }

    /** Whole seconds from the origin to {@code at} (floored; 0 before it): an int holds 68 years of them. */
    private int secondsAfterOrigin(Instant at) {
        long seconds = at.getEpochSecond() - origin.getEpochSecond();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds));
    }

    /** A listing's channel, during a rebuild: the slot keeps the best of its listings' channels. */
    synchronized void improveChannel(SlotId id, BookingChannel channel) {
        Columns c = columns;
        int ordinal = ids.find(id.value().getMostSignificantBits(), id.value().getLeastSignificantBits(), c);
        if (ordinal >= 0 && channel.ordinal() < c.channel[ordinal]) {
            c.channel[ordinal] = (byte) channel.ordinal();
        }
    }

    private static int[] merged(int[] current, List<Integer> ordinals, Columns c) {
        int[] result = Arrays.copyOf(current, current.length + ordinals.size());
        for (int i = 0; i < ordinals.size(); i++) {
            result[current.length + i] = ordinals.get(i);
        }
        return sorted(result, c);
    }

    /** A clinic's sorted slots split by service, each part still sorted. */
    private static int[][] byService(int[] sortedSlots, Columns c) {
        int services = 0;
        for (int o : sortedSlots) {
            services = Math.max(services, c.service[o] + 1);
        }
        int[] counts = new int[services];
        for (int o : sortedSlots) {
            counts[c.service[o]]++;
        }
        int[][] parts = new int[services][];
        for (int s = 0; s < services; s++) {
            parts[s] = new int[counts[s]];
        }
        int[] filled = new int[services];
        for (int o : sortedSlots) {
            parts[c.service[o]][filled[c.service[o]]++] = o;
        }
        return parts;
    }

    /** By start, then slot number (a deterministic order for equal starts), without boxing. */
    private static int[] sorted(int[] result, Columns c) {
        long[] keys = new long[result.length];
        for (int i = 0; i < result.length; i++) {
            keys[i] = ((long) c.start[result[i]] << 32) | result[i];
        }
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            result[i] = (int) keys[i];
        }
        return result;
    }

    private short service(ServiceTypeCode code) {
        Short known = serviceNumbers.get(code);
        if (known != null) {
            return known;
        }
        short number = (short) serviceNumbers.size();
        serviceNumbers.put(code, number);
        ServiceTypeCode[] next = Arrays.copyOf(services, number + 1);
        next[number] = code;
        services = next;
        return number;
    }

    static int minutes(Instant instant) {
        return (int) Math.floorDiv(instant.getEpochSecond(), 60);
    }

    /**
     * A window's start as the first whole minute at or after it: a slot that started at 8:30 is past at 8:30:26 and is
     * not found (a search from "now" offered it, and its hold was refused as past).
     */
    static int minutesFrom(Instant instant) {
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        return (int) -Math.floorDiv(-seconds, 60);
    }

    // ---- search --------------------------------------------------------------------------------------------

    /** One clinic's slots from the window's start: advanced to its next match. */
    private static final class Cursor {
        final int clinic;
        final int[] slots;
        int position;
        double distanceKm;

        Cursor(int clinic, int[] slots, int position) {
            this.clinic = clinic;
            this.slots = slots;
            this.position = position;
        }

        int current() {
            return slots[position];
        }
    }

    /** What a search keeps; {@code hidden[0]} is set when the visibility left out a slot that matched otherwise. */
    private record Filter(int from, int to, int service, int modality, boolean[] professionals, Visibility visibility, Places places,
            ServiceTypeCode[] services, boolean[] hidden) {

        boolean visible(int o, Columns c) {
            if (visibility == Visibility.EVERYTHING) {
                return true;
            }
            boolean visible = visibility.visible(places.clinicIds[c.clinic[o]], places.professionalIds[c.professional[o]], services[c.service[o]],
                    Instant.ofEpochSecond(c.start[o] * 60L));
            if (!visible) {
                hidden[0] = true;
            }
            return visible;
        }
    }

    SearchResult search(SlotQuery query) {
        return search(query, Visibility.EVERYTHING);
    }

    /** Free slots of one clinic in a window, soonest first (what-if forecasts). */
    List<SlotHit> freeSlotsOf(ca.careorchestrator.core.care.ClinicId clinicId, Instant from, Instant to) {
        long seen = changes;
        assert seen >= 0;
        int clinic = places.clinic(clinicId.value());
        if (clinic < 0) {
            return List.of();
        }
        int[] slots = byClinic.get(clinic);
        Columns c = columns;
        ServiceTypeCode[] knownServices = services;
        Filter filter = new Filter(minutesFrom(from), minutes(to), -1, -1, null, Visibility.EVERYTHING, places, knownServices, new boolean[1]);
        Cursor cursor = new Cursor(clinic, slots, firstAtOrAfter(slots, filter.from(), c));
        List<SlotHit> hits = new ArrayList<>();
        while (advance(cursor, filter, c)) {
            hits.add(hit(cursor.current(), cursor, c, knownServices, false));
            cursor.position++;
        }
        return hits;
    }

    /** The clinic's free slots from {@code from} on, whatever their service: how many, and the n-th one's start. */
    FreeAhead freeAhead(ca.careorchestrator.core.care.ClinicId clinicId, Instant from, int n) {
        long seen = changes;
        assert seen >= 0;
        int clinic = places.clinic(clinicId.value());
        if (clinic < 0) {
            return new FreeAhead(0, Optional.empty());
        }
        int[] slots = byClinic.get(clinic);
        Columns c = columns;
        ServiceTypeCode[] knownServices = services;
        Filter filter = new Filter(minutesFrom(from), minutes(from.plus(java.time.Duration.ofDays(366))), -1, -1, null, Visibility.EVERYTHING, places, knownServices,
                new boolean[1]);
        Cursor cursor = new Cursor(clinic, slots, firstAtOrAfter(slots, filter.from(), c));
        int count = 0;
        Instant nth = null;
        while (advance(cursor, filter, c)) {
            if (++count == n) {
                nth = hit(cursor.current(), cursor, c, knownServices, false).start();
            }
            cursor.position++;
        }
        return new FreeAhead(count, Optional.ofNullable(nth));
    }

    // ---- publication (open data) -----------------------------------------------------------------------------

    /**
     * Every slot of one region's clinics starting at or after {@code from}, clinic by clinic, soonest first. Without
     * {@code changedSince}: those not withdrawn. With it: those changed at or after that instant (by whole seconds, so a
     * change of the same second is given again), withdrawn ones included. The caller checks that {@code changedSince}
     * is not before the {@link #origin()}.
     */
    void forEachSlot(ca.careorchestrator.core.geo.RegionCode region, Instant from, Instant changedSince,
            java.util.function.Consumer<SupplySlot> slots) {
        long seen = changes;
        assert seen >= 0;
        int fromMinute = minutesFrom(from);
        boolean all = changedSince == null;
        int since = all ? 0 : secondsAfterOrigin(changedSince);
        ServiceTypeCode[] knownServices = services;
        for (int clinic : places.clinicsIn(region)) {
            int[] ordinals = byClinic.get(clinic);
            Columns c = columns; // read after the clinic's array: it covers every slot number in it
            for (int i = firstAtOrAfter(ordinals, fromMinute, c); i < ordinals.length; i++) {
                int o = ordinals[i];
                byte state = c.state[o];
                if (all ? state == WITHDRAWN : c.changed[o] < since) {
                    continue;
                }
                slots.accept(new SupplySlot(new SlotId(new UUID(c.hi[o], c.lo[o])), places.clinicIds[clinic], knownServices[c.service[o]],
                        MODALITIES[c.modality[o]], Instant.ofEpochSecond(c.start[o] * 60L), c.duration[o], SupplySlot.State.of(state),
                        CHANNELS[c.channel[o]]));
            }
        }
    }

    /**
     * Each clinic with the services it has slots of (any state, any time this index holds), clinics in directory
     * order, services by code.
     */
    void forEachSchedule(java.util.function.BiConsumer<ca.careorchestrator.core.care.ClinicId, ServiceTypeCode> schedules) {
        for (int clinic = 0; clinic < places.clinicCount(); clinic++) {
            int[][] parts = byClinicService.get(clinic);
            ServiceTypeCode[] knownServices = services; // read after the parts: it names every service number in them
            List<ServiceTypeCode> offered = new ArrayList<>();
            for (int s = 0; s < parts.length; s++) {
                if (parts[s] != null && parts[s].length > 0) {
                    offered.add(knownServices[s]);
                }
            }
            offered.sort(null);
            for (ServiceTypeCode service : offered) {
                schedules.accept(places.clinicIds[clinic], service);
            }
        }
    }

    SearchResult search(SlotQuery query, Visibility visibility) {
        long seen = changes; // a volatile read: in-place updates made before it are visible below
        assert seen >= 0;
        ServiceTypeCode[] knownServices = services;
        int service = -1;
        if (query.service().isPresent()) {
            service = indexOf(knownServices, query.service().get());
            if (service < 0) {
                return new SearchResult(List.of(), query.page(), query.size(), false);
            }
        }
        Filter filter = new Filter(minutesFrom(query.from()), minutes(query.to()), service,
                query.modality().map(Enum::ordinal).orElse(-1), places.admitted(query.profession(), query.language()), visibility, places,
                knownServices, new boolean[1]);
        List<Cursor> cursors = new ArrayList<>();
        for (int clinic : candidateClinics(query)) {
            int[] slots;
            if (service >= 0) {
                int[][] parts = byClinicService.get(clinic);
                slots = service < parts.length && parts[service] != null ? parts[service] : new int[0];
            } else {
                slots = byClinic.get(clinic);
            }
            if (slots.length > 0) {
                cursors.add(new Cursor(clinic, slots, 0));
            }
        }
        Columns c = columns; // read after the clinics' arrays: it covers every slot number in them
        query.near().ifPresent(near -> cursors.forEach(cursor -> cursor.distanceKm = near.point().distanceKm(places.positions[cursor.clinic])));
        for (Cursor cursor : cursors) {
            cursor.position = firstAtOrAfter(cursor.slots, filter.from(), c);
        }
        int wanted = (query.page() + 1) * query.size() + 1;
        List<Cursor> found = new ArrayList<>(Math.min(wanted, 1024));
        List<Integer> ordinals = new ArrayList<>(Math.min(wanted, 1024));
        switch (query.order()) {
            case SOONEST -> soonest(cursors, filter, c, wanted, found, ordinals);
            case NEAREST -> nearest(cursors, filter, c, wanted, found, ordinals);
        }
        int fromHit = query.page() * query.size();
        List<SlotHit> hits = new ArrayList<>(query.size());
        for (int i = fromHit; i < Math.min(ordinals.size(), fromHit + query.size()); i++) {
            hits.add(hit(ordinals.get(i), found.get(i), c, knownServices, query.near().isPresent()));
        }
        return new SearchResult(hits, query.page(), query.size(), ordinals.size() > fromHit + query.size(), filter.hidden()[0]);
    }

    /** Up to {@code count} free slots like this one (same service, its clinic's region), soonest from {@code from}; empty if unknown here. */
    List<SlotHit> alternativesTo(SlotId slot, int count, Instant from, Instant to) {
        Columns c = columns;
        UUID id = slot.value();
        int o = ids.find(id.getMostSignificantBits(), id.getLeastSignificantBits(), c);
        if (o < 0) {
            return List.of();
        }
        SlotQuery similar = new SlotQuery(java.util.Optional.of(places.regions[c.clinic[o]]), java.util.Optional.empty(),
                java.util.Optional.of(services[c.service[o]]), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                from, to, SlotQuery.Order.SOONEST, 0, count + 1);
        return search(similar).hits().stream().filter(hit -> !hit.id().equals(slot)).limit(count).toList();
    }

    private int[] candidateClinics(SlotQuery query) {
        int[] base = query.region().map(places::clinicsIn).orElse(null);
        if (base == null) {
            base = new int[places.clinicCount()];
            for (int i = 0; i < base.length; i++) {
                base[i] = i;
            }
        }
        if (query.near().isEmpty()) {
            return base;
        }
        GeoPoint point = query.near().get().point();
        double radius = query.near().get().radiusKm();
        // A box in degrees first (cheap), the great-circle distance only for what is inside it.
        double dLat = radius / 110.5;
        double dLon = radius / (111.3 * Math.max(0.05, Math.cos(Math.toRadians(Math.min(89, Math.abs(point.latitude()) + dLat)))));
        return Arrays.stream(base).filter(clinic -> {
            GeoPoint where = places.positions[clinic];
            return Math.abs(where.latitude() - point.latitude()) <= dLat && Math.abs(where.longitude() - point.longitude()) <= dLon
                    && point.distanceKm(where) <= radius;
        }).toArray();
    }

    private static void soonest(List<Cursor> cursors, Filter filter, Columns c, int wanted, List<Cursor> found, List<Integer> ordinals) {
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, cursors.size()), (a, b) -> {
            int x = a.current();
            int y = b.current();
            int byStart = Integer.compare(c.start[x], c.start[y]);
            return byStart != 0 ? byStart : Integer.compare(x, y);
        });
        for (Cursor cursor : cursors) {
            if (advance(cursor, filter, c)) {
                queue.add(cursor);
            }
        }
        while (!queue.isEmpty() && ordinals.size() < wanted) {
            Cursor next = queue.poll();
            ordinals.add(next.current());
            found.add(next);
            next.position++;
            if (advance(next, filter, c)) {
                queue.add(next);
            }
        }
    }

    private static void nearest(List<Cursor> cursors, Filter filter, Columns c, int wanted, List<Cursor> found, List<Integer> ordinals) {
        cursors.sort((a, b) -> a.distanceKm != b.distanceKm ? Double.compare(a.distanceKm, b.distanceKm) : Integer.compare(a.clinic, b.clinic));
        for (Cursor cursor : cursors) {
            while (ordinals.size() < wanted && advance(cursor, filter, c)) {
                ordinals.add(cursor.current());
                found.add(cursor);
                cursor.position++;
            }
            if (ordinals.size() >= wanted) {
                return;
            }
        }
    }

    /** Moves the cursor to its next matching slot; false when none is left in the window. */
    private static boolean advance(Cursor cursor, Filter filter, Columns c) {
        int[] slots = cursor.slots;
        while (cursor.position < slots.length) {
            int o = slots[cursor.position];
            if (c.start[o] >= filter.to()) {
                return false;
            }
            if (c.state[o] == FREE && (filter.service() < 0 || c.service[o] == filter.service())
                    && (filter.modality() < 0 || c.modality[o] == filter.modality())
                    && (filter.professionals() == null || filter.professionals()[c.professional[o]]) && filter.visible(o, c)) {
                return true;
            }
            cursor.position++;
        }
        return false;
    }

    private static int firstAtOrAfter(int[] slots, int minute, Columns c) {
        int low = 0;
        int high = slots.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (c.start[slots[mid]] < minute) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private SlotHit hit(int o, Cursor cursor, Columns c, ServiceTypeCode[] knownServices, boolean near) {
        int clinic = c.clinic[o];
        int professional = c.professional[o];
        return new SlotHit(new SlotId(new UUID(c.hi[o], c.lo[o])), places.clinicIds[clinic], places.clinicNames[clinic],
                places.regions[clinic], places.professionalIds[professional], places.professions[professional],
                knownServices[c.service[o]], MODALITIES[c.modality[o]], Instant.ofEpochSecond(c.start[o] * 60L), c.duration[o],
                CHANNELS[c.channel[o]], near ? OptionalDouble.of(cursor.distanceKm) : OptionalDouble.empty());
    }

    private static int indexOf(ServiceTypeCode[] codes, ServiceTypeCode code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i].equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Slot id to slot number: open addressing over the id columns (no boxed keys: 5 M ids in ~40 MB). One
     * writer; a reader may miss an id added a moment ago (a grown table is published once filled), never
     * gets a wrong one.
     */
    private static final class IdTable {
        private volatile int[] table = new int[2048]; // slot number + 1; 0 = empty
        private int count;

        int find(long hi, long lo, Columns c) {
            int[] table = this.table;
            int mask = table.length - 1;
            for (int i = hash(hi, lo) & mask; ; i = (i + 1) & mask) {
                int entry = table[i];
                if (entry == 0) {
                    return -1;
                }
                if (entry - 1 < c.capacity() && c.hi[entry - 1] == hi && c.lo[entry - 1] == lo) {
                    return entry - 1;
                }
            }
        }

        void put(int ordinal, Columns c) {
            if ((count + 1) * 2 > table.length) {
                int[] old = table;
                int[] grown = new int[old.length * 2];
                for (int entry : old) {
                    if (entry != 0) {
                        insert(grown, entry - 1, c);
                    }
                }
                table = grown;
            }
            insert(table, ordinal, c);
            count++;
        }

        private static void insert(int[] table, int ordinal, Columns c) {
            int mask = table.length - 1;
            int i = hash(c.hi[ordinal], c.lo[ordinal]) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = ordinal + 1;
        }

        private static int hash(long hi, long lo) {
            long h = hi * 0x9E3779B97F4A7C15L ^ lo;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ (h >>> 29));
        }

        long bytes() {
            return 4L * table.length;
        }
    }
}
