package ca.careorchestrator.app.observatory;

import ca.careorchestrator.app.availability.SlotsChanged;
import ca.careorchestrator.app.booking.AppointmentBooked;
import ca.careorchestrator.app.booking.AppointmentCancelled;
import ca.careorchestrator.app.booking.AppointmentMissed;
import ca.careorchestrator.app.booking.SlotReleased;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.FreeAhead;
import ca.careorchestrator.app.catalog.SlotsSearched;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.fairness.HoardingFlagged;
import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.observatory.Rollups.Day;
import ca.careorchestrator.app.observatory.Rollups.SearchCount;
import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.app.waitlist.CareRequestFiled;
import ca.careorchestrator.app.waitlist.CareRequestWithdrawn;
import ca.careorchestrator.app.waitlist.OfferAccepted;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps the rollups current. Events only say that something changed (today, or the day of a missed appointment);
 * {@link #refresh()} then rewrites those days from the record, region by region, so a rollup is always what the tables
 * say, and an event lost in a crash costs nothing (the start-up refresh rewrites today and yesterday; never a day before the provisioning run's first day: those are
 * the synthetic history's, see {@link SyntheticHistory}). The day that
 * ends is rewritten a last time once it is over. Searches, which leave no record, are counted here and added at each
 * refresh. The third next available appointment is measured once an hour; each source's lag is sampled at each refresh.
 */
@Service
public class ObservatoryRecorder {

    public static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    /** A refresh after a long pause rewrites at most this many ended days (the oldest first). */
    private static final int MAX_DAYS_CAUGHT_UP = 31;

    private record SearchKey(LocalDate day, RegionCode region, String localNetwork, String service) {
    }

    private record Place(RegionCode region, String localNetwork) {
    }

    private final Rollups rollups;
    private final Directory directory;
    private final Catalog catalog;
    private final Sources sources;
    private final Clock clock;
    private final AtomicBoolean todayChanged = new AtomicBoolean(true);
    private final Set<LocalDate> daysChanged = new ConcurrentSkipListSet<>();
    /** {searches, unmet} per key; updated and taken under the map's per-key lock (compute, remove), so none is lost. */
    private final Map<SearchKey, long[]> searches = new ConcurrentHashMap<>();
    private volatile Map<GeoPoint, Place> places;
    private LocalDate lastDay;
    private Instant lastAccess;
    /** The provisioning run's first day: the days before it are the synthetic history's, never rewritten here. */
    private volatile LocalDate firstDay;

    ObservatoryRecorder(Rollups rollups, Directory directory, Catalog catalog, Sources sources, Clock clock) {
        this.rollups = rollups;
        this.catalog = catalog;
        this.directory = directory;
        this.sources = sources;
        this.clock = clock;
    }

    /** Until the province is provisioned (at start-up: loaded, or found loaded), refreshes wait: there is no record yet. */
    @EventListener
    void on(ProvinceProvisioned provisioned) {
        firstDay = provisioned.spec().firstDay();
    }

    @EventListener
    void on(SlotsChanged event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(AppointmentBooked event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(AppointmentCancelled event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(SlotReleased event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(AppointmentMissed event) {
        daysChanged.add(LocalDate.ofInstant(event.start(), QUEBEC));
    }

    @EventListener
    void on(CareRequestFiled event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(CareRequestWithdrawn event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(OfferAccepted event) {
        todayChanged.set(true);
    }

    @EventListener
    void on(HoardingFlagged event) {
        todayChanged.set(true);
    }

    /** Counted as it happens: a search by region counts for the region, around a point for that postal area's network. */
    @EventListener
    void on(SlotsSearched event) {
        Optional<Place> place = event.near().map(this::placeOf).or(() -> event.region().map(r -> new Place(r, "")));
        if (place.isEmpty()) {
            return; // a province-wide search has no area to count in
        }
        SearchKey key = new SearchKey(LocalDate.ofInstant(event.at(), QUEBEC), place.get().region(), place.get().localNetwork(),
                event.service().map(ServiceTypeCode::value).orElse(""));
        searches.compute(key, (k, counts) -> {
            long[] next = counts == null ? new long[2] : counts;
            next[0]++;
            next[1] += event.unmet() ? 1 : 0;
            return next;
        });
    }

    /** The postal area whose centre this is (a search around a postal code), else the nearest one. */
    private Place placeOf(GeoPoint point) {
        Map<GeoPoint, Place> known = places;
        if (known == null) {
            Map<GeoPoint, Place> built = new HashMap<>();
            for (PostalArea area : directory.postalAreas()) {
                built.put(area.centroid(), new Place(area.localNetwork().region(), area.localNetwork().value()));
            }
            places = known = Map.copyOf(built);
        }
        Place exact = known.get(point);
        if (exact != null || known.isEmpty()) {
            return exact;
        }
        return known.entrySet().stream().min(Comparator.comparingDouble(e -> squared(e.getKey(), point))).orElseThrow().getValue();
    }

    private static double squared(GeoPoint a, GeoPoint b) {
        double dLat = a.latitude() - b.latitude();
        double dLon = (a.longitude() - b.longitude()) * Math.cos(Math.toRadians(a.latitude()));
        return dLat * dLat + dLon * dLon;
    }

    /**
     * Brings the rollups up to date: searches counted so far, the days that changed (today; the day just ended, once),
     * the quarantine and flags of those days, the sources' lag, and once an hour the third next available appointment.
     */
    public synchronized void refresh() {
        LocalDate first = firstDay;
        if (first == null) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, QUEBEC);
        flushSearches();
        Set<LocalDate> days = new java.util.TreeSet<>();
        if (lastDay == null) {
            days.add(today.minusDays(1)); // what a restart may have missed
        } else {
            // The days ended since the last refresh (one, or more after a pause): their last rewrite, now they are over.
            for (LocalDate day = lastDay; day.isBefore(today) && days.size() < MAX_DAYS_CAUGHT_UP; day = day.plusDays(1)) {
                days.add(day);
            }
        }
        if (todayChanged.getAndSet(false) || !today.equals(lastDay)) {
            days.add(today);
        }
        for (LocalDate day : List.copyOf(daysChanged)) {
            daysChanged.remove(day);
            if (!day.isAfter(today)) {
                days.add(day);
            }
        }
        days.removeIf(day -> day.isBefore(first)); // the synthetic history's, written by SyntheticHistory alone
        List<RegionCode> regions = directory.regions().stream().map(r -> r.region().code()).toList();
        for (LocalDate date : days) {
            Day day = dayOf(date);
            for (RegionCode region : regions) {
                rollups.rewrite(day, region);
            }
            rollups.rewriteProvince(day);
            if (date.isBefore(today) && date.equals(date.withDayOfMonth(date.lengthOfMonth()))) {
                rollups.settleMonth(YearMonth.from(date), regions, now); // its last day settled: the month's sums
            }
        }
        if (lastDay == null) {
            // The run's ended months not summed yet (a first start after an upgrade, or a pause over a month's end); the
            // history's are summed by SyntheticHistory.
            for (YearMonth month : rollups.monthsToSettle(YearMonth.from(first), YearMonth.from(today))) {
                rollups.settleMonth(month, regions, now);
            }
        }
        if (lastAccess == null || !now.isBefore(lastAccess.plusSeconds(3600)) || !today.equals(lastDay)) {
            measureAccess(today, now);
        }
        Map<String, Long> lags = new HashMap<>();
        for (SourceStatus status : sources.statuses()) {
            status.lag(now).ifPresent(lag -> lags.put(status.source().name(), lag.toSeconds()));
        }
        rollups.sampleLag(today, lags);
        lastDay = today;
    }

    /**
     * Each clinic's third next available appointment, from the search index (every free slot, whatever its service or
     * allocation policy): counting a clinic's free slots in memory costs nothing next to sorting them in the database.
     */
    private void measureAccess(LocalDate today, Instant now) {
        Map<RegionCode, List<Rollups.Access>> byRegion = new HashMap<>();
        for (Clinic clinic : directory.allClinics()) {
            Optional<FreeAhead> ahead = catalog.freeAhead(clinic.id(), now, 3);
            if (ahead.isEmpty()) {
                return; // the index is being built: measure at the next refresh
            }
            OptionalInt third = ahead.get().nth().map(start -> OptionalInt.of((int) Duration.between(now, start).toMinutes()))
                    .orElse(OptionalInt.empty());
            byRegion.computeIfAbsent(clinic.localNetwork().region(), r -> new ArrayList<>())
                    .add(new Rollups.Access(clinic.id().value(), clinic.localNetwork().value(), third, ahead.get().count()));
        }
        byRegion.forEach((region, measures) -> rollups.writeAccess(today, now, region, measures));
        lastAccess = now;
    }

    /** A refresh that rewrites today and measures access whatever changed (benchmarks; after a repair of the record). */
    public synchronized void refreshAll() {
        todayChanged.set(true);
        lastAccess = null;
        refresh();
    }

    private void flushSearches() {
        List<SearchCount> counts = new ArrayList<>();
        for (SearchKey key : List.copyOf(searches.keySet())) {
            long[] taken = searches.remove(key);
            if (taken != null) {
                counts.add(new SearchCount(key.day(), key.region(), key.localNetwork(), key.service(), taken[0], taken[1]));
            }
        }
        if (!counts.isEmpty()) {
            rollups.addSearches(counts);
        }
    }

    /** A Quebec day as instants (23 or 25 hours when the clocks change). */
    public static Day dayOf(LocalDate date) {
        return new Day(date, date.atStartOfDay(QUEBEC).toInstant(), date.plusDays(1).atStartOfDay(QUEBEC).toInstant());
    }
}
