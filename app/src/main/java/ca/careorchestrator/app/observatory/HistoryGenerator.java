package ca.careorchestrator.app.observatory;

import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicKind;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.fairness.Signal;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Makes up plausible observatory rows for past days (SYNTHETIC: no event happened), from the directory as loaded: each
 * professional gets a weekly schedule like the simulator's (sessions of 3 hours, the services and modalities their
 * profession offers), and each day's figures follow from it with a weekly pattern (weekends lower), a seasonal curve
 * (demand peaks in mid-January, supply dips in summer and on holidays), and strain in a few clinics and one region (less
 * supply, nearly full, long waits, unmet searches).
 *
 * <p>Deterministic: every draw comes from a generator seeded by the seed, the thing drawn and the date (never the
 * order or the first day of the run), so a day's rows are the same whichever window includes it. Every row keeps the
 * tables' identities: offered = used + unused, used_here <= used, booked = the sum of its channels = the sum of its
 * stages and booked_no_policy, booked_orphan <= booked, the wait buckets sum to booked, published = the sum of its
 * modalities = the sum of its lead buckets, cancelled = the sum of who cancelled, no_shows <= used_here.
 */
final class HistoryGenerator {

    static final List<Measure> SUPPLY = Measure.of(Dataset.SUPPLY);
    private static final int[] AT = supplyPositions();
    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final int SESSION_MINUTES = 180;
    private static final int[] PUBLISHED_MODALITY = indices(Measure.PUBLISHED_IN_PERSON, Measure.PUBLISHED_PHONE,
            Measure.PUBLISHED_VIDEO);
    private static final int[] PUBLISHED_LEAD = indices(Measure.PUBLISHED_LEAD_0_1, Measure.PUBLISHED_LEAD_2_7,
            Measure.PUBLISHED_LEAD_8_30, Measure.PUBLISHED_LEAD_31_PLUS);
    private static final int[] CHANNELS = indices(Measure.BOOKED_PATIENT, Measure.BOOKED_PARTNER, Measure.BOOKED_DESK,
            Measure.BOOKED_STAFF, Measure.BOOKED_WAITLIST, Measure.BOOKED_OTHER);
    private static final int[] STAGES = indices(Measure.BOOKED_STAGE_REGISTERED_CLINIC,
            Measure.BOOKED_STAGE_REGISTERED_PROFESSIONAL, Measure.BOOKED_STAGE_REFERRED_ORPHAN, Measure.BOOKED_STAGE_AGE_BAND,
            Measure.BOOKED_STAGE_RESIDENT_OF, Measure.BOOKED_STAGE_ANY_INSURED, Measure.BOOKED_NO_POLICY);
    private static final int[] WAITS = indices(Measure.WAIT_0_1, Measure.WAIT_2_7, Measure.WAIT_8_14, Measure.WAIT_15_30,
            Measure.WAIT_31_60, Measure.WAIT_61_PLUS);
    private static final int[] CANCELLED_BY = indices(Measure.CANCELLED_PATIENT, Measure.CANCELLED_PARTNER,
            Measure.CANCELLED_DESK, Measure.CANCELLED_STAFF, Measure.CANCELLED_SOURCE, Measure.CANCELLED_OTHER);
    /** Mean days of each wait bucket (0-1, 2-7, 8-14, 15-30, 31-60, 61+). */
    private static final double[] WAIT_DAYS = {0.6, 4.5, 11, 22, 44, 75};
    /** Published on weekdays mostly (schedules are opened in office hours); Monday first. */
    private static final double[] PUBLISH_BY_DAY = {1.35, 1.3, 1.3, 1.3, 1.25, 0.25, 0.25};
    /** Bookings confirmed each day of the week: patients book on weekends too, the desk and clinics do not. */
    private static final double[] BOOK_BY_DAY = {1.2, 1.15, 1.12, 1.1, 1.05, 0.73, 0.65};
    private static final double[] SEARCH_BY_DAY = {1.4, 1.15, 1.1, 1.05, 0.95, 0.7, 0.65};
    /** Residents per daily search, before the seasonal and weekly factors. */
    private static final double RESIDENTS_PER_SEARCH = 350;
    /** The recorder samples each source's lag at each refresh: every minute by default. */
    private static final int LAG_SAMPLES = 1440;

