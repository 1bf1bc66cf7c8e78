package ca.careorchestrator.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotCounts;
import ca.careorchestrator.app.directory.ClinicListing;
import ca.careorchestrator.app.directory.ClinicQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.Page;
import ca.careorchestrator.app.directory.PageRequest;
import ca.careorchestrator.app.directory.ProfessionalQuery;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the stores promise, run against each database (H2 and PostgreSQL subclasses): the tiny province
 * goes in through the start-up load and comes back out exactly as the generator made it.
 */
abstract class RepositoryContract {

    @Autowired
    ProvinceLoader loader;
    @Autowired
    Directory directory;
    @Autowired
    Availability availability;
    @Autowired
    BulkInsert bulk;
    @Autowired
    JdbcClient jdbc;

    LoadStatus status;
    Province expected;

    @BeforeEach
    void loaded() {
        status = Loads.awaitReady(loader);
        LocalDate firstDay = jdbc.sql("select first_day from provisioning_run").query(LocalDate.class).single();
        expected = ProvinceGenerator.generate(new ProvinceSpec(Preset.TINY, status.seed(), firstDay, 1));
    }

    @Test
    void storesEveryClinicAndProfessionalAsGenerated() {
        Page<ClinicListing> clinics = directory.clinics(new ClinicQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                new PageRequest(0, 200)));
        Page<Professional> professionals = directory.professionals(new ProfessionalQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), new PageRequest(0, 200)));

        assertThat(clinics.items()).extracting(ClinicListing::clinic).containsExactlyInAnyOrderElementsOf(expected.clinics());
        assertThat(professionals.totalItems()).isEqualTo(expected.professionals().size());
        Clinic first = expected.clinics().getFirst();
        assertThat(directory.clinic(first.id())).contains(first);
        List<Professional> ofFirst = expected.professionals().stream().filter(p -> p.clinic().equals(first.id())).toList();
        assertThat(directory.professionals(new ProfessionalQuery(Optional.empty(), Optional.of(first.id()), Optional.empty(),
                new PageRequest(0, 200))).items()).containsExactlyInAnyOrderElementsOf(ofFirst);
    }

    @Test
    void storesEverySlotWithItsListings() {
        AtomicLong free = new AtomicLong();
        AtomicLong listings = new AtomicLong();
        expected.forEachSlot(s -> {
            listings.addAndGet(s.listings().size());
            if (s.state() instanceof SlotState.Free) {
                free.incrementAndGet();
            }
        });
        Map<RegionCode, SlotCounts> counts = availability.futureSlotsByRegion(
                expected.spec().firstDay().atStartOfDay(ZoneId.of("America/Montreal")).toInstant());

        assertThat(counts).containsOnlyKeys(new RegionCode("11"));
        assertThat(counts.get(new RegionCode("11"))).isEqualTo(new SlotCounts(expected.slotCount(), free.get()));
        assertThat(jdbc.sql("select count(*) from availability_listing").query(Long.class).single()).isEqualTo(listings.get());
        assertThat(status.slotsWritten()).isEqualTo(expected.slotCount());
    }

    private SlotChangeContract changes() {
        return new SlotChangeContract(availability, jdbc, expected.professionals().getFirst());
    }

    @Test
    void aNewListingMakesAFreeSlot() {
        changes().aNewListingMakesAFreeSlot();
    }

    @Test
    void anOlderOrEqualVersionChangesNothing() {
        changes().anOlderOrEqualVersionChangesNothing();
    }

    @Test
    void twoChannelsPublishingOneTimeMakeOneSlotThatEitherCanTake() {
        changes().twoChannelsPublishingOneTimeMakeOneSlotThatEitherCanTake();
    }

    @Test
    void aSlotIsWithdrawnWhenItsLastListingGoes() {
        changes().aSlotIsWithdrawnWhenItsLastListingGoes();
    }

    @Test
    void aFullReadNoticesASlotDeletedSilentlyAndSeeingItAgainRevivesIt() {
        changes().aFullReadNoticesASlotDeletedSilentlyAndSeeingItAgainRevivesIt();
    }

    @Test
    void anyOrderWithDuplicatesConvergesOnTheInOrderState() {
        changes().anyOrderWithDuplicatesConvergesOnTheInOrderState(40);
    }

    @Test
    void refusesASecondListingUnderTheSameSourceId() {
        String duplicate = "insert into availability_listing (source_system, external_id, slot_id, source_version) "
                + "select source_system, external_id, slot_id, source_version + 1 from availability_listing limit 1";
        assertThatThrownBy(() -> jdbc.sql(duplicate).update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void aFailedBulkInsertLeavesNothingBehind() {
        long before = jdbc.sql("select count(*) from directory_region").query(Long.class).single();
        List<String> columns = List.of("code", "name", "population");
        BulkInsert.Batch fine = new BulkInsert.Batch("directory_local_network", List.of("code", "region_code", "name", "population"),
                List.<Object[]>of(new Object[] {"1199", "11", "RLS de test", 1L}));
        BulkInsert.Batch clash = new BulkInsert.Batch("directory_region", columns,
                List.<Object[]>of(new Object[] {"11", "Doublon", 1L}));

        assertThatThrownBy(() -> bulk.insert(fine, clash)).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.sql("select count(*) from directory_local_network where code = '1199'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from directory_region").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void bulkInsertKeepsTextThatLooksLikeSeparators() {
        UUID id = UUID.nameUUIDFromBytes("odd".getBytes());
        String name = "Clinique \\ d'essai\tà\nlignes";
        Clinic template = expected.clinics().getFirst();
        bulk.insert(new BulkInsert.Batch("directory_clinic",
                List.of("id", "name", "kind", "local_network_code", "region_code", "fsa", "latitude", "longitude", "phone"),
                List.<Object[]>of(new Object[] {id, name, "GMF", template.localNetwork().value(), "11", template.fsa().value(), 48.0,
                        -65.0, "418-555-0100"})));
        try {
            assertThat(jdbc.sql("select name from directory_clinic where id = :id").param("id", id).query(String.class).single())
                    .isEqualTo(name);
        } finally {
            jdbc.sql("delete from directory_clinic where id = :id").param("id", id).update();
        }
    }
}
