package ca.careorchestrator.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ClinicKind;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-01T13:00:00Z");
    private static final ServiceTypeCode CHECKUP = new ServiceTypeCode("checkup");
    private static final ServiceTypeCode FOLLOW_UP = new ServiceTypeCode("follow-up");

    // Two clinics in Estrie (05) 10 km apart, one in Montreal (06).
    private final Clinic sherbrooke = clinic("0511", new GeoPoint(45.40, -71.89));
    private final Clinic magog = clinic("0512", new GeoPoint(45.27, -72.15));
    private final Clinic montreal = clinic("0611", new GeoPoint(45.50, -73.57));
    private final Professional frenchPhysician = professional(sherbrooke, Profession.PHYSICIAN, Language.FR);
    private final Professional englishNurse = professional(magog, Profession.NURSE, Language.EN);
    private final Professional bilingualPhysician = professional(montreal, Profession.PHYSICIAN, Language.FR, Language.EN);
    private final Places places = new Places(List.of(sherbrooke, magog, montreal), List.of(frenchPhysician, englishNurse, bilingualPhysician));

    @Test
    void findsFreeSlotsSoonestFirstAcrossClinics() {
        SlotIndex index = new SlotIndex(places);
        SlotEntry late = entry(frenchPhysician, hours(5), "FREE");
        SlotEntry early = entry(englishNurse, hours(1), "FREE");
        SlotEntry middle = entry(bilingualPhysician, hours(3), "FREE");
        index.apply(List.of(late, early, middle));

        assertThat(ids(index.search(query().build()))).containsExactly(early.id(), middle.id(), late.id());
    }

    @Test
    void leavesOutTakenHeldWithdrawnAndOutOfWindowSlots() {
        SlotIndex index = new SlotIndex(places);
        SlotEntry free = entry(frenchPhysician, hours(2), "FREE");
        index.apply(List.of(free, entry(frenchPhysician, hours(3), "HELD"), entry(frenchPhysician, hours(4), "BOOKED"),
                entry(frenchPhysician, hours(5), "WITHDRAWN"), entry(frenchPhysician, Duration.ofDays(40), "FREE"),
                entry(frenchPhysician, hours(-2), "FREE")));

        assertThat(ids(index.search(query().build()))).containsExactly(free.id());
    }

    @Test
    void aSlotThatStartedSecondsAgoIsNoLongerFoundFromNow() {
        SlotIndex index = new SlotIndex(places);
        SlotEntry now = entry(frenchPhysician, Duration.ZERO, "FREE");
        index.apply(List.of(now));
        SlotQuery atStart = query().build();
        SlotQuery secondsLater = new SlotQuery(atStart.region(), atStart.near(), atStart.service(), atStart.profession(), atStart.modality(),
                atStart.language(), NOW.plusSeconds(26), atStart.to(), atStart.order(), atStart.page(), atStart.size());

        assertThat(ids(index.search(atStart))).containsExactly(now.id());
        assertThat(index.search(secondsLater).hits()).isEmpty();
    }

    @Test
    void aStateChangeHeardLaterTakesTheSlotOutAndBackIn() {
        SlotIndex index = new SlotIndex(places);
        SlotEntry slot = entry(frenchPhysician, hours(2), "FREE");
        index.apply(List.of(slot));

        index.apply(List.of(with(slot, "HELD")));
        assertThat(index.search(query().build()).hits()).isEmpty();

        index.apply(List.of(with(slot, "FREE")));
        assertThat(ids(index.search(query().build()))).containsExactly(slot.id());
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void filtersByRegionServiceProfessionModalityAndLanguage() {
        SlotIndex index = new SlotIndex(places);
        SlotEntry estriePhysician = entry(frenchPhysician, hours(1), "FREE");
        SlotEntry estrieNurseFollowUp = new SlotEntry(new SlotId(UUID.randomUUID()), magog.id(), englishNurse.id(), FOLLOW_UP, Modality.PHONE,
                NOW.plus(hours(2)), 15, "FREE", BookingChannel.PHONE);
        SlotEntry montrealPhysician = entry(bilingualPhysician, hours(3), "FREE");
        index.apply(List.of(estriePhysician, estrieNurseFollowUp, montrealPhysician));

        assertThat(ids(index.search(query().region("05").build()))).containsExactly(estriePhysician.id(), estrieNurseFollowUp.id());
        assertThat(ids(index.search(query().service(FOLLOW_UP).build()))).containsExactly(estrieNurseFollowUp.id());
        assertThat(ids(index.search(query().profession(Profession.PHYSICIAN).build()))).containsExactly(estriePhysician.id(), montrealPhysician.id());
        assertThat(ids(index.search(query().modality(Modality.PHONE).build()))).containsExactly(estrieNurseFollowUp.id());
        assertThat(ids(index.search(query().language(Language.EN).build()))).containsExactly(estrieNurseFollowUp.id(), montrealPhysician.id());
        assertThat(index.search(query().service(new ServiceTypeCode("never-published")).build()).hits()).isEmpty();
    }

    @Test
    void aSlotWhoseServiceChangedIsFoundUnderItsNewServiceOnly() {
        SlotIndex index = SlotIndex.building(places);
        SlotEntry slot = entry(frenchPhysician, hours(1), "FREE");
        index.apply(List.of(slot));
        index.open();

        index.apply(List.of(new SlotEntry(slot.id(), slot.clinic(), slot.professional(), FOLLOW_UP, slot.modality(), slot.start(),
                slot.durationMinutes(), "FREE", slot.channel())));

        assertThat(ids(index.search(query().service(FOLLOW_UP).build()))).containsExactly(slot.id());
        assertThat(index.search(query().service(CHECKUP).build()).hits()).isEmpty();
        assertThat(ids(index.search(query().build()))).containsExactly(slot.id());
    }

    @Test
    void nearestFirstOrdersByClinicDistanceWithinTheRadius() {
        SlotIndex index = new SlotIndex(places);
        SlotEntry inSherbrookeLater = entry(frenchPhysician, hours(6), "FREE");
        SlotEntry inMagogSooner = entry(englishNurse, hours(1), "FREE");
        SlotEntry inMontreal = entry(bilingualPhysician, hours(1), "FREE");
        index.apply(List.of(inSherbrookeLater, inMagogSooner, inMontreal));
        GeoPoint downtownSherbrooke = new GeoPoint(45.401, -71.888);

        SearchResult nearest = index.search(query().near(downtownSherbrooke, 50).order(SlotQuery.Order.NEAREST).build());
        assertThat(ids(nearest)).containsExactly(inSherbrookeLater.id(), inMagogSooner.id());
        assertThat(nearest.hits().get(0).distanceKm().getAsDouble()).isLessThan(1);
        assertThat(nearest.hits().get(1).distanceKm().getAsDouble()).isBetween(20.0, 30.0);

        assertThat(ids(index.search(query().near(downtownSherbrooke, 50).build()))).containsExactly(inMagogSooner.id(), inSherbrookeLater.id());
    }

    @Test
    void pagesWalkTheWholeResultInOrderWithoutRepeats() {
        SlotIndex index = SlotIndex.building(places);
        SplittableRandom random = new SplittableRandom(42);
        List<SlotEntry> all = new ArrayList<>();
        List<Professional> professionals = List.of(frenchPhysician, englishNurse, bilingualPhysician);
        for (int i = 0; i < 500; i++) {
            all.add(entry(professionals.get(random.nextInt(3)), Duration.ofMinutes(15L * random.nextInt(2000) + 15), "FREE"));
        }
        index.apply(all);
        index.open();
        List<SlotId> expected = all.stream().sorted(Comparator.comparing(SlotEntry::start)).map(SlotEntry::id).toList();

        List<SlotId> walked = new ArrayList<>();
        SearchResult page;
        int number = 0;
        do {
            page = index.search(query().page(number++, 37).build());
            walked.addAll(ids(page));
        } while (page.hasNext());

        assertThat(walked).hasSize(500).doesNotHaveDuplicates();
        assertThat(walked.stream().map(id -> all.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().start()).toList())
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(walked).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void skipsSlotsOfClinicsTheDirectoryDoesNotKnow() {
        SlotIndex index = new SlotIndex(places);
        Clinic stranger = clinic("0311", new GeoPoint(46.8, -71.2));
        SlotEntry unknown = new SlotEntry(new SlotId(UUID.randomUUID()), stranger.id(), frenchPhysician.id(), CHECKUP, Modality.IN_PERSON,
                NOW.plus(hours(1)), 15, "FREE", BookingChannel.API);

        assertThat(index.apply(List.of(unknown))).isEqualTo(1);
        assertThat(index.search(query().build()).hits()).isEmpty();
    }

    @Test
    void keepsTheBestChannelOfASlotsListingsDuringARebuild() {
        SlotIndex index = SlotIndex.building(places);
        SlotEntry slot = entry(frenchPhysician, hours(1), "FREE"); // starts as PHONE, the weakest
        index.apply(List.of(slot));
        index.improveChannel(slot.id(), BookingChannel.DEEP_LINK);
        index.improveChannel(slot.id(), BookingChannel.API);
        index.improveChannel(slot.id(), BookingChannel.PHONE);
        index.open();

        assertThat(index.search(query().build()).hits().getFirst().channel()).isEqualTo(BookingChannel.API);
    }

    // ---- the supply, for publication ----

    @Test
    void theSupplyOfARegionIsEveryNotWithdrawnSlotFromAnInstantClinicByClinicSoonestFirst() {
        SlotIndex index = SlotIndex.building(places);
        SlotEntry magogLater = entry(englishNurse, hours(5), "FREE");
        SlotEntry sherbrookeBooked = entry(frenchPhysician, hours(3), "BOOKED");
        SlotEntry sherbrookeHeld = entry(frenchPhysician, hours(1), "HELD");
        SlotEntry past = entry(frenchPhysician, hours(-2), "FREE");
        index.apply(List.of(magogLater, sherbrookeBooked, sherbrookeHeld, past, entry(frenchPhysician, hours(2), "WITHDRAWN"),
                entry(bilingualPhysician, hours(1), "FREE")));
        Supply supply = new Supply(index.open(NOW));

        List<SupplySlot> estrie = new ArrayList<>();
        supply.forEachSlot(new RegionCode("05"), NOW, Optional.empty(), estrie::add);

        assertThat(estrie).extracting(SupplySlot::id).containsExactly(sherbrookeHeld.id(), sherbrookeBooked.id(), magogLater.id());
        assertThat(estrie).extracting(SupplySlot::state).containsExactly(SupplySlot.State.HELD, SupplySlot.State.BOOKED, SupplySlot.State.FREE);
        assertThat(supply.regions()).containsExactly(new RegionCode("05"), new RegionCode("06"));
    }

    @Test
    void theChangesSinceAnInstantAreTheSlotsChangedFromItsSecondWithdrawnOnesIncluded() {
        SlotIndex index = SlotIndex.building(places);
        SlotEntry untouched = entry(frenchPhysician, hours(1), "FREE");
        SlotEntry booked = entry(frenchPhysician, hours(2), "FREE");
        SlotEntry withdrawn = entry(englishNurse, hours(3), "FREE");
        index.apply(List.of(untouched, booked, withdrawn));
        index.open(NOW);
        index.apply(List.of(with(booked, "BOOKED")), NOW.plusMillis(10_400));
        index.apply(List.of(with(withdrawn, "WITHDRAWN")), NOW.plusSeconds(20));
        Supply supply = new Supply(index);

        assertThat(changedSince(supply, NOW.plusMillis(10_900))).containsExactly(booked.id(), withdrawn.id()); // the same second again
        assertThat(changedSince(supply, NOW.plusSeconds(11))).containsExactly(withdrawn.id());
        assertThat(changedSince(supply, NOW.plusSeconds(21))).isEmpty();
        assertThat(changedSince(supply, NOW)).containsExactly(booked.id(), withdrawn.id()); // not what the build loaded
        assertThat(supply.lastChange()).isEqualTo(NOW.plusSeconds(20));
        assertThat(supply.changesKnownSince(NOW.minusNanos(1))).isFalse(); // before the build: withdrawals then are forgotten
    }

    @Test
    void theVersionMovesWithEveryChangeAndTheSchedulesAreEachClinicsServices() {
        SlotIndex index = SlotIndex.building(places);
        SlotEntry slot = entry(frenchPhysician, hours(1), "FREE");
        index.apply(List.of(slot, new SlotEntry(new SlotId(UUID.randomUUID()), sherbrooke.id(), frenchPhysician.id(), FOLLOW_UP,
                Modality.VIDEO, NOW.plus(hours(2)), 15, "FREE", BookingChannel.API), entry(englishNurse, hours(1), "FREE")));
        Supply opened = new Supply(index.open(NOW));
        index.apply(List.of(with(slot, "HELD")), NOW.plusSeconds(1));
        Supply later = new Supply(index);

        assertThat(later.version()).isGreaterThan(opened.version());
        assertThat(later.origin()).isEqualTo(opened.origin()).isEqualTo(NOW);
        List<String> schedules = new ArrayList<>();
        later.forEachSchedule((clinic, service) -> schedules.add(clinic + "/" + service));
        assertThat(schedules).containsExactly(sherbrooke.id() + "/" + CHECKUP, sherbrooke.id() + "/" + FOLLOW_UP, magog.id() + "/" + CHECKUP);
    }

    private static List<SlotId> changedSince(Supply supply, Instant since) {
        List<SlotId> changed = new ArrayList<>();
        supply.forEachSlot(new RegionCode("05"), NOW, Optional.of(since), slot -> changed.add(slot.id()));
        return changed;
    }

    // ---- fixtures ----

    private static Duration hours(long n) {
        return Duration.ofHours(n);
    }

    private static List<SlotId> ids(SearchResult result) {
        return result.hits().stream().map(SlotHit::id).toList();
    }

    private static Clinic clinic(String network, GeoPoint where) {
        return new Clinic(new ClinicId(UUID.randomUUID()), "Clinique " + network, ClinicKind.GMF, new LocalNetworkCode(network),
                new Fsa("J1H"), where, "819-555-0100", List.of(SourceSystem.OMNIMED));
    }

    private static Professional professional(Clinic clinic, Profession profession, Language... languages) {
        return new Professional(new ProfessionalId(UUID.randomUUID()), clinic.id(), profession, "Tremblay", "Alex", java.util.Set.of(languages));
    }

    private static SlotEntry entry(Professional who, Duration fromNow, String state) {
        return new SlotEntry(new SlotId(UUID.randomUUID()), who.clinic(), who.id(), CHECKUP, Modality.IN_PERSON, NOW.plus(fromNow), 15, state,
                BookingChannel.PHONE);
    }

    private static SlotEntry with(SlotEntry entry, String state) {
        return new SlotEntry(entry.id(), entry.clinic(), entry.professional(), entry.service(), entry.modality(), entry.start(),
                entry.durationMinutes(), state, entry.channel());
    }

    private static QueryBuilder query() {
        return new QueryBuilder();
    }

    private static final class QueryBuilder {
        private Optional<RegionCode> region = Optional.empty();
        private Optional<SlotQuery.Near> near = Optional.empty();
        private Optional<ServiceTypeCode> service = Optional.empty();
        private Optional<Profession> profession = Optional.empty();
        private Optional<Modality> modality = Optional.empty();
        private Optional<Language> language = Optional.empty();
        private SlotQuery.Order order = SlotQuery.Order.SOONEST;
        private int page;
        private int size = 20;

        QueryBuilder region(String code) {
            region = Optional.of(new RegionCode(code));
            return this;
        }

        QueryBuilder near(GeoPoint point, double km) {
            near = Optional.of(new SlotQuery.Near(point, km));
            return this;
        }

        QueryBuilder service(ServiceTypeCode code) {
            service = Optional.of(code);
            return this;
        }

        QueryBuilder profession(Profession p) {
            profession = Optional.of(p);
            return this;
        }

        QueryBuilder modality(Modality m) {
            modality = Optional.of(m);
            return this;
        }

        QueryBuilder language(Language l) {
            language = Optional.of(l);
            return this;
        }

        QueryBuilder order(SlotQuery.Order o) {
            order = o;
            return this;
        }

        QueryBuilder page(int number, int pageSize) {
            page = number;
            size = pageSize;
            return this;
        }

        SlotQuery build() {
            return new SlotQuery(region, near, service, profession, modality, language, NOW, NOW.plus(Duration.ofDays(30)), order, page, size);
        }
    }
}
