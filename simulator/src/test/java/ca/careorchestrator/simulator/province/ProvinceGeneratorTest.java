package ca.careorchestrator.simulator.province;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.simulator.reference.QuebecReference;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvinceGeneratorTest {

    private static final QuebecReference QUEBEC = QuebecReference.load();
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private static Province generate(Preset preset, long seed) {
        return ProvinceGenerator.generate(new ProvinceSpec(preset, seed, MONDAY, ProvinceSpec.DEFAULT_WEEKS), QUEBEC);
    }

    private static byte[] text(Province province) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProvinceText.write(province, out);
        return out.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameProvinceByteForByte() {
        byte[] first = text(generate(Preset.TINY, 42));
        byte[] again = text(ProvinceGenerator.generate(new ProvinceSpec(Preset.TINY, 42, MONDAY, 8))); // fresh reference load

        assertThat(again).isEqualTo(first);
        assertThat(first.length).isGreaterThan(1_000_000);
    }

    @Test
    void anotherSeedGivesAnotherProvince() {
        assertThat(ProvinceText.sha256(generate(Preset.TINY, 43))).isNotEqualTo(ProvinceText.sha256(generate(Preset.TINY, 42)));
    }

    @Test
    void theRegionPresetIsTheProvincesClinicsOfThatRegion() {
        Province province = generate(Preset.PROVINCE, 7);
        Province region = generate(Preset.REGION, 7);

        List<Clinic> provinceClinicsOfEstrie = province.clinics().stream()
                .filter(c -> c.region().equals(new RegionCode("05"))).toList();
        assertThat(region.clinics()).isEqualTo(provinceClinicsOfEstrie);
        assertThat(region.clinics()).hasSizeBetween(60, 90);
    }

    @Test
    void theProvinceHasQuebecsScale() {
        Province province = generate(Preset.PROVINCE, ProvinceSpec.DEFAULT_SEED);

        assertThat(province.clinics()).hasSizeBetween(1_290, 1_320);
        assertThat(province.professionals().stream().filter(p -> p.profession() == Profession.PHYSICIAN).count())
                .isGreaterThanOrEqualTo(7_000);
        assertThat(province.professionals().stream().map(p -> p.profession()).distinct().count())
                .isEqualTo(Profession.values().length);
        assertThat(province.slotCount()).isGreaterThanOrEqualTo(3_000_000);
        Set<RegionCode> regions = new HashSet<>();
        province.clinics().forEach(c -> regions.add(c.region()));
        assertThat(regions).hasSize(18);
        Set<SourceSystem> systems = new HashSet<>();
        province.clinics().forEach(c -> systems.addAll(c.systems()));
        assertThat(systems).containsExactlyInAnyOrder(SourceSystem.values());
        assertThat(province.clinics().stream().filter(c -> c.systems().size() == 2).count()).isBetween(150L, 500L);
    }

    @Test
    void slotsCoverTheHorizonInLocalTimeWithProvenanceFromEverySystemOfTheClinic() {
        Province tiny = generate(Preset.TINY, 42);
        List<Slot> slots = new ArrayList<>();
        tiny.forEachSlot(slots::add);

        assertThat(slots).hasSize((int) tiny.slotCount());
        assertThat(slots.stream().map(Slot::id).distinct().count()).isEqualTo(slots.size());
        ZoneId montreal = ZoneId.of("America/Montreal");
        assertThat(slots).allSatisfy(slot -> {
            LocalDate day = slot.start().atZone(montreal).toLocalDate();
            assertThat(day).isBetween(MONDAY, MONDAY.plusWeeks(8));
            Clinic clinic = tiny.clinics().stream().filter(c -> c.id().equals(slot.clinic())).findFirst().orElseThrow();
            assertThat(slot.listings()).extracting(l -> l.source()).containsExactlyElementsOf(clinic.systems());
        });
        long taken = slots.stream().filter(s -> s.state() instanceof SlotState.Booked).count();
        assertThat(taken).isBetween(slots.size() / 5L, slots.size() / 2L);
    }

    @Test
    void magdalenIslandsSlotsStartOnAtlanticTime() {
        Province tiny = generate(Preset.TINY, 42);
        Set<String> islandClinics = new HashSet<>();
        tiny.clinics().stream().filter(c -> c.fsa().value().equals("G4T") || c.fsa().value().equals("G0B"))
                .forEach(c -> islandClinics.add(c.id().toString()));
        List<Slot> islandSlots = new ArrayList<>();
        tiny.forEachSlot(s -> {
            if (islandClinics.contains(s.clinic().toString())) {
                islandSlots.add(s);
            }
        });

        assertThat(islandClinics).isNotEmpty();
        // Sessions start at 08:30, 13:00 or 18:00 local: on Halifax time, not Montreal time.
        assertThat(islandSlots).isNotEmpty().allSatisfy(s -> assertThat(s.start().atZone(ZoneId.of("America/Halifax"))
                .toLocalTime().getMinute() % 5).isZero());
        assertThat(islandSlots.stream().map(s -> s.start().atZone(ZoneId.of("America/Halifax")).toLocalTime())
                .anyMatch(t -> t.equals(java.time.LocalTime.of(8, 30)) || t.equals(java.time.LocalTime.of(13, 0))
                        || t.equals(java.time.LocalTime.of(18, 0)))).isTrue();
    }

    @Test
    void residentsAreOnePerScaleOfTheRegionsPopulationWithValidUniqueNamsAndMostlyRegistered() {
        Province region = generate(Preset.REGION, ProvinceSpec.DEFAULT_SEED);
        List<Resident> residents = new ArrayList<>();
        region.forEachResident(residents::add);
        long population = region.localNetworks().stream().filter(n -> n.region().equals(new RegionCode("05")))
                .mapToLong(LocalNetwork::population).sum();

        assertThat(residents).hasSize((int) region.residentCount());
        assertThat((double) residents.size()).isCloseTo((double) population / ProvinceSpec.DEFAULT_POPULATION_SCALE,
                org.assertj.core.data.Percentage.withPercentage(2));
        Set<String> nams = new HashSet<>();
        Set<ProfessionalId> physicians = new HashSet<>();
        region.professionals().stream().filter(p -> p.profession() == Profession.PHYSICIAN).forEach(p -> physicians.add(p.id()));
        for (Resident resident : residents) {
            Patient patient = resident.patient();
            assertThat(nams.add(patient.nam().value())).as("unique NAM").isTrue();
            assertThat(HealthInsuranceNumber.check(patient.nam().value(), patient.birthDate(), patient.sex(), MONDAY))
                    .isInstanceOf(NamCheck.Valid.class);
            patient.familyPhysician().ifPresent(physician -> assertThat(physicians).contains(physician));
            assertThat(resident.email()).endsWith("@courriel.example");
        }
        long orphans = residents.stream().filter(r -> r.patient().isOrphan()).count();
        assertThat((double) orphans / residents.size()).isBetween(0.17, 0.27);
        assertThat(residents.stream().mapToInt(r -> r.patient().ageOn(MONDAY)).max().orElseThrow()).isGreaterThan(80);
        assertThat(residents.stream().mapToInt(r -> r.patient().ageOn(MONDAY)).min().orElseThrow()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameResidents() {
        List<String> first = new ArrayList<>();
        List<String> again = new ArrayList<>();
        generate(Preset.TINY, 42).forEachResident(r -> first.add(r.patient().id() + r.patient().nam().value() + r.email()));
        generate(Preset.TINY, 42).forEachResident(r -> again.add(r.patient().id() + r.patient().nam().value() + r.email()));
        assertThat(again).isEqualTo(first).isNotEmpty();
    }
}
