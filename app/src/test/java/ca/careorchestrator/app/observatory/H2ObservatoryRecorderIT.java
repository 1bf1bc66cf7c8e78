package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.core.geo.RegionCode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The recorder's SQL on the embedded default (H2, PostgreSQL mode): interval arithmetic, window functions, the rewrite of
 * a day. The month on PostgreSQL is {@link ObservatoryReconciliationIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=2",
        "care.provisioning.slots=direct", "care.simulation.enabled=false", "care.observatory.refresh-interval=1h"})
class H2ObservatoryRecorderIT {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-h2-observatory-it").toString();
        registry.add("care.data-dir", () -> dir);
    }

    @Autowired
    ProvinceLoader loader;
    @Autowired
    ObservatoryRecorder recorder;
    @Autowired
    Catalog catalog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void todaysRollupsAreTheRecordsCounts() throws InterruptedException {
        Loads.awaitReady(loader);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
        Instant now = clock.instant();
        catalog.search(new SlotQuery(Optional.of(new RegionCode("11")), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), now.plus(Duration.ofDays(400)), now.plus(Duration.ofDays(401)), SlotQuery.Order.SOONEST,
                0, 10));

        recorder.refresh();
        recorder.refresh(); // rewriting is idempotent: the same rows, searches not counted twice

        LocalDate today = LocalDate.ofInstant(now, ObservatoryRecorder.QUEBEC);
        long slots = jdbc.sql("select count(*) from availability_slot").query(Long.class).single();
        long published = jdbc.sql("select sum(published) from observatory_clinic_day where day = :day").param("day", today)
                .query(Long.class).single();
        assertThat(published).as("every slot was published today").isEqualTo(slots);
        long leads = jdbc.sql("""
                        select sum(published_lead_0_1 + published_lead_2_7 + published_lead_8_30 + published_lead_31_plus)
                        from observatory_area_day where day = :day and level = 'RSS'""")
                .param("day", today).query(Long.class).single();
        assertThat(leads).as("lead buckets add up, at the region level too").isEqualTo(slots);
        assertThat(jdbc.sql("select count(*) from observatory_access_day where day = :day").param("day", today).query(Long.class).single())
                .as("a third-next measure per clinic").isEqualTo(jdbc.sql("select count(*) from directory_clinic").query(Long.class).single());
        assertThat(jdbc.sql("select count(*) from observatory_access_day where third_next_minutes > 0").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("select sum(searches_unmet) from observatory_demand_day where day = :day and region_code = '11'")
                .param("day", today).query(Long.class).single()).isEqualTo(1);
    }
}
