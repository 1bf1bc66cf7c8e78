package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.SourceSystem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real vendors' SIU messages (see src/test/resources/fixtures/ATTRIBUTION.md), each sent over a real MLLP socket
 * to the connector's listener: each is ACKed AA and yields the records its trigger event means.
 */
class FixtureMessagesTest {

    private final List<SourceRecord> delivered = new ArrayList<>();
    private final RecordSink sink = batch -> {
        synchronized (delivered) {
            delivered.addAll(batch);
        }
        return Outcome.Ok.delivered(batch.size());
    };
    private Hl7v2Connector connector;
    private MllpClient client;

    @BeforeEach
    void listen() throws Exception {
        connector = new Hl7v2Connector(new SourceConfig(SourceSystem.OMNIMED, URI.create("mllp://127.0.0.1:9"),
                Map.of("mllp.listen-port", "0"), Duration.ofSeconds(5), Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC)));
        connector.listen(sink);
        client = MllpClient.connect(URI.create(connector.address()), Duration.ofSeconds(5), StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() {
        client.close();
        connector.close();
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = FixtureMessagesTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends one fixture, checks it is ACKed AA, and returns what was delivered for it. */
    private List<SourceRecord> send(String path) throws Exception {
        String message = fixture(path);
        String ack = client.exchange(message, StandardCharsets.UTF_8);
        assertThat(ack).as(path).contains("\rMSA|AA|" + RawHeader.of(message).controlId());
        synchronized (delivered) {
            List<SourceRecord> records = List.copyOf(delivered);
            delivered.clear();
            return records;
        }
    }

    private static SourceRecord.SlotSeen slot(List<SourceRecord> records) {
        assertThat(records).noneMatch(SourceRecord.Unreadable.class::isInstance);
        return records.stream().filter(SourceRecord.SlotSeen.class::isInstance).map(SourceRecord.SlotSeen.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no SlotSeen in " + records));
    }

    @Test
    void renalwareBookingsAreTakenSlotsAndTheCancellationFreesOne() throws Exception {
        SourceRecord.SlotSeen s12 = slot(send("renalware-core/siu_s12_v24_blt.hl7"));
        assertThat(s12.externalId()).isEqualTo("149549015");
        assertThat(s12.free()).isFalse();
        assertThat(s12.siteRef()).isEqualTo("RNJ ROYALLONDON");
        assertThat(s12.serviceCode()).isEqualTo("Nephrology New");
        assertThat(s12.professionalRef()).isEqualTo("Baxter, Stanley");
        // No offset in SCH-11: the source's wall clock (America/Montreal, EST in November).
        assertThat(s12.start()).isEqualTo(Instant.parse("2024-11-06T17:00:00Z"));
        assertThat(s12.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s12.version()).isEqualTo(Instant.parse("2024-11-06T20:07:01Z").toEpochMilli());

        SourceRecord.SlotSeen s13 = slot(send("renalware-core/siu_s13_v24_blt.hl7"));
        assertThat(s13.externalId()).isEqualTo("149549023");
        assertThat(s13.free()).isFalse();
        assertThat(s13.start()).isEqualTo(Instant.parse("2024-11-06T16:30:00Z"));

        assertThat(slot(send("renalware-core/siu_s14_v24_blt.hl7")).free()).isFalse();

        SourceRecord.SlotSeen s15 = slot(send("renalware-core/siu_s15_v24_blt.hl7"));
        assertThat(s15.externalId()).isEqualTo("149549027");
        assertThat(s15.free()).isTrue();
        assertThat(s15.siteRef()).isEqualTo("RNJ BARTS");
        assertThat(s15.duration()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void rimitiEventsAreDecidedByTheTriggerNotByTheStatusThatStillSaysBooked() throws Exception {
        for (String booked : List.of("s12", "s13", "s14")) {
            SourceRecord.SlotSeen slot = slot(send("rimiti-object-hl7-parser/siu_" + booked + "_v251_clicrdv.hl7"));
            assertThat(slot.externalId()).isEqualTo("49849903800^Clicrdv");
            assertThat(slot.free()).as(booked).isFalse();
            // No AIL: the sending facility (MSH-4) is the site.
            assertThat(slot.siteRef()).isEqualTo("proxy00-prodaz");
            assertThat(slot.start()).isEqualTo(Instant.parse("2016-12-31T16:00:00Z"));
            assertThat(slot.duration()).isEqualTo(Duration.ofMinutes(30));
        }

        assertThat(slot(send("rimiti-object-hl7-parser/siu_s15_v251_clicrdv.hl7")).free()).as("S15 cancellation").isTrue();

        List<SourceRecord> s17 = send("rimiti-object-hl7-parser/siu_s17_v251_clicrdv.hl7");
        assertThat(s17).singleElement().isInstanceOfSatisfying(SourceRecord.SlotGone.class,
                gone -> assertThat(gone.externalId()).isEqualTo("49849903800^Clicrdv"));

        assertThat(slot(send("rimiti-object-hl7-parser/siu_s26_v251_clicrdv.hl7")).free()).as("S26 no-show").isFalse();
    }

    @Test
    void aVersion23MessageWithATrailingSpaceInItsStartIsRead() throws Exception {
        List<SourceRecord> records = send("node-hl7-complete/siu_s14_v23_corepoint.hl7");

        SourceRecord.SlotSeen slot = slot(records);
        assertThat(slot.externalId()).isEqualTo("00331839401");
        assertThat(slot.start()).isEqualTo(Instant.parse("2008-03-06T15:00:00Z"));
        assertThat(slot.duration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(slot.siteRef()).isEqualTo("HHR");
        assertThat(slot.professionalRef()).isEqualTo("PBN");
        assertThat(slot.professionCode()).isEqualTo("50");
        assertThat(slot.serviceCode()).isEqualTo("HLCK");
        assertThat(slot.free()).as("ARRIVED is an appointment").isFalse();
        assertThat(records).first().isInstanceOfSatisfying(SourceRecord.SiteSeen.class, site -> assertThat(site.siteRef()).isEqualTo("HHR"));
    }

    @Test
    void aMalformedMessageIsQuarantinedAndNackedWithItsReason() throws Exception {
        String broken = "MSH|^~\\&|OMNIMED|OMNI-DME|CAREORCH|QC|20261123070000||SIU^S12|BROKEN-1|P|2.4\r"
                + "SCH||77^1^2|||||||20|MIN|^^^not-a-time\rRGS|1\rAIL|1||^^^CL1\r";

        String ack = client.exchange(broken, StandardCharsets.UTF_8);

        assertThat(ack).contains("\rMSA|AE|BROKEN-1|").contains("not-a-time").contains("\rERR|");
        assertThat(delivered).singleElement().isInstanceOfSatisfying(SourceRecord.Unreadable.class, unreadable -> {
            assertThat(unreadable.raw()).isEqualTo(broken);
            assertThat(unreadable.externalId()).isEqualTo("77^1^2");
        });
    }

    @Test
    void textThatIsNotHl7IsQuarantinedAndNacked() throws Exception {
        String ack = client.exchange("this is not HL7", StandardCharsets.UTF_8);

        assertThat(ack).contains("\rMSA|AE||not parseable HL7");
        assertThat(delivered).singleElement().isInstanceOf(SourceRecord.Unreadable.class);
    }

    @Test
    void aMessageThatIsNotAScheduleIsQuarantinedAsUnsupported() throws Exception {
        String adt = "MSH|^~\\&|OMNIMED|OMNI-DME|CAREORCH|QC|20261123070000||ADT^A01|ADT-1|P|2.5.1\rPID|1||123\r";

        String ack = client.exchange(adt, StandardCharsets.UTF_8);

        assertThat(ack).contains("\rMSA|AE|ADT-1|not a schedule message").contains("\rERR|||200");
        assertThat(delivered).singleElement().isInstanceOf(SourceRecord.Unreadable.class);
    }
}
