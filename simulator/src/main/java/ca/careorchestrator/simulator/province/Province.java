package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.Region;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A synthetic province: the real geography, generated clinics and professionals, and their weekly
 * templates. Slots are not held in memory (the full province has millions): {@link #forEachSlot} derives
 * them from the templates, in a fixed order, every time the same.
 */
public final class Province {

    private static final int REGISTERED_PERCENT = 78;

    private final ProvinceSpec spec;
    private final List<Region> regions;
    private final List<LocalNetwork> localNetworks;
    private final List<PostalArea> postalAreas;
    private final List<Clinic> clinics;
    private final List<Professional> professionals;
    private final List<WeeklyTemplate> templates;
    private final Map<ClinicId, ClinicSite> sites;

    /** What slot generation needs to know of a clinic beyond the model: its time zone and its number. */
    record ClinicSite(Clinic clinic, ZoneId zone, long number) {
    }

    Province(ProvinceSpec spec, List<Region> regions, List<LocalNetwork> localNetworks, List<PostalArea> postalAreas,
            List<Clinic> clinics, List<Professional> professionals, List<WeeklyTemplate> templates,
            Map<ClinicId, ClinicSite> sites) {
        this.spec = spec;
        this.regions = List.copyOf(regions);
        this.localNetworks = List.copyOf(localNetworks);
        this.postalAreas = List.copyOf(postalAreas);
        this.clinics = List.copyOf(clinics);
        this.professionals = List.copyOf(professionals);
        this.templates = List.copyOf(templates);
        this.sites = Map.copyOf(sites);
    }

    public ProvinceSpec spec() {
        return spec;
    }

    public List<Region> regions() {
        return regions;
    }

    public List<LocalNetwork> localNetworks() {
        return localNetworks;
    }

    public List<PostalArea> postalAreas() {
        return postalAreas;
    }

    public List<Clinic> clinics() {
        return clinics;
    }

    public List<Professional> professionals() {
        return professionals;
    }

    public List<WeeklyTemplate> templates() {
        return templates;
    }

    /** How many slots {@link #forEachSlot} yields, without making them. */
    public long slotCount() {
        long count = 0;
        for (WeeklyTemplate template : templates) {
            for (Session session : template.sessions()) {
                count += (long) session.slots() * occurrences(session);
            }
        }
        return count;
    }

    private int occurrences(Session session) {
        int count = 0;
        for (LocalDate day = spec.firstDay(); day.isBefore(spec.endDay()); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == session.day()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Every slot of the horizon, template by template, day by day. Near slots are more often already taken at
     * the clinic (booked at source) than far ones, as in a real schedule.
     */
    public void forEachSlot(Consumer<Slot> sink) {
        for (WeeklyTemplate template : templates) {
            ClinicSite site = sites.get(template.clinic());
            SplittableRandom random = ProvinceGenerator.random(spec.seed(), "bookings:" + template.professional());
            for (LocalDate day = spec.firstDay(); day.isBefore(spec.endDay()); day = day.plusDays(1)) {
                long lead = ChronoUnit.DAYS.between(spec.firstDay(), day);
                double takenShare = 0.70 - 0.60 * lead / (spec.weeks() * 7.0);
                for (Session session : template.sessions()) {
                    if (session.day() != day.getDayOfWeek()) {
                        continue;
                    }
                    for (int k = 0; k < session.slots(); k++) {
                        LocalTime time = session.start().plus(session.slotLength().multipliedBy(k));
                        Instant start = ZonedDateTime.of(day, time, site.zone()).toInstant();
                        SlotState state = random.nextDouble() < takenShare ? new SlotState.Free().takenAtSource() : SlotState.free();
                        sink.accept(new Slot(slotId(template, start), template.clinic(), template.professional(),
                                session.service(), session.modality(), start, session.slotLength(), state,
                                listings(site, template, start)));
                    }
                }
            }
        }
    }

    /** How many synthetic insured people {@link #forEachResident} yields, without making them. */
    public long residentCount() {
        Set<RegionCode> included = Set.copyOf(spec.preset().regions());
        return localNetworks.stream().filter(n -> included.contains(n.region())).mapToLong(this::residents).sum();
    }

    private long residents(LocalNetwork network) {
        return Math.max(1, network.population() / spec.populationScale());
    }

    /**
     * Every synthetic insured person of the preset's regions, network by network: about one per
     * {@code populationScale} residents, living in one of the network's postal areas, of every age to 95,
     * {@value #REGISTERED_PERCENT} % registered with a family physician of their network (else of their region),
     * the others orphan patients. Each NAM is the one RAMQ would compute, unique, and reads back to its birth date.
     */
    public void forEachResident(Consumer<Resident> sink) {
        Set<RegionCode> included = Set.copyOf(spec.preset().regions());
        Map<LocalNetworkCode, List<Professional>> physiciansByNetwork = new HashMap<>();
        Map<RegionCode, List<Professional>> physiciansByRegion = new HashMap<>();
        Map<ClinicId, Clinic> clinicsById = new HashMap<>();
        clinics.forEach(clinic -> clinicsById.put(clinic.id(), clinic));
        for (Professional professional : professionals) {
            if (professional.profession() == Profession.PHYSICIAN) {
                LocalNetworkCode network = clinicsById.get(professional.clinic()).localNetwork();
                physiciansByNetwork.computeIfAbsent(network, n -> new ArrayList<>()).add(professional);
                physiciansByRegion.computeIfAbsent(network.region(), r -> new ArrayList<>()).add(professional);
            }
        }
        Set<String> issued = new HashSet<>();
        LocalDate today = spec.firstDay();
        for (LocalNetwork network : localNetworks) {
            List<PostalArea> areas = postalAreas.stream().filter(a -> a.localNetwork().equals(network.code())).toList();
            if (areas.isEmpty()) {
                areas = postalAreas.stream().filter(a -> a.region().equals(network.region())).toList();
            }
            if (!included.contains(network.region()) || areas.isEmpty()) {
                continue;
            }
            List<Professional> physicians = physiciansByNetwork.getOrDefault(network.code(),
                    physiciansByRegion.getOrDefault(network.region(), List.of()));
            double english = englishShare(network.region());
            SplittableRandom random = ProvinceGenerator.random(spec.seed(), "people:" + network.code());
            long count = residents(network);
            for (long index = 0; index < count; index++) {
                Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
                String family = Names.family(random);
                String given = Names.given(random);
                LocalDate birth = today.minusDays(1 + random.nextInt(95 * 365));
                PostalArea home = areas.get(random.nextInt(areas.size()));
                Language language = random.nextDouble() < english ? Language.EN : Language.FR;
                boolean registered = random.nextInt(100) < REGISTERED_PERCENT && !physicians.isEmpty();
                Optional<ProfessionalId> physician = registered
                        ? Optional.of(physicians.get(random.nextInt(physicians.size())).id()) : Optional.empty();
                HealthInsuranceNumber nam = uniqueNam(family, given, birth, sex, random.nextInt(10), issued, today);
                PatientId id = new PatientId(UUID.nameUUIDFromBytes(("person:" + spec.seed() + ":" + network.code() + ":"
                        + index).getBytes(StandardCharsets.UTF_8)));
                String email = ascii(given) + "." + ascii(family) + "." + network.code().value() + "-" + index
                        + "@courriel.example";
                String mobile = ProvinceGenerator.phoneArea(network.region()) + "-555-01" + String.format(Locale.ROOT, "%02d", random.nextInt(100));
                sink.accept(new Resident(new Patient(id, nam, family, given, home.fsa(), language, physician), email, mobile));
            }
        }
    }

    /** Montreal, the Outaouais and Estrie have the largest English-speaking shares. */
    private static double englishShare(RegionCode region) {
        return switch (region.value()) {
            case "06" -> 0.25;
            case "07", "05" -> 0.12;
            case "13", "16" -> 0.08;
            default -> 0.03;
        };
    }

    /**
     * The NAM RAMQ would compute, with another administrative digit (then another day) when two people share
     * name letters, birth date and sex, or when the two-digit year would read back in the wrong century.
     */
    private static HealthInsuranceNumber uniqueNam(String family, String given, LocalDate birth, Sex sex, int digit,
            Set<String> issued, LocalDate today) {
        LocalDate day = birth;
        for (int attempt = 0; ; attempt++) {
            HealthInsuranceNumber nam = HealthInsuranceNumber.issue(family, given, day, sex, (digit + attempt) % 10);
            if (HealthInsuranceNumber.check(nam.value(), today) instanceof NamCheck.Valid(HealthInsuranceNumber read)
                    && read.birthDate().equals(day) && issued.add(nam.value())) {
                return nam;
            }
            if (attempt % 10 == 9) {
                day = day.minusDays(1);
            }
        }
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z-]", "").toLowerCase(Locale.ROOT);
    }

    private SlotId slotId(WeeklyTemplate template, Instant start) {
        return new SlotId(UUID.nameUUIDFromBytes(("slot:" + spec.seed() + ":" + template.professional() + ":"
                + start.getEpochSecond()).getBytes(StandardCharsets.UTF_8)));
    }

    /** How {@code system} names this clinic (a FHIR Location id, an HL7 AIL-3 code, a CSV clinic key). */
    public String siteRef(SourceSystem system, ClinicId clinic) {
        ClinicSite site = sites.get(clinic);
        if (site == null) {
            throw new IllegalArgumentException("no clinic " + clinic + " in this province");
        }
        return ExternalIds.site(system, site.number());
    }

    /** How {@code system} names this professional (a PractitionerRole id, an HL7 AIP-3 id). */
    public static String professionalRef(SourceSystem system, ProfessionalId professional) {
        return ExternalIds.professional(system, professionalNumber(professional));
    }

    /** The time zone of this clinic's postal area. */
    public ZoneId zone(ClinicId clinic) {
        return sites.get(clinic).zone();
    }

    private static int professionalNumber(ProfessionalId professional) {
        return professional.value().hashCode() & 0x7fffffff;
    }

    private static List<Listing> listings(ClinicSite site, WeeklyTemplate template, Instant start) {
        List<Listing> listings = new ArrayList<>(2);
        int professional = professionalNumber(template.professional());
        for (SourceSystem system : site.clinic().systems()) {
            listings.add(new Listing(system, ExternalIds.of(system, site.number(), professional, start, site.zone()), 1));
        }
        return listings;
    }
}
