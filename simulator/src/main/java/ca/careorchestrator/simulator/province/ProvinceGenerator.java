package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ClinicKind;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceType;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.simulator.reference.Facility;
import ca.careorchestrator.simulator.reference.QuebecReference;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds a synthetic province from the reference data: about 1,300 clinics spread over the 96 networks by
 * population, anchored on real primary-care sites and postal areas, staffed with physicians and other
 * professions, each publishing through one or two of the systems clinics use, with weekly templates.
 *
 * <p>Deterministic: every random draw comes from a generator seeded by the spec's seed and the name of
 * what is drawn (a network, a clinic, a professional), never from iteration order or the clock, so each
 * network comes out the same whichever preset includes it.
 */
public final class ProvinceGenerator {

    /** Clinics for the whole province; each network gets its population share (at least one). */
    static final int PROVINCE_CLINICS = 1_300;
    private static final Duration SESSION = Duration.ofHours(3);
    private static final LocalTime[] SESSION_STARTS = {LocalTime.of(8, 30), LocalTime.of(13, 0), LocalTime.of(18, 0)};
    private static final ServiceTypes SERVICES = ServiceTypes.standard();

    private final ProvinceSpec spec;
    private final QuebecReference quebec;

    private ProvinceGenerator(ProvinceSpec spec, QuebecReference quebec) {
        this.spec = spec;
        this.quebec = quebec;
    }

    public static Province generate(ProvinceSpec spec) {
        return generate(spec, QuebecReference.load());
    }

    public static Province generate(ProvinceSpec spec, QuebecReference quebec) {
        return new ProvinceGenerator(spec, quebec).build();
    }