    private final long seed;
    private final List<Pair> pairs;
    private final List<Place> places;
    private final Map<LocalNetworkCode, Network> networks;
    private final List<Source> sources;
    private final RegionCode strainedRegion;

    /** A clinic's constants. */
    private record Place(Clinic clinic, String region, String network, boolean strained, double fillBase, double hereShare,
            double[] channels, double[] stages, double[] leads, int weeklySlots) {
    }

    /** A (clinic, service, profession) with its weekly slots per weekday (Monday first) and their modalities. */
    private record Pair(Place place, String service, String profession, long key, int[] slotsByDay, double[] modalities,
            double fillBase, double[] waits) {

        int weeklySlots() {
            int sum = 0;
            for (int slots : slotsByDay) {
                sum += slots;
            }
            return sum;
        }
    }

    private record Network(LocalNetworkCode code, long population, Map<String, Integer> serviceSlots, double strainedShare) {
    }

    private record Source(SourceSystem system, int clinics, long key, String[] reasons, double meanLagSeconds, int[] outages) {
    }

    HistoryGenerator(long seed, List<Clinic> clinics, List<Professional> professionals, Map<LocalNetworkCode, Long> populations,
            ServiceTypes serviceTypes) {
        this.seed = seed;
        List<Clinic> sorted = new ArrayList<>(clinics);
        sorted.sort(Comparator.comparing(c -> c.id().value()));
        this.strainedRegion = strainedRegion(seed, sorted);
        Set<UUID> strained = strainedClinics(seed, sorted);
        Map<UUID, Clinic> byId = new HashMap<>();
        sorted.forEach(c -> byId.put(c.id().value(), c));

        // Weekly schedules per (clinic, service, profession), from each professional's drawn sessions.
        record PairKey(UUID clinic, String service, String profession) implements Comparable<PairKey> {
            @Override
            public int compareTo(PairKey o) {
                int c = clinic.compareTo(o.clinic);
                c = c != 0 ? c : service.compareTo(o.service);
                return c != 0 ? c : profession.compareTo(o.profession);
            }
        }
        TreeMap<PairKey, int[][]> schedules = new TreeMap<>(); // [0] slots by weekday, [1] slots by modality
        List<Professional> staff = new ArrayList<>(professionals);
        staff.sort(Comparator.comparing(p -> p.id().value()));
        for (Professional professional : staff) {
            Clinic clinic = byId.get(professional.clinic().value());
            if (clinic == null) {
                continue;
            }
            SplittableRandom random = random(seed, "history:professional:" + professional.id().value());
            int sessions = switch (professional.profession()) {
                case PHYSICIAN, NURSE_PRACTITIONER, NURSE -> between(random, 3, 5);
                case PHARMACIST, PSYCHOLOGIST, SOCIAL_WORKER, PHYSIOTHERAPIST -> between(random, 2, 4);
            };
            for (int s = 0; s < sessions; s++) {
                String service = ProvinceGenerator.service(professional.profession(), random).value();
                int minutes = (int) serviceTypes.find(service).map(t -> t.usualLength().toMinutes()).orElse(15L).longValue();
                int slots = SESSION_MINUTES / minutes;
                int day = weekday(clinic.kind(), random);
                // Indexed by the modality's ordinal: in person, phone, video.
                int modality = ProvinceGenerator.modality(professional.profession(), clinic.kind(), new ServiceTypeCode(service), random)
                        .ordinal();
                int[][] schedule = schedules.computeIfAbsent(new PairKey(clinic.id().value(), service, professional.profession().name()),
                        k -> new int[][] {new int[7], new int[3]});
                schedule[0][day] += slots;
                schedule[1][modality] += slots;
            }
        }

        Map<UUID, int[]> weekly = new HashMap<>();
        schedules.forEach((key, schedule) -> weekly.computeIfAbsent(key.clinic(), k -> new int[1])[0] += sum(schedule[0]));
        Map<UUID, Place> placeOf = new LinkedHashMap<>();
        for (Clinic clinic : sorted) {
            placeOf.put(clinic.id().value(), place(seed, clinic, strained.contains(clinic.id().value()),
                    weekly.getOrDefault(clinic.id().value(), new int[1])[0]));
        }
        this.places = List.copyOf(placeOf.values());
        List<Pair> all = new ArrayList<>();
        schedules.forEach((key, schedule) -> {
            Place place = placeOf.get(key.clinic());
            String name = "history:pair:" + key.clinic() + ":" + key.service() + ":" + key.profession();
            SplittableRandom random = random(seed, name);
            double[] modalities = {schedule[1][0], schedule[1][1], schedule[1][2]};
            double fill = Math.min(0.97, place.fillBase() * (0.92 + 0.16 * random.nextDouble()));
            all.add(new Pair(place, key.service(), key.profession(), hash(seed, name), schedule[0], modalities, fill,
                    waits(key.service())));
        });
        this.pairs = List.copyOf(all);

        Map<LocalNetworkCode, Map<String, Integer>> offeredIn = new TreeMap<>(Comparator.comparing(LocalNetworkCode::value));
        Map<LocalNetworkCode, int[]> strainedSlots = new HashMap<>(); // [strained, all]
        for (Pair pair : pairs) {
            LocalNetworkCode code = pair.place().clinic().localNetwork();
            offeredIn.computeIfAbsent(code, k -> new TreeMap<>()).merge(pair.service(), pair.weeklySlots(), Integer::sum);
            int[] counts = strainedSlots.computeIfAbsent(code, k -> new int[2]);
            counts[1] += pair.weeklySlots();
            if (pair.place().strained()) {
                counts[0] += pair.weeklySlots();
            }
        }
        Map<LocalNetworkCode, Network> nets = new LinkedHashMap<>();
        offeredIn.forEach((code, services) -> {
            int[] counts = strainedSlots.get(code);
            nets.put(code, new Network(code, populations.getOrDefault(code, 10_000L), services,
                    counts[1] == 0 ? 0 : (double) counts[0] / counts[1]));
        });
        this.networks = nets;

        Map<SourceSystem, Integer> clinicsPerSource = new TreeMap<>();
        for (Clinic clinic : sorted) {
            clinic.systems().forEach(system -> clinicsPerSource.merge(system, 1, Integer::sum));
        }
        List<Source> list = new ArrayList<>();
        clinicsPerSource.forEach((system, count) -> {
            SplittableRandom random = random(seed, "history:source:" + system.name());
            // Two spells a year when the source falls behind (days of the year they start on).
            int[] outages = {random.nextInt(365), random.nextInt(365)};
            list.add(new Source(system, count, hash(seed, "history:source:" + system.name()), reasons(system),
                    meanLagSeconds(system.protocol()), outages));
        });
        this.sources = List.copyOf(list);
    }

