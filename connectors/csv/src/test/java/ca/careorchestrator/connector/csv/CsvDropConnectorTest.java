package ca.careorchestrator.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a real folder. */
class CsvDropConnectorTest {

    private static final String HEADER = "slot_id,clinic_id,clinic_name,clinic_phone,provider_no,provider_type,appointment_date,start_time,"
            + "end_time,appointment_type,visit_mode,status,time_zone";
    private static final Instant EXPORTED = Instant.parse("2026-10-25T12:00:00Z");

    @TempDir
    Path drop;

    private final List<SourceRecord> received = new ArrayList<>();
    private final RecordSink sink = batch -> {
        received.addAll(batch);
        return Outcome.Ok.delivered(batch.size());
    };

    private PullConnector connector(Map<String, String> settings) {
        return (PullConnector) new CsvDropConnectorFactory().create(new SourceConfig(SourceSystem.OSCAR_QC, drop.toUri(), settings,
                Duration.ofSeconds(5), Clock.fixed(EXPORTED, ZoneOffset.UTC)));
    }

    private Path write(String name, String text, Charset charset) throws Exception {
        return write(name, text.replace("\n", "\r\n").getBytes(charset));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = drop.resolve(name);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(EXPORTED));
        return file;
    }

    private List<SourceRecord.SlotSeen> slots() {
        return received.stream().filter(SourceRecord.SlotSeen.class::isInstance).map(SourceRecord.SlotSeen.class::cast).toList();
    }

    private List<SourceRecord.SiteSeen> sites() {
        return received.stream().filter(SourceRecord.SiteSeen.class::isInstance).map(SourceRecord.SiteSeen.class::cast).toList();
    }

    private List<SourceRecord.Unreadable> unreadable() {
        return received.stream().filter(SourceRecord.Unreadable.class::isInstance).map(SourceRecord.Unreadable.class::cast).toList();
    }

    @Test
    void isFoundByServiceLoaderForCsvDrop() {
        assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get).map(ConnectorFactory::protocol))
                .contains(Protocol.CSV_DROP);
    }

    @Test
    void aLatin1ExportWithAccentsIsReadRightAndMovedToDone() throws Exception {
        write("oscar-export-1.csv", HEADER + """

                s1,oscar-7,Clinique médicale de l'Érablière,819-555-0101,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,available,America/Montreal
                s2,oscar-7,Clinique médicale de l'Érablière,819-555-0101,provider-3,doctor,2026-10-26,09:15,09:30,Follow-up,office,booked,America/Montreal
                """, StandardCharsets.ISO_8859_1);

        Outcome outcome = connector(Map.of("csv.charset", "ISO-8859-1")).pull(Checkpoint.NONE, sink);

        assertThat(outcome).isEqualTo(new Outcome.Ok(3, new Checkpoint("oscar-export-1.csv"), Outcome.Coverage.FULL));
        assertThat(sites()).singleElement().satisfies(site -> {
            assertThat(site.name()).isEqualTo("Clinique médicale de l'Érablière");
            assertThat(site.siteRef()).isEqualTo("oscar-7");
        });
        assertThat(slots()).extracting(SourceRecord.SlotSeen::externalId, SourceRecord.SlotSeen::free)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", true), org.assertj.core.groups.Tuple.tuple("s2", false));
        SourceRecord.SlotSeen first = slots().getFirst();
        assertThat(first.start()).isEqualTo(Instant.parse("2026-10-26T13:00:00Z"));
        assertThat(first.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(first.version()).isEqualTo(EXPORTED.toEpochMilli());
        assertThat(first.serviceCode()).isEqualTo("Follow-up");
        assertThat(first.professionCode()).isEqualTo("doctor");
        assertThat(first.modalityCode()).isEqualTo("office");
        assertThat(first.professionalRef()).isEqualTo("provider-3");
        assertThat(first.booking().phone()).isEqualTo("819-555-0101");
        assertThat(first.raw()).startsWith("s1,oscar-7,Clinique médicale de l'Érablière").doesNotEndWith("\r");
        assertThat(drop.resolve("oscar-export-1.csv")).doesNotExist();
        assertThat(drop.resolve("done/oscar-export-1.csv")).exists();
    }

    @Test
    void aUtf8ByteOrderMarkWinsOverTheConfiguredCharset() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write((HEADER + "\r\ns1,oscar-7,Clinique Saint-Élie,,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,available,\r\n")
                .getBytes(StandardCharsets.UTF_8));
        write("oscar-export-1.csv", bytes.toByteArray());

        connector(Map.of("csv.charset", "ISO-8859-1")).pull(Checkpoint.NONE, sink);

        assertThat(sites()).singleElement().satisfies(site -> assertThat(site.name()).isEqualTo("Clinique Saint-Élie"));
        assertThat(slots()).hasSize(1);
    }

    @Test
    void aLatin1FileReadAsUtf8FallsBackToWindows1252() throws Exception {
        write("oscar-export-1.csv", HEADER + "\ns1,oscar-7,Clinique Saint-Élie,,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,available,\n",
                StandardCharsets.ISO_8859_1);

        connector(Map.of()).pull(Checkpoint.NONE, sink);

        assertThat(sites()).singleElement().satisfies(site -> assertThat(site.name()).isEqualTo("Clinique Saint-Élie"));
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrderCaseAndBlanks() throws Exception {
        write("oscar-export-1.csv", """
                 STATUS , Start_Time,appointment_date,CLINIC_ID,end_time,slot_id,extra_column
                available,09:00,2026-10-26,oscar-7,09:20,s1,whatever
                """, StandardCharsets.UTF_8);

        connector(Map.of()).pull(Checkpoint.NONE, sink);

        assertThat(slots()).singleElement().satisfies(slot -> {
            assertThat(slot.externalId()).isEqualTo("s1");
            assertThat(slot.duration()).isEqualTo(Duration.ofMinutes(20));
            assertThat(slot.serviceCode()).isNull();
        });
    }

    @Test
    void anotherExportIsReadThroughItsColumnMappingAndZoneSetting() throws Exception {
        write("export-1.csv", """
                Clinique;Médecin;Date;Heure;Durée;État
                oscar-9;provider-4;26/10/2026;9h00;30;libre
                """, StandardCharsets.UTF_8);

        connector(Map.of("csv.delimiter", ";", "csv.zone", "America/Halifax", "csv.date-format", "dd/MM/yyyy", "csv.time-format", "H'h'mm",
                "csv.columns", "site=Clinique;professional=Médecin;date=Date;start=Heure;duration=Durée;status=État")).pull(Checkpoint.NONE, sink);

        assertThat(slots()).singleElement().satisfies(slot -> {
            // No id column: clinic, local start minute and provider name the slot.
            assertThat(slot.externalId()).isEqualTo("oscar-9-202610260900-provider-4");
            assertThat(slot.start()).isEqualTo(Instant.parse("2026-10-26T12:00:00Z"));
            assertThat(slot.duration()).isEqualTo(Duration.ofMinutes(30));
            assertThat(slot.free()).isTrue();
        });
    }

    @Test
    void aBadRowIsQuarantinedWithItsTextAndTheRestIsApplied() throws Exception {
        write("oscar-export-1.csv", HEADER + """

                s1,oscar-7,Clinique,,provider-3,doctor,2026-13-45,09:00,09:15,Follow-up,office,available,America/Montreal
                s2,oscar-7,Clinique,,provider-3,doctor,2026-10-26,09:15
                s3,oscar-7,Clinique,,provider-3,doctor,2026-10-26,09:30,09:45,Follow-up,office,cancelled,America/Montreal
                s4,oscar-7,\"Clinique, site \"\"Nord\"\"\",,provider-3,doctor,2026-10-26,09:45,10:00,Follow-up,office,available,America/Montreal
                """, StandardCharsets.UTF_8);

        Outcome outcome = connector(Map.of()).pull(Checkpoint.NONE, sink);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.FULL));
        assertThat(slots()).extracting(SourceRecord.SlotSeen::externalId).containsExactly("s4");
        assertThat(sites()).singleElement().satisfies(site -> assertThat(site.name()).isEqualTo("Clinique, site \"Nord\""));
        assertThat(unreadable()).extracting(SourceRecord.Unreadable::externalId).containsExactly("s1", "s2", "s3");
        assertThat(unreadable().get(0).raw()).isEqualTo(
                "s1,oscar-7,Clinique,,provider-3,doctor,2026-13-45,09:00,09:15,Follow-up,office,available,America/Montreal");
        assertThat(unreadable().get(0).reason()).contains("appointment_date");
        assertThat(unreadable().get(1).reason()).contains("missing column");
        assertThat(unreadable().get(2).reason()).contains("unknown status 'cancelled'");
    }

    @Test
    void aFileStillBeingWrittenUnderAnotherNameIsLeftAlone() throws Exception {
        write("oscar-export-1.csv.tmp", HEADER + "\n", StandardCharsets.UTF_8);
        Checkpoint before = new Checkpoint("oscar-export-0.csv");

        Outcome outcome = connector(Map.of()).pull(before, sink);

        assertThat(outcome).isEqualTo(new Outcome.Ok(0, before, Outcome.Coverage.CHANGES));
        assertThat(drop.resolve("oscar-export-1.csv.tmp")).exists();
    }

    @Test
    void aPullReadsTheNewestExportAndSetsTheOlderOnesAsideAsSuperseded() throws Exception {
        String row = "\ns1,oscar-7,Clinique,,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,";
        write("oscar-export-20261025T120000000Z.csv", HEADER + row + "available,\n", StandardCharsets.UTF_8);
        write("oscar-export-20261025T130000000Z.csv", HEADER + row + "booked,\n", StandardCharsets.UTF_8);
        PullConnector connector = connector(Map.of());

        Outcome first = connector.pull(Checkpoint.NONE, sink);
        Outcome second = connector.pull(((Outcome.Ok) first).next(), sink);

        assertThat(((Outcome.Ok) first).next().value()).isEqualTo("oscar-export-20261025T130000000Z.csv");
        assertThat(drop.resolve("stale/oscar-export-20261025T120000000Z.csv")).exists();
        assertThat(second).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.recordsRead()).isZero());
        assertThat(slots()).extracting(SourceRecord.SlotSeen::free).containsExactly(false);
    }

    @Test
    void anExportNamedBeforeTheCheckpointIsSetAsideUnread() throws Exception {
        write("oscar-export-20261025T110000000Z.csv", HEADER + "\n", StandardCharsets.UTF_8);

        Outcome outcome = connector(Map.of()).pull(new Checkpoint("oscar-export-20261025T120000000Z.csv"), sink);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.recordsRead()).isZero());
        assertThat(drop.resolve("stale/oscar-export-20261025T110000000Z.csv")).exists();
        assertThat(received).isEmpty();
    }

    @Test
    void aFileWithoutTheColumnsItNeedsIsRejectedWholeAndKeptInFailed() throws Exception {
        write("oscar-export-1.csv", "clinic,date\noscar-7,2026-10-26\n", StandardCharsets.UTF_8);

        Outcome outcome = connector(Map.of()).pull(Checkpoint.NONE, sink);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> {
            assertThat(rejected.externalId()).isEqualTo("oscar-export-1.csv");
            assertThat(rejected.reason()).contains("clinic_id");
            assertThat(rejected.rawPayload()).contains("oscar-7,2026-10-26");
        });
        assertThat(received).isEmpty();
        assertThat(drop.resolve("failed/oscar-export-1.csv")).exists();
    }

    @Test
    void aFileTheStoreRefusesIsKeptInFailedForReplay() throws Exception {
        write("oscar-export-1.csv", HEADER + "\ns1,oscar-7,Clinique,,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,available,\n",
                StandardCharsets.UTF_8);
        Outcome.Rejected refused = new Outcome.Rejected("oscar-export-1.csv", "constraint", "raw");

        assertThat(connector(Map.of()).pull(Checkpoint.NONE, batch -> refused)).isEqualTo(refused);
        assertThat(drop.resolve("failed/oscar-export-1.csv")).exists();
    }

    @Test
    void aBusyStoreLeavesTheFileInPlaceForTheNextPull() throws Exception {
        write("oscar-export-1.csv", HEADER + "\ns1,oscar-7,Clinique,,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,available,\n",
                StandardCharsets.UTF_8);
        Outcome.RetryAfter busy = new Outcome.RetryAfter(Duration.ofSeconds(2), "busy");
        PullConnector connector = connector(Map.of());

        assertThat(connector.pull(Checkpoint.NONE, batch -> busy)).isEqualTo(busy);
        assertThat(drop.resolve("oscar-export-1.csv")).exists();

        assertThat(connector.pull(Checkpoint.NONE, sink)).isInstanceOf(Outcome.Ok.class);
        assertThat(slots()).hasSize(1);
    }

    @Test
    void aMissingDropFolderIsAPermanentFailure() throws Exception {
        PullConnector connector = (PullConnector) new CsvDropConnectorFactory().create(new SourceConfig(SourceSystem.OSCAR_QC,
                drop.resolve("nowhere").toUri(), Map.of(), Duration.ofSeconds(5), Clock.fixed(EXPORTED, ZoneOffset.UTC)));

        assertThat(connector.pull(Checkpoint.NONE, sink)).isInstanceOf(Outcome.PermanentFailure.class);
    }

    @Test
    void deliversInBatchesOfAtMostFiveHundred() throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 700; i++) {
            text.append("s").append(i).append(",oscar-7,Clinique,,provider-3,doctor,2026-10-26,09:00,09:15,Follow-up,office,available,\n");
        }
        write("oscar-export-1.csv", text.toString(), StandardCharsets.UTF_8);
        List<Integer> sizes = new ArrayList<>();

        connector(Map.of()).pull(Checkpoint.NONE, batch -> {
            sizes.add(batch.size());
            return Outcome.Ok.delivered(batch.size());
        });

        assertThat(sizes).containsExactly(500, 201);
    }
}