    /** A generator for one named thing: the same seed and name always give the same draws. */
    static SplittableRandom random(long seed, String name) {
        long hash = 0xcbf29ce484222325L; // FNV-1a 64
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ hash);
    }

    private UUID id(String name) {
        return UUID.nameUUIDFromBytes((name + ":" + spec.seed()).getBytes(StandardCharsets.UTF_8));
    }

    private Province build() {
        Map<LocalNetwork, Integer> clinicsPerNetwork = allocateClinics(quebec.localNetworks());
        List<Clinic> clinics = new ArrayList<>();
        List<Professional> professionals = new ArrayList<>();
        List<WeeklyTemplate> templates = new ArrayList<>();
        Map<ClinicId, Province.ClinicSite> sites = new HashMap<>();
        Set<RegionCode> included = Set.copyOf(spec.preset().regions());
        for (Map.Entry<LocalNetwork, Integer> entry : clinicsPerNetwork.entrySet()) {
            LocalNetwork network = entry.getKey();
            if (!included.contains(network.region())) {
                continue;
            }
            Set<String> names = new HashSet<>();
            for (int index = 0; index < entry.getValue(); index++) {
                SplittableRandom random = random(spec.seed(), "clinic:" + network.code() + ":" + index);
                Clinic clinic = clinic(network, index, random, names);
                PostalArea area = quebec.postalAreas().stream().filter(a -> a.fsa().equals(clinic.fsa())).findFirst().orElseThrow();
                clinics.add(clinic);
                sites.put(clinic.id(), new Province.ClinicSite(clinic, area.zone(), Long.parseLong(network.code().value()) * 1000 + index));
                staff(clinic, random, professionals, templates);
            }
        }
        return new Province(spec, quebec.regions(), quebec.localNetworks(), quebec.postalAreas(), clinics,
                professionals, templates, sites);
    }

    /** Largest-remainder apportionment of {@link #PROVINCE_CLINICS} by population, at least one per network. */
    static Map<LocalNetwork, Integer> allocateClinics(List<LocalNetwork> networks) {
        long population = networks.stream().mapToLong(LocalNetwork::population).sum();
        Map<LocalNetwork, Integer> counts = new LinkedHashMap<>();
        List<LocalNetwork> byRemainder = new ArrayList<>(networks);
        int given = 0;
        for (LocalNetwork network : networks) {
            int whole = (int) (PROVINCE_CLINICS * network.population() / population);
            counts.put(network, whole);
            given += whole;
        }
        byRemainder.sort(Comparator.comparingDouble((LocalNetwork n) ->
                        -((double) PROVINCE_CLINICS * n.population() / population - counts.get(n)))
                .thenComparing(LocalNetwork::code));
        for (int i = 0; i < PROVINCE_CLINICS - given; i++) {
            counts.merge(byRemainder.get(i), 1, Integer::sum);
        }
        counts.replaceAll((network, count) -> Math.max(1, count));
        return counts;
    }

    private Clinic clinic(LocalNetwork network, int index, SplittableRandom random, Set<String> names) {
        RegionCode region = network.region();
        ClinicKind kind = kind(random, region);
        List<Facility> facilities = quebec.facilities().stream().filter(f -> f.localNetwork().equals(network.code())).toList();
        List<PostalArea> networkAreas = quebec.postalAreas().stream().filter(a -> a.localNetwork().equals(network.code())).toList();
        List<PostalArea> regionAreas = quebec.postalAreas().stream().filter(a -> a.region().equals(region)).toList();
        List<Facility> regionFacilities = quebec.facilities().stream().filter(f -> f.localNetwork().region().equals(region)).toList();

        GeoPoint location;
        String city;
        if (!facilities.isEmpty() && (kind == ClinicKind.CLSC || random.nextBoolean() || networkAreas.isEmpty())) {
            Facility anchor = facilities.get(index % facilities.size());
            location = kind == ClinicKind.CLSC ? anchor.location() : jitter(anchor.location(), random);
            city = titleCase(anchor.city());
        } else if (!networkAreas.isEmpty()) {
            PostalArea anchor = networkAreas.get(index % networkAreas.size());
            location = jitter(anchor.centroid(), random);
            city = place(anchor.place());
        } else if (!regionFacilities.isEmpty()) {
            Facility anchor = regionFacilities.get(index % regionFacilities.size());
            location = jitter(anchor.location(), random);
            city = titleCase(anchor.city());
        } else {
            PostalArea anchor = regionAreas.get(index % regionAreas.size());
            location = jitter(anchor.centroid(), random);
            city = place(anchor.place());
        }
        GeoPoint here = location;
        List<PostalArea> candidates = regionAreas.isEmpty() ? quebec.postalAreas() : regionAreas;
        Fsa fsa = candidates.stream()
                .min(Comparator.comparingDouble((PostalArea a) -> a.centroid().distanceKm(here)).thenComparing(PostalArea::fsa))
                .orElseThrow().fsa();
        String name = uniqueName(name(kind, city, random), names);
        return new Clinic(new ClinicId(id("clinic:" + network.code() + ":" + index)), name, kind, network.code(), fsa,
                location, phone(region, random), systems(kind, random));
    }

    private static ClinicKind kind(SplittableRandom random, RegionCode region) {
        double draw = random.nextDouble();
        if (draw < 0.55) {
            return ClinicKind.GMF;
        }
        if (draw < 0.73) {
            return ClinicKind.CLSC;
        }
        if (draw < 0.90) {
            return ClinicKind.MEDICAL_CLINIC;
        }
        if (draw < 0.98) {
            return ClinicKind.PHARMACY;
        }
        boolean city = region.value().equals("06") || region.value().equals("03");
        return city ? ClinicKind.VIRTUAL : ClinicKind.GMF;
    }

    private static GeoPoint jitter(GeoPoint point, SplittableRandom random) {
        return new GeoPoint(point.latitude() + (random.nextDouble() - 0.5) * 0.03,
                point.longitude() + (random.nextDouble() - 0.5) * 0.04);
    }

    /** "Capitale-Nationale (Stoneham)" names the place in brackets; other rows are the place itself. */
    private static String place(String fsaPlace) {
        int open = fsaPlace.indexOf('(');
        int close = fsaPlace.lastIndexOf(')');
        return open >= 0 && close > open ? fsaPlace.substring(open + 1, close).strip() : fsaPlace.strip();
    }

    private static String titleCase(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean start = true;
        for (char c : raw.toLowerCase(Locale.CANADA_FRENCH).toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '\'';
        }
        return out.toString();
    }

    private static String name(ClinicKind kind, String city, SplittableRandom random) {
        String[] flavours = {"", " – Centre", " – Nord", " – Sud", " des Rivières", " du Parc", " des Érables", " Saint-Laurent"};
        String flavour = flavours[random.nextInt(flavours.length)];
        return switch (kind) {
            case GMF -> "GMF " + city + flavour;
            case CLSC -> "CLSC " + city;
            case MEDICAL_CLINIC -> "Clinique médicale " + city + flavour;
            case PHARMACY -> "Pharmacie " + Names.family(random) + " (" + city + ")";
            case VIRTUAL -> "Soins virtuels – " + city;
        };
    }

    private static String uniqueName(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }

    /** Fictional numbers: the 555-01xx range is reserved for fiction in North America. */
    private static String phone(RegionCode region, SplittableRandom random) {
        return phoneArea(region) + "-555-01" + String.format(Locale.ROOT, "%02d", random.nextInt(100));
    }

    /** The main telephone area code of a region. */
    static String phoneArea(RegionCode region) {
        return switch (region.value()) {
            case "06" -> "514";
            case "13", "14", "15", "16" -> "450";
            case "04", "05", "07", "08", "10", "17", "18" -> "819";
            default -> "418";
        };
    }

    private static List<SourceSystem> systems(ClinicKind kind, SplittableRandom random) {
        List<SourceSystem> systems = new ArrayList<>(2);
        switch (kind) {
            case CLSC -> {
                systems.add(random.nextDouble() < 0.85 ? SourceSystem.LOGIBEC : SourceSystem.RVSQ);
                if (systems.getFirst() == SourceSystem.LOGIBEC && random.nextDouble() < 0.30) {
                    systems.add(SourceSystem.RVSQ);
                }
            }
            case GMF -> {
                systems.add(pick(random, new SourceSystem[] {SourceSystem.OMNIMED, SourceSystem.MEDESYNC, SourceSystem.KINLOGIX,
                        SourceSystem.MYLE, SourceSystem.OSCAR_QC, SourceSystem.RVSQ}, new double[] {.35, .20, .15, .10, .08, .12}));
                if (systems.getFirst().isRecordSystem() && random.nextDouble() < 0.35) {
                    systems.add(bookingPlatform(random));
                }
            }
            case MEDICAL_CLINIC -> {
                systems.add(bookingPlatform(random));
                if (random.nextDouble() < 0.20) {
                    systems.add(SourceSystem.OMNIMED);
                }
            }
            case PHARMACY -> systems.add(random.nextBoolean() ? SourceSystem.TAP_MEDICAL : SourceSystem.BONJOUR_SANTE);
            case VIRTUAL -> systems.add(SourceSystem.DIALOGUE);
        }
        return systems;
    }

    private static SourceSystem bookingPlatform(SplittableRandom random) {
        return pick(random, new SourceSystem[] {SourceSystem.RVSQ, SourceSystem.BONJOUR_SANTE, SourceSystem.TAP_MEDICAL,
                SourceSystem.CHRONOMETRIC}, new double[] {.40, .30, .15, .15});
    }

    private static <T> T pick(SplittableRandom random, T[] items, double[] weights) {
        double draw = random.nextDouble();
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double cumulative = 0;
        for (int i = 0; i < items.length; i++) {
            cumulative += weights[i] / total;
            if (draw < cumulative) {
                return items[i];
            }
        }
        return items[items.length - 1];
    }

    private static int between(SplittableRandom random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private void staff(Clinic clinic, SplittableRandom random, List<Professional> professionals, List<WeeklyTemplate> templates) {
        Map<Profession, int[]> ranges = switch (clinic.kind()) {
            case GMF -> Map.of(Profession.PHYSICIAN, new int[] {5, 14}, Profession.NURSE_PRACTITIONER, new int[] {0, 2},
                    Profession.NURSE, new int[] {1, 3}, Profession.PHARMACIST, new int[] {0, 1}, Profession.PSYCHOLOGIST,
                    new int[] {0, 1}, Profession.SOCIAL_WORKER, new int[] {0, 2}, Profession.PHYSIOTHERAPIST, new int[] {0, 1});
            case CLSC -> Map.of(Profession.PHYSICIAN, new int[] {0, 4}, Profession.NURSE_PRACTITIONER, new int[] {0, 1},
                    Profession.NURSE, new int[] {2, 6}, Profession.PSYCHOLOGIST, new int[] {0, 2}, Profession.SOCIAL_WORKER,
                    new int[] {1, 3});
            case MEDICAL_CLINIC -> Map.of(Profession.PHYSICIAN, new int[] {2, 7}, Profession.NURSE, new int[] {0, 1},
                    Profession.NURSE_PRACTITIONER, new int[] {0, 1});
            case PHARMACY -> Map.of(Profession.PHARMACIST, new int[] {1, 3});
            case VIRTUAL -> Map.of(Profession.PHYSICIAN, new int[] {4, 12}, Profession.NURSE, new int[] {1, 3},
                    Profession.PSYCHOLOGIST, new int[] {1, 3}, Profession.SOCIAL_WORKER, new int[] {0, 2});
        };
        int number = 0;
        for (Profession profession : Profession.values()) { // enum order: stable
            int[] range = ranges.get(profession);
            if (range == null) {
                continue;
            }
            int count = between(random, range[0], range[1]);
            for (int k = 0; k < count; k++, number++) {
                ProfessionalId id = new ProfessionalId(id("professional:" + clinic.id() + ":" + number));
                SplittableRandom own = random(spec.seed(), "professional:" + id);
                Set<Language> languages = EnumSet.of(Language.FR);
                if (own.nextDouble() < englishShare(clinic.region())) {
                    languages.add(Language.EN);
                }
                professionals.add(new Professional(id, clinic.id(), profession, Names.family(own), Names.given(own), languages));
                templates.add(new WeeklyTemplate(id, clinic.id(), sessions(profession, clinic.kind(), own)));
            }
        }
    }

    private static double englishShare(RegionCode region) {
        return switch (region.value()) {
            case "06" -> 0.55;
            case "07" -> 0.45;
            case "13" -> 0.35;
            case "16", "18" -> 0.25;
            case "05", "17" -> 0.20;
            default -> 0.10;
        };
    }

    private static List<Session> sessions(Profession profession, ClinicKind kind, SplittableRandom random) {
        int count = switch (profession) {
            case PHYSICIAN -> between(random, 3, 5);
            case NURSE_PRACTITIONER, NURSE -> between(random, 3, 5);
            case PHARMACIST -> between(random, 2, 4);
            case PSYCHOLOGIST, SOCIAL_WORKER, PHYSIOTHERAPIST -> between(random, 2, 4);
        };
        // Distinct (weekday, part of day) pairs; evenings are rarer (one in three chances to be allowed).
        List<int[]> blocks = new ArrayList<>();
        boolean evenings = random.nextInt(3) == 0;
        for (int day = 0; day < 5; day++) {
            for (int part = 0; part < (evenings ? 3 : 2); part++) {
                blocks.add(new int[] {day, part});
            }
        }
        for (int i = blocks.size() - 1; i > 0; i--) { // Fisher-Yates with the seeded generator
            int j = random.nextInt(i + 1);
            int[] swap = blocks.get(i);
            blocks.set(i, blocks.get(j));
            blocks.set(j, swap);
        }
        List<Session> sessions = new ArrayList<>();
        for (int[] block : blocks.subList(0, Math.min(count, blocks.size()))) {
            ServiceType service = SERVICES.get(service(profession, random));
            Duration length = service.usualLength();
            int slots = (int) (SESSION.toMinutes() / length.toMinutes());
            sessions.add(new Session(DayOfWeek.of(block[0] + 1), SESSION_STARTS[block[1]], slots, length, service.code(),
                    modality(profession, kind, service.code(), random)));
        }
        sessions.sort(Comparator.comparing(Session::day).thenComparing(Session::start));
        return sessions;
    }

    /** A session's service, drawn from the profession's mix (the observatory's synthetic history draws the same). */
    public static ServiceTypeCode service(Profession profession, SplittableRandom random) {
        return new ServiceTypeCode(switch (profession) {
            case PHYSICIAN -> pick(random, new String[] {"urgent-same-day", "semi-urgent", "follow-up", "periodic-exam",
                    "prenatal", "pediatric", "contraception", "prescription-renewal"},
                    new double[] {.25, .20, .25, .10, .07, .08, .03, .02});
            case NURSE_PRACTITIONER -> pick(random, new String[] {"follow-up", "semi-urgent", "minor-ailment", "contraception"},
                    new double[] {.3, .3, .2, .2});
            case NURSE -> pick(random, new String[] {"vaccination", "sampling", "pediatric", "contraception"},
                    new double[] {.30, .35, .20, .15});
            case PHARMACIST -> pick(random, new String[] {"prescription-renewal", "minor-ailment", "vaccination"},
                    new double[] {.45, .35, .20});
            case PSYCHOLOGIST, SOCIAL_WORKER -> "mental-health";
            case PHYSIOTHERAPIST -> "follow-up";
        });
    }

    /** A session's modality, drawn from the clinic kind's, service's and profession's mix (the synthetic history's too). */
    public static Modality modality(Profession profession, ClinicKind kind, ServiceTypeCode service, SplittableRandom random) {
        if (kind == ClinicKind.VIRTUAL) {
            return random.nextDouble() < 0.6 ? Modality.VIDEO : Modality.PHONE;
        }
        return switch (service.value()) {
            case "vaccination", "sampling", "prenatal", "periodic-exam", "pediatric" -> Modality.IN_PERSON;
            default -> switch (profession) {
                case PSYCHOLOGIST, SOCIAL_WORKER ->
                        pick(random, new Modality[] {Modality.IN_PERSON, Modality.VIDEO, Modality.PHONE}, new double[] {.5, .35, .15});
                case PHYSICIAN, NURSE_PRACTITIONER ->
                        pick(random, new Modality[] {Modality.IN_PERSON, Modality.PHONE, Modality.VIDEO}, new double[] {.8, .15, .05});
                case NURSE, PHARMACIST, PHYSIOTHERAPIST -> Modality.IN_PERSON;
            };
        };
    }
}
