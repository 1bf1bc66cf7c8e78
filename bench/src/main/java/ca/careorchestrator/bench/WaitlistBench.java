package ca.careorchestrator.bench;

import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import ca.careorchestrator.core.waitlist.Candidate;
import ca.careorchestrator.core.waitlist.SlotToFill;
import ca.careorchestrator.core.waitlist.WaitlistIndex;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.careorchestrator.simulator.reference.QuebecReference;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The waitlist matcher (issue #5) alone, in one thread, as the application uses it: {@code bench.requests} open care
 * requests (default 1,000,000) spread over Quebec's postal areas by the population of their local network, services
 * in the proportions the province's schedules offer them, a mix of radii, windows, modalities and access-desk
 * priorities; then {@code bench.matches} (default 200,000) freed slots drawn from the generated province's slots are
 * matched. As in the application, a matched request leaves the index while its offer is out, and a third of them
 * come back (declined or lapsed); the admission test refuses the patients already offered that slot. Figures:
 * build time, heap held by the index, match latency percentiles (after 20,000 warm-up matches). Not a test.
 *
 * <pre>./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.WaitlistBench</pre>
 */
public final class WaitlistBench {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final int WARM_UP = 20_000;

    private WaitlistBench() {
    }

    public static void main(String[] args) {
        int requestCount = Integer.getInteger("bench.requests", 1_000_000);
        int matchCount = Integer.getInteger("bench.matches", 200_000);
        long seed = Long.getLong("bench.seed", 20_260_101L);
        BenchSchema.printMachine();

        LocalDate firstDay = LocalDate.of(2026, 11, 23);
        QuebecReference quebec = QuebecReference.load();
        Province province = ProvinceGenerator.generate(new ProvinceSpec(Preset.PROVINCE, seed, firstDay, ProvinceSpec.DEFAULT_WEEKS), quebec);
        Instant now = firstDay.atStartOfDay(QUEBEC).toInstant();
        SplittableRandom random = new SplittableRandom(seed);

        // Freed slots: a sample of the province's slots (every kind, every region), and the services' share of supply.
        Map<ClinicId, GeoPoint> clinics = new HashMap<>();
        for (Clinic clinic : province.clinics()) {
            clinics.put(clinic.id(), clinic.location());
        }
        long total = province.slotCount();
        double keep = Math.min(1.0, matchCount * 1.2 / total);
        List<SlotToFill> freed = new ArrayList<>();
        Map<ServiceTypeCode, Long> supply = new HashMap<>();
        province.forEachSlot(slot -> {
            supply.merge(slot.service(), 1L, Long::sum);
            if (random.nextDouble() < keep) {
                freed.add(toFill(slot, clinics));
            }
        });
        shuffle(freed, random);
        List<ServiceTypeCode> services = new ArrayList<>(supply.keySet());
        services.sort(null);
        double[] serviceWeights = services.stream().mapToDouble(s -> supply.get(s)).toArray();

        // Where people wait: postal areas weighted by their network's population, shared among its areas.
        List<Fsa> areas = new ArrayList<>();
        List<Double> areaWeights = new ArrayList<>();
        Map<Fsa, GeoPoint> centroids = new HashMap<>();
        for (PostalArea area : quebec.postalAreas()) {
            centroids.put(area.fsa(), area.centroid());
        }
        for (LocalNetwork network : quebec.localNetworks()) {
            List<PostalArea> inNetwork = quebec.postalAreas().stream().filter(a -> a.localNetwork().equals(network.code())).toList();
            if (inNetwork.isEmpty()) {
                inNetwork = quebec.postalAreas().stream().filter(a -> a.region().equals(network.region())).toList();
            }
            for (PostalArea area : inNetwork) {
                areas.add(area.fsa());
                areaWeights.add((double) network.population() / inNetwork.size());
            }
        }
        double[] areaWeightArray = areaWeights.stream().mapToDouble(Double::doubleValue).toArray();

        // Filing times spread over the past year, in filing order (as the application adds them, and as it rebuilds).
        List<CareRequest> requests = new ArrayList<>(requestCount);
        List<Optional<PriorityCode>> priorities = new ArrayList<>(requestCount);
        Instant firstFiled = now.minus(Duration.ofDays(365));
        long spanSeconds = Duration.ofDays(365).toSeconds();
        for (int i = 0; i < requestCount; i++) {
            Instant filed = firstFiled.plusSeconds(spanSeconds * i / requestCount).plusMillis(random.nextInt(1_000));
            Instant from = now.plus(Duration.ofHours(random.nextInt(24 * 14)));
            Instant to = from.plus(Duration.ofDays(1 + random.nextInt(60)));
            requests.add(new CareRequest(new CareRequestId(new UUID(random.nextLong(), random.nextLong())),
                    new PatientId(new UUID(random.nextLong(), random.nextLong())), services.get(pick(serviceWeights, random)),
                    areas.get(pick(areaWeightArray, random)), radius(random), from, to, modalities(random), filed));
            priorities.add(priority(random));
        }

        System.gc();
        long heapBefore = heapUsed();
        long started = System.nanoTime();
        WaitlistIndex index = new WaitlistIndex(centroids);
        for (int i = 0; i < requestCount; i++) {
            index.add(requests.get(i), priorities.get(i));
        }
        long built = System.nanoTime() - started;
        System.gc();
        long heapAfter = heapUsed();
        Map<CareRequestId, CareRequest> byId = new HashMap<>();
        for (int i = 0; i < requestCount; i++) {
            byId.put(requests.get(i).id(), requests.get(i));
        }
        Map<CareRequestId, Optional<PriorityCode>> priorityOf = new HashMap<>();
        for (int i = 0; i < requestCount; i++) {
            priorityOf.put(requests.get(i).id(), priorities.get(i));
        }
        requests.clear();
        System.out.printf(Locale.ROOT, "%,d open requests over %d postal areas and %d services indexed in %.2f s (%.2f µs each); "
                        + "heap held by the index ~%d MB%n", index.size(), centroids.size(), services.size(), built / 1e9,
                built / 1e3 / requestCount, (heapAfter - heapBefore) >> 20);

        // Match: each freed slot once; the admission test refuses whoever had this slot offered already.
        long[] latencies = new long[Math.max(0, Math.min(matchCount, freed.size()) - WARM_UP)];
        long[] changes = new long[latencies.length];
        long[] cpu = new long[latencies.length];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int found = 0;
        int measured = 0;
        Set<Long> offered = new HashSet<>();
        for (int m = 0; m < Math.min(matchCount, freed.size()); m++) {
            SlotToFill slot = freed.get(m);
            long slotKey = m;
            Predicate<Candidate> admits = c -> !offered.contains(slotKey * 31 + c.request().value().getLeastSignificantBits());
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Optional<Candidate> best = index.best(slot, admits);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long change = 0;
            if (best.isPresent()) {
                found++;
                Candidate candidate = best.get();
                offered.add(slotKey * 31 + candidate.request().value().getLeastSignificantBits());
                long r0 = System.nanoTime();
                index.remove(candidate.request()); // offered: out while the offer runs
                if (random.nextInt(3) == 0) {
                    index.add(byId.get(candidate.request()), priorityOf.get(candidate.request())); // declined or lapsed: back
                }
                change = System.nanoTime() - r0;
            }
            if (m >= WARM_UP) {
                latencies[measured] = t1 - t0;
                changes[measured] = change;
                cpu[measured] = c1 - c0;
                measured++;
            }
        }
        Arrays.sort(latencies, 0, measured);
        Arrays.sort(changes, 0, measured);
        Arrays.sort(cpu, 0, measured);
        System.out.printf(Locale.ROOT, "%,d freed slots matched (%,d measured after %,d warm-up), %,d found a request (%.1f %%); "
                        + "match latency p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; remove (+ re-add a third) p99 %.1f µs%n",
                Math.min(matchCount, freed.size()), measured, WARM_UP, found, 100.0 * found / Math.min(matchCount, freed.size()),
                pct(latencies, measured, 0.50), pct(latencies, measured, 0.99), pct(latencies, measured, 0.999),
                latencies[measured - 1] / 1e3, pct(changes, measured, 0.99));
        // On a machine shared with other work, wall time includes the moments this thread was not running.
        System.out.printf(Locale.ROOT, "match CPU time (this thread only): p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; "
                        + "load average at the end %.2f%n", pct(cpu, measured, 0.50), pct(cpu, measured, 0.99), pct(cpu, measured, 0.999),
                cpu[measured - 1] / 1e3, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static SlotToFill toFill(Slot slot, Map<ClinicId, GeoPoint> clinics) {
        return new SlotToFill(slot.service(), slot.modality(), slot.start(), clinics.get(slot.clinic()));
    }

    private static double pct(long[] sorted, int n, double p) {
        return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1e3;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int pick(double[] weights, SplittableRandom random) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Most people wait for somewhere near; a few will travel far (regions with one clinic a valley away). */
    private static int radius(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 15 ? 5 : r < 40 ? 10 : r < 70 ? 25 : r < 88 ? 50 : r < 96 ? 100 : r < 99 ? 250 : 500;
    }

    private static Set<Modality> modalities(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 55 ? Set.of(Modality.IN_PERSON) : r < 80 ? Set.of(Modality.IN_PERSON, Modality.PHONE, Modality.VIDEO)
                : r < 90 ? Set.of(Modality.IN_PERSON, Modality.PHONE) : Set.of(Modality.PHONE, Modality.VIDEO);
    }

    /** Priorities are the access desk's, for a minority of requests (orphan patients it oriented). */
    private static Optional<PriorityCode> priority(SplittableRandom random) {
        int r = random.nextInt(1_000);
        return r < 10 ? Optional.of(PriorityCode.A) : r < 30 ? Optional.of(PriorityCode.B) : r < 60 ? Optional.of(PriorityCode.C)
                : r < 85 ? Optional.of(PriorityCode.D) : r < 100 ? Optional.of(PriorityCode.E) : Optional.empty();
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