    /** The rows of one day. */
    HistoryRows day(LocalDate day) {
        return days(day, day);
    }

    /** The rows of the days from {@code from} to {@code to}, both included. */
    HistoryRows days(LocalDate from, LocalDate to) {
        List<HistoryRows.Supply> supply = new ArrayList<>();
        List<HistoryRows.Demand> demand = new ArrayList<>();
        List<HistoryRows.Access> access = new ArrayList<>();
        List<HistoryRows.SourceLag> lags = new ArrayList<>();
        List<HistoryRows.Quarantined> quarantine = new ArrayList<>();
        List<HistoryRows.Flags> flags = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (Pair pair : pairs) {
                HistoryRows.Supply row = supply(pair, day);
                if (row != null) {
                    supply.add(row);
                }
            }
            demand(day, demand);
            for (Place place : places) {
                access.add(access(place, day));
            }
            for (Source source : sources) {
                quality(source, day, lags, quarantine);
            }
            fairness(day, flags);
        }
        // Stored area by area: a network's (or a clinic's) days of a chunk sit together in the table, not spread over every
        // page of each day, so a dashboard's read of one network for a year touches its own pages only.
        supply.sort(Comparator.comparing(HistoryRows.Supply::network).thenComparing(HistoryRows.Supply::clinic)
                .thenComparing(HistoryRows.Supply::day));
        demand.sort(Comparator.comparing(HistoryRows.Demand::region).thenComparing(HistoryRows.Demand::network)
                .thenComparing(HistoryRows.Demand::day));
        access.sort(Comparator.comparing(HistoryRows.Access::network).thenComparing(HistoryRows.Access::clinic)
                .thenComparing(HistoryRows.Access::day));
        return new HistoryRows(from, to, supply, demand, access, lags, quarantine, flags);
    }

    /** The region under strain: with two loaded regions or more, one of them drawn from the seed; else none. */
    RegionCode strainedRegion() {
        return strainedRegion;
    }

    /** The clinics under strain: about 2 % of them (at least one), drawn from the seed. */
    Set<UUID> strainedClinics() {
        Set<UUID> strained = new TreeSet<>();
        places.stream().filter(Place::strained).forEach(p -> strained.add(p.clinic().id().value()));
        return strained;
    }

    int pairs() {
        return pairs.size();
    }

    // ---- supply ----

    private HistoryRows.Supply supply(Pair pair, LocalDate day) {
        Place place = pair.place();
        SplittableRandom random = new SplittableRandom(mix(pair.key(), day.toEpochDay()));
        long[] v = new long[SUPPLY.size()];
        int weekday = day.getDayOfWeek().getValue() - 1;
        double strain = supplyStrain(place);
        double pressure = pressure(place, day);

        // By the slot's start day.
        int planned = pair.slotsByDay()[weekday];
        if (planned > 0) {
            long raw = Math.round(planned * supplyFactor(day) * strain * (0.85 + 0.25 * random.nextDouble()));
            long withdrawn = binomial(raw, 0.02 + 0.03 * random.nextDouble(), random);
            long offered = raw - withdrawn;
            double fill = Math.min(0.995, Math.max(0.25, pair.fillBase() * Math.pow(pressure, 0.6)));
            long used = binomial(offered, fill, random);
            long here = binomial(used, place.hereShare(), random);
            set(v, Measure.WITHDRAWN, withdrawn);
            set(v, Measure.OFFERED, offered);
            set(v, Measure.USED, used);
            set(v, Measure.UNUSED, offered - used);
            set(v, Measure.USED_HERE, here);
            set(v, Measure.NO_SHOWS, binomial(here, 0.03 + 0.04 * random.nextDouble(), random));
        }

        double dailySlots = pair.weeklySlots() / 7.0 * strain;
        // By the day the slot was first seen: about two weeks ahead of its start, in office hours.
        long published = poisson(dailySlots * supplyFactor(day.plusDays(14)) * PUBLISH_BY_DAY[weekday], random);
        set(v, Measure.PUBLISHED, published);
        split(published, pair.modalities(), random, v, PUBLISHED_MODALITY);
        split(published, place.leads(), random, v, PUBLISHED_LEAD);

        // By the day the source confirmed the booking (the orchestrator's bookings only): about the slots of the days
        // ahead it will use, and the 5-10 % of them cancelled later.
        double expectedFill = Math.min(0.995, pair.fillBase() * Math.pow(pressure, 0.6));
        long booked = poisson(dailySlots * supplyFactor(day.plusDays(7)) * 0.94 * expectedFill * place.hereShare() * 1.07
                * BOOK_BY_DAY[weekday], random);
        set(v, Measure.BOOKED, booked);
        split(booked, place.channels(), random, v, CHANNELS);
        long desk = get(v, Measure.BOOKED_DESK);
        long orphan = desk + binomial(get(v, Measure.BOOKED_WAITLIST), 0.5, random)
                + binomial(booked - desk - get(v, Measure.BOOKED_WAITLIST), 0.08, random);
        set(v, Measure.BOOKED_ORPHAN, orphan);
        split(booked, place.stages(), random, v, STAGES);
        double[] waits = shifted(pair.waits(), pressure);
        split(booked, waits, random, v, WAITS);
        double minutes = 0;
        for (int i = 0; i < WAITS.length; i++) {
            minutes += v[WAITS[i]] * WAIT_DAYS[i] * 1440 * (0.9 + 0.2 * random.nextDouble());
        }
        set(v, Measure.WAIT_MINUTES_TOTAL, Math.round(minutes));
        long cancelled = binomial(booked, 0.05 + 0.05 * random.nextDouble(), random);
        set(v, Measure.CANCELLED, cancelled);
        split(cancelled, new double[] {.55, .04, .06, .09, .22, .04}, random, v, CANCELLED_BY);

        for (long value : v) {
            if (value != 0) {
                return new HistoryRows.Supply(day, place.clinic().id().value(), place.region(), place.network(), pair.service(),
                        pair.profession(), v);
            }
        }
        return null;
    }

    /** Supply left in a strained clinic or region. */
    private double supplyStrain(Place place) {
        return (place.strained() ? 0.5 : 1) * (place.clinic().region().equals(strainedRegion) ? 0.7 : 1);
    }

    /** How hard demand presses on a clinic that day: 1 on average, more in winter and under strain. */
    private double pressure(Place place, LocalDate day) {
        return demandFactor(day) * (place.strained() ? 1.4 : 1) * (place.clinic().region().equals(strainedRegion) ? 1.3 : 1);
    }

    /** Demand's seasonal curve: +25 % in mid-January, -25 % in mid-July. */
    static double demandFactor(LocalDate day) {
        return 1 + 0.25 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 15) / 365.25);
    }

    /** Supply's calendar: holidays and the summer (the construction holiday's two weeks the lowest). */
    static double supplyFactor(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        if (md.equals(MonthDay.of(1, 1)) || md.equals(MonthDay.of(1, 2)) || md.equals(MonthDay.of(6, 24))
                || md.equals(MonthDay.of(7, 1)) || md.equals(MonthDay.of(12, 25)) || md.equals(MonthDay.of(12, 26))) {
            return 0.15;
        }
        if (md.equals(MonthDay.of(12, 24)) || md.equals(MonthDay.of(12, 31))) {
            return 0.5;
        }
        if (day.getMonthValue() == 7 && day.getDayOfMonth() >= 18) {
            return 0.7;
        }
        if (day.getMonthValue() == 7 || day.getMonthValue() == 8) {
            return 0.82;
        }
        return 1;
    }

    /** Wait buckets moved towards longer waits as pressure rises (and shorter as it falls). */
    private static double[] shifted(double[] waits, double pressure) {
        double[] out = new double[waits.length];
        for (int i = 0; i < waits.length; i++) {
            out[i] = waits[i] * Math.pow(pressure, 1.2 * (i - 2));
        }
        return out;
    }

    // ---- demand ----

    private void demand(LocalDate day, List<HistoryRows.Demand> rows) {
        int weekday = day.getDayOfWeek().getValue() - 1;
        Map<String, Long> byRegion = new TreeMap<>();
        for (Network network : networks.values()) {
            SplittableRandom random = new SplittableRandom(mix(hash(seed, "history:demand:" + network.code().value()),
                    day.toEpochDay()));
            String region = network.code().region().value();
            double strain = (network.code().region().equals(strainedRegion) ? 4 : 1) * (1 + 3 * network.strainedShare());
            double searches = network.population() / RESIDENTS_PER_SEARCH * demandFactor(day) * SEARCH_BY_DAY[weekday];
            byRegion.merge(region, Math.round(searches), Long::sum);
            long any = poisson(searches * 0.25, random);
            long anyUnmet = binomial(any, Math.min(0.9, 0.6 * unmetShare(day, strain)), random);
            if (any > 0) {
                rows.add(new HistoryRows.Demand(day, region, network.code().value(), "", any, anyUnmet, 0, 0, 0, 0, 0));
            }
            int total = network.serviceSlots().values().stream().mapToInt(Integer::intValue).sum();
            for (Map.Entry<String, Integer> service : network.serviceSlots().entrySet()) {
                long count = poisson(searches * 0.75 * service.getValue() / total, random);
                long unmet = binomial(count, Math.min(0.9, unmetShare(day, strain) * hardness(service.getKey())), random);
                long entries = binomial(unmet, 0.15, random);
                long exitsBooked = binomial(entries, 0.6, random);
                long exitsExpired = binomial(entries - exitsBooked, 0.55, random);
                long exitsWithdrawn = binomial(entries - exitsBooked - exitsExpired, 0.6, random);
                double waitedDays = exitsBooked * (strain > 1.5 ? 16 : 6) * (0.8 + 0.4 * random.nextDouble())
                        + exitsExpired * 30 + exitsWithdrawn * 10 * (0.5 + random.nextDouble());
                if (count > 0 || entries > 0) {
                    rows.add(new HistoryRows.Demand(day, region, network.code().value(), service.getKey(), count, unmet, entries,
                            exitsBooked, exitsExpired, exitsWithdrawn, Math.round(waitedDays * 1440)));
                }
            }
        }
        // Searches by region, without a postal code.
        byRegion.forEach((region, searches) -> {
            SplittableRandom random = new SplittableRandom(mix(hash(seed, "history:demand:" + region), day.toEpochDay()));
            double strain = region.equals(strainedRegion == null ? null : strainedRegion.value()) ? 4 : 1;
            long count = poisson(searches * 0.08, random);
            if (count > 0) {
                rows.add(new HistoryRows.Demand(day, region, "", "", count,
                        binomial(count, Math.min(0.9, 0.6 * unmetShare(day, strain)), random), 0, 0, 0, 0, 0));
            }
        });
    }

    /** The share of searches finding nothing: 7 % on an average day, more in winter and where supply is strained. */
    private static double unmetShare(LocalDate day, double strain) {
        double season = demandFactor(day);
        return 0.07 * season * season * strain;
    }

    /** Services harder to find than the average (and easier ones). */
    private static double hardness(String service) {
        return switch (service) {
            case "mental-health" -> 2.0;
            case "periodic-exam" -> 1.5;
            case "urgent-same-day", "semi-urgent" -> 1.2;
            case "vaccination", "sampling", "prescription-renewal" -> 0.5;
            default -> 1.0;
        };
    }

    // ---- access ----

    private HistoryRows.Access access(Place place, LocalDate day) {
        SplittableRandom random = new SplittableRandom(mix(hash(seed, "history:access:" + place.clinic().id().value()),
                day.toEpochDay()));
        double fill = Math.min(0.995, place.fillBase() * Math.pow(pressure(place, day), 0.6));
        // Free slots in the four weeks ahead.
        int free = (int) Math.round(place.weeklySlots() * 4 * supplyStrain(place) * supplyFactor(day.plusDays(7)) * (1 - fill)
                * (0.8 + 0.4 * random.nextDouble()));
        Integer thirdNext = null;
        if (free >= 3) {
            double days = 28 * Math.pow(3.0 / free, 0.7) * (0.7 + 0.6 * random.nextDouble());
            thirdNext = (int) Math.max(30, Math.round(days * 1440));
        }
        return new HistoryRows.Access(day, place.clinic().id().value(), place.region(), place.network(), thirdNext, free,
                day.atTime(23, 55).atZone(QUEBEC).toInstant());
    }

    // ---- quality ----

    private void quality(Source source, LocalDate day, List<HistoryRows.SourceLag> lags, List<HistoryRows.Quarantined> quarantine) {
        SplittableRandom random = new SplittableRandom(mix(source.key(), day.toEpochDay()));
        boolean outage = false;
        for (int start : source.outages()) {
            int offset = Math.floorMod(day.getDayOfYear() - 1 - start, 365);
            outage |= offset < 3;
        }
        double mean = source.meanLagSeconds() * (0.8 + 0.5 * random.nextDouble()) * (outage ? 8 : 1);
        long max = Math.round(outage ? (3 + 6 * random.nextDouble()) * 3600 : mean * (2 + 3 * random.nextDouble()));
        lags.add(new HistoryRows.SourceLag(day, source.system().name(), LAG_SAMPLES, Math.round(mean * LAG_SAMPLES), max));
        double rate = source.clinics() * 0.04 * (outage ? 10 : 1);
        long count = poisson(rate, random);
        long[] perReason = new long[source.reasons().length];
        int[] all = new int[perReason.length];
        double[] weights = new double[perReason.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            weights[i] = 1.0 / (i + 1);
        }
        split(count, weights, random, perReason, all);
        for (int i = 0; i < perReason.length; i++) {
            if (perReason[i] > 0) {
                quarantine.add(new HistoryRows.Quarantined(day, source.system().name(), source.reasons()[i], perReason[i]));
            }
        }
    }

    private static double meanLagSeconds(Protocol protocol) {
        return switch (protocol) {
            case FHIR_R4 -> 45;
            case SMART_BULK -> 900;
            case ICALENDAR -> 600;
            case HL7V2_MLLP -> 3;
            case CSV_DROP -> 1800;
        };
    }

    /**
     * What each protocol's connector and the normalizer quarantine most, as the recorder groups them (quoted codes and
     * numbers blanked out: {@code JdbcRollups.reasonKind}).
     */
    private static String[] reasons(SourceSystem system) {
        String table = system.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".tsv version N";
        String[] own = switch (system.protocol()) {
            case FHIR_R4 -> new String[] {"Slot.end is not after Slot.start", "Slot.schedule is required"};
            case SMART_BULK -> new String[] {"Slot.start '…' is not an instant with an offset", "Schedule.actor names no Location"};
            case ICALENDAR -> new String[] {"VEVENT without DTSTART", "no mapping for modality code '…' in " + table};
            case HL7V2_MLLP -> new String[] {"no start: SCH-N.N, TQN-N and AIS-N are empty", "not an HL7 timestamp: '…'"};
            case CSV_DROP -> new String[] {"a slot of N minutes (more than N hours)", "no mapping for modality code '…' in " + table};
        };
        return new String[] {own[0], "no mapping for service code '…' in " + table, own[1],
                "professional '…' is not known to " + system.displayName(), "site '…' is not onboarded for " + system.displayName()};
    }

    // ---- fairness ----

    private void fairness(LocalDate day, List<HistoryRows.Flags> rows) {
        SplittableRandom random = new SplittableRandom(mix(hash(seed, "history:fairness"), day.toEpochDay()));
        // A partner platform's hoarding spell of ten days, once a year, at a day drawn from the seed.
        SplittableRandom yearly = random(seed, "history:fairness:spell:" + day.getYear());
        int spell = yearly.nextInt(355);
        boolean hoarding = day.getDayOfYear() - 1 >= spell && day.getDayOfYear() - 1 < spell + 10;
        record Rate(Signal signal, Actor.Kind actor, double perDay, double inSpell) {
        }
        for (Rate rate : List.of(new Rate(Signal.HOLD_CHURN, Actor.Kind.PARTNER, 0.04, 2.5),
                new Rate(Signal.RELEASE_SNIPING, Actor.Kind.PARTNER, 0.02, 1.5),
                new Rate(Signal.MANY_BOOKINGS_PER_IDENTITY, Actor.Kind.PATIENT, 0.12, 0.12),
                new Rate(Signal.QUICK_CANCELLATIONS, Actor.Kind.PATIENT, 0.06, 0.06),
                new Rate(Signal.FAILED_VERIFICATIONS, Actor.Kind.PARTNER, 0.03, 0.8))) {
            long flags = poisson(hoarding ? rate.inSpell() : rate.perDay(), random);
            if (flags > 0) {
                rows.add(new HistoryRows.Flags(day, rate.signal().name(), rate.actor().name(), flags));
            }
        }
    }

    // ---- the directory's shape ----

    private static Place place(long seed, Clinic clinic, boolean strained, int weeklySlots) {
        SplittableRandom random = random(seed, "history:clinic:" + clinic.id().value());
        boolean phoneOnly = clinic.systems().stream().allMatch(s -> s.bookingChannel() == BookingChannel.PHONE);
        // The orchestrator's share of the clinic's bookings: lower where it can only send patients to the phone.
        double here = phoneOnly ? 0.12 + 0.15 * random.nextDouble() : 0.3 + 0.3 * random.nextDouble();
        double fill = strained ? 0.9 : 0.74 + 0.14 * random.nextDouble();
        double desk = clinic.kind() == ClinicKind.GMF || clinic.kind() == ClinicKind.CLSC ? 0.14 : 0.05;
        double[] channels = {0.55 + 0.1 * random.nextDouble(), 0.08 + 0.08 * random.nextDouble(), desk,
                0.07 + 0.04 * random.nextDouble(), 0.08 + 0.05 * random.nextDouble(), 0.02};
        double[] stages = clinic.kind() == ClinicKind.GMF
                ? new double[] {0.42, 0.06, desk + 0.02, 0.02, 0.03, 0.3, 0.02}
                : new double[] {0, 0, 0.03, 0, 0.02, 0.1, 0.85};
        double[] leads = {0.06 + 0.06 * random.nextDouble(), 0.22 + 0.1 * random.nextDouble(), 0.5, 0.12 + 0.08 * random.nextDouble()};
        return new Place(clinic, clinic.region().value(), clinic.localNetwork().value(), strained, fill, here, channels, stages,
                leads, weeklySlots);
    }

    private static RegionCode strainedRegion(long seed, List<Clinic> clinics) {
        TreeSet<String> regions = new TreeSet<>();
        clinics.forEach(c -> regions.add(c.region().value()));
        if (regions.size() < 2) {
            return null;
        }
        List<String> list = List.copyOf(regions);
        return new RegionCode(list.get((int) Math.floorMod(hash(seed, "history:strained-region"), (long) list.size())));
    }

    private static Set<UUID> strainedClinics(long seed, List<Clinic> clinics) {
        int count = clinics.isEmpty() ? 0 : Math.max(1, (int) Math.round(clinics.size() * 0.02));
        List<Clinic> ranked = new ArrayList<>(clinics);
        ranked.sort(Comparator.comparingLong((Clinic c) -> hash(seed, "history:strain:" + c.id().value()))
                .thenComparing(c -> c.id().value()));
        Set<UUID> strained = new TreeSet<>();
        ranked.subList(0, count).forEach(c -> strained.add(c.id().value()));
        return strained;
    }

    /** Weekdays mostly; some weekend sessions, more in virtual care and pharmacies. Monday = 0. */
    private static int weekday(ClinicKind kind, SplittableRandom random) {
        double weekend = switch (kind) {
            case VIRTUAL -> 0.3;
            case PHARMACY -> 0.25;
            case MEDICAL_CLINIC -> 0.15;
            case GMF -> 0.08;
            case CLSC -> 0.03;
        };
        double draw = random.nextDouble();
        if (draw < weekend) {
            return draw < weekend * 0.65 ? 5 : 6;
        }
        return random.nextInt(5);
    }

    /** Wait buckets (0-1, 2-7, 8-14, 15-30, 31-60, 61+ days) of a service on an average day. */
    private static double[] waits(String service) {
        return switch (service) {
            case "urgent-same-day" -> new double[] {.85, .14, .01, 0, 0, 0};
            case "semi-urgent" -> new double[] {.35, .55, .08, .02, 0, 0};
            case "minor-ailment" -> new double[] {.6, .35, .05, 0, 0, 0};
            case "periodic-exam" -> new double[] {.02, .08, .15, .3, .3, .15};
            case "prenatal" -> new double[] {.05, .25, .3, .25, .1, .05};
            case "pediatric" -> new double[] {.15, .35, .25, .15, .07, .03};
            case "vaccination" -> new double[] {.2, .45, .2, .1, .05, 0};
            case "sampling" -> new double[] {.3, .5, .15, .05, 0, 0};
            case "mental-health" -> new double[] {.03, .12, .2, .3, .2, .15};
            case "prescription-renewal" -> new double[] {.3, .45, .15, .08, .02, 0};
            case "contraception" -> new double[] {.1, .35, .3, .15, .07, .03};
            default -> new double[] {.1, .3, .25, .2, .1, .05};
        };
    }

    // ---- draws ----

    /** Splits {@code total} over the categories by their weights, at random, keeping the sum exactly. */
    static void split(long total, double[] weights, SplittableRandom random, long[] out, int[] at) {
        double rest = 0;
        for (double w : weights) {
            rest += w;
        }
        long left = total;
        for (int i = 0; i < weights.length - 1; i++) {
            long k = rest <= 0 ? 0 : binomial(left, weights[i] / rest, random);
            out[at[i]] = k;
            left -= k;
            rest -= weights[i];
        }
        out[at[weights.length - 1]] = left;
    }

    /** Successes in {@code n} tries of probability {@code p} (normal approximation for large n). */
    static long binomial(long n, double p, SplittableRandom random) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n < 40) {
            long k = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < p) {
                    k++;
                }
            }
            return k;
        }
        double k = n * p + gaussian(random) * Math.sqrt(n * p * (1 - p));
        return Math.max(0, Math.min(n, Math.round(k)));
    }

    static long poisson(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            long k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
        return Math.max(0, Math.round(mean + gaussian(random) * Math.sqrt(mean)));
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble(); // (0, 1]
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int between(SplittableRandom random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }


    static SplittableRandom random(long seed, String name) {
        return new SplittableRandom(hash(seed, name));
    }

    private static long hash(long seed, String name) {
        long hash = 0xcbf29ce484222325L; // FNV-1a 64
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix(seed, hash);
    }

    /** SplitMix64's finalizer over two values. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L ^ b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }

    /** Where a supply measure is in a row's values (-1 for other datasets). */
    static int at(Measure measure) {
        return AT[measure.ordinal()];
    }

    private static int[] supplyPositions() {
        int[] at = new int[Measure.values().length];
        Arrays.fill(at, -1);
        for (int i = 0; i < SUPPLY.size(); i++) {
            at[SUPPLY.get(i).ordinal()] = i;
        }
        return at;
    }

    private static void set(long[] values, Measure measure, long value) {
        values[AT[measure.ordinal()]] = value;
    }

    private static long get(long[] values, Measure measure) {
        return values[AT[measure.ordinal()]];
    }

    private static int[] indices(Measure... measures) {
        int[] at = new int[measures.length];
        for (int i = 0; i < measures.length; i++) {
            at[i] = AT[measures[i].ordinal()];
        }
        return at;
    }
}
