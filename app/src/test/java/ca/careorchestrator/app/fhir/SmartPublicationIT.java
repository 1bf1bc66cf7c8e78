package ca.careorchestrator.app.fhir;

import static ca.careorchestrator.app.support.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotCounts;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.app.support.PostgresDatabase;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.RegionCode;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The SMART Scheduling Links publication over real HTTP, on the tiny province (slots written directly) in
 * PostgreSQL: the manifest, every file it names, every line parsed and validated offline (Locations and Slots
 * against the IG's vaccine-location and vaccine-slot profiles, Schedules against base R4: vaccine-schedule requires
 * a COVID-19 service), counts against the record, references, changes arriving the way a source reports them
 * (booked, given a deep link, withdrawn) in the full files and in the changes since, the validators (304), and our
 * own SMART connector reading the feed back.
 */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct", "care.simulation.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmartPublicationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VACCINE_LOCATION = FhirValidation.SMART_PROFILES + "vaccine-location";
    private static final String VACCINE_SLOT = FhirValidation.SMART_PROFILES + "vaccine-slot";
    private static final String BASE_SCHEDULE = "http://hl7.org/fhir/StructureDefinition/Schedule";
    private static final String DEEP_LINK = FhirValidation.SMART_PROFILES + "booking-deep-link";
    private static final String PHONE = FhirValidation.SMART_PROFILES + "booking-phone";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.useFreshSchema(registry, "smart_publication_it");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    Catalog catalog;
    @Autowired
    Availability availability;
    @Autowired
    Directory directory;
    @Autowired
    FhirJson fhir;
    @Autowired
    TestClock clock;

    FhirValidation validation;

    @BeforeAll
    void provinceLoadedAndIndexed() throws Exception {
        Loads.awaitReady(loader);
        await(Duration.ofSeconds(60), () -> catalog.status().ready() && !catalog.status().rebuilding(), "the index is built");
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(30))).isTrue();
        HttpResponse<String> codes = get("/fhir/CodeSystem/service-type");
        validation = new FhirValidation(fhir.context(), parser().parseResource(CodeSystem.class, codes.body()), true);
    }

    // ---- the publication ------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void publishesAManifestWhoseEveryLineIsValidAgainstTheSmartProfiles() throws Exception {
        HttpResponse<String> answer = get("/smart/$bulk-publish");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.headers().firstValue("ETag")).isPresent();
        assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=60");
        JsonNode manifest = JSON.readTree(answer.body());

        assertThat(OffsetDateTime.parse(manifest.path("transactionTime").asString()).toInstant()).isBeforeOrEqualTo(clock.instant());
        assertThat(manifest.path("request").asString()).isEqualTo(url("/smart/$bulk-publish"));
        assertThat(manifest.path("error").isArray() && manifest.path("error").isEmpty()).isTrue();
        List<String> types = new ArrayList<>();
        for (JsonNode output : manifest.path("output")) {
            types.add(output.path("type").asString());
            assertThat(output.path("extension").path("state").toString()).isEqualTo("[\"QC\"]");
        }
        assertThat(types).containsExactly("Location", "Schedule", "Slot");
        JsonNode slots = manifest.path("output").get(2);
        assertThat(slots.path("url").asString()).isEqualTo(url("/smart/Slot-11.ndjson"));
        assertThat(slots.path("extension").path("region").toString()).isEqualTo("[\"11\"]");

        Feed feed = feed("");
        IParser parser = parser();
        List<String> errors = new ArrayList<>();
        long started = System.nanoTime();
        for (String line : feed.locations()) {
            assertThat(parser.parseResource(line).fhirType()).isEqualTo("Location");
            errors.addAll(describe(line, validation.errors(line, VACCINE_LOCATION)));
        }
        // Every line parsed; every Location validated, and of the rest the first of each shape and an even spread: HAPI's
        // validator takes 0.1 to 0.5 s a resource on this machine, every one of ~6,000 Slots would take 10 to 50 minutes.
        Set<String> services = new HashSet<>();
        for (String line : feed.schedules()) {
            assertThat(parser.parseResource(line).fhirType()).isEqualTo("Schedule");
            if (services.add(JSON.readTree(line).path("serviceType").get(0).path("coding").get(0).path("code").asString())) {
                // Base R4 only: the IG's vaccine-schedule requires a COVID-19 immunization service (slice c19Service).
                errors.addAll(describe(line, validation.errors(line, BASE_SCHEDULE)));
            }
        }
        Set<String> shapes = new HashSet<>();
        int validated = 0;
        int every = Math.max(1, feed.slots().size() / 20);
        for (int i = 0; i < feed.slots().size(); i++) {
            String line = feed.slots().get(i);
            assertThat(parser.parseResource(line).fhirType()).isEqualTo("Slot");
            if (shapes.add(shape(JSON.readTree(line))) || i % every == 0) {
                errors.addAll(describe(line, validation.errors(line, VACCINE_SLOT)));
                validated++;
            }
        }
        System.out.printf("SMART feed: %d locations, %d schedules (%d services), %d slots (%d shapes, %d validated) in %.1f s%n",
                feed.locations().size(), feed.schedules().size(), services.size(), feed.slots().size(), shapes.size(), validated,
                (System.nanoTime() - started) / 1e9);
        for (String first : List.of(feed.locations().getFirst(), feed.slots().getFirst())) {
            validation.messages(first, first.contains("\"Slot\"") ? VACCINE_SLOT : VACCINE_LOCATION).forEach(m -> System.out.printf(
                    "  validator %s at %s: %s%n", m.getSeverity(), m.getLocationString(), m.getMessage()));
        }

        assertThat(errors).isEmpty();
        assertThat(feed.locations()).hasSize(directory.allClinics().size());
        assertThat(feed.slots()).hasSizeGreaterThan(1000);
    }

    @Test
    @Order(2)
    void countsMatchTheRecordAndEveryReferenceResolves() throws Exception {
        Feed feed = feed("");
        assertCountsMatchTheRecord(feed);

        Set<String> locations = ids(feed.locations());
        Set<String> schedules = ids(feed.schedules());
        Set<String> slots = ids(feed.slots());
        assertThat(locations).hasSize(feed.locations().size());
        assertThat(schedules).hasSize(feed.schedules().size());
        assertThat(slots).hasSize(feed.slots().size());
        Map<String, String> zoneOfSchedule = new HashMap<>();
        Map<String, String> zoneOfLocation = new HashMap<>();
        for (String line : feed.locations()) {
            JsonNode location = JSON.readTree(line);
            zoneOfLocation.put(location.path("id").asString(), location.path("extension").get(0).path("valueCode").asString());
            assertThat(location.path("address").path("state").asString()).isEqualTo("QC");
            assertThat(location.path("address").path("postalCode").asString()).matches("[GHJ]\\d[A-Z] \\d[A-Z]\\d");
        }
        for (String line : feed.schedules()) {
            JsonNode schedule = JSON.readTree(line);
            String actor = schedule.path("actor").get(0).path("reference").asString();
            assertThat(actor).startsWith("Location/");
            assertThat(locations).contains(actor.substring("Location/".length()));
            zoneOfSchedule.put(schedule.path("id").asString(), zoneOfLocation.get(actor.substring("Location/".length())));
        }
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        int ourPages = 0;
        for (String line : feed.slots()) {
            JsonNode slot = JSON.readTree(line);
            String reference = slot.path("schedule").path("reference").asString();
            assertThat(reference).startsWith("Schedule/");
            assertThat(schedules).contains(reference.substring("Schedule/".length()));
            OffsetDateTime start = OffsetDateTime.parse(slot.path("start").asString());
            OffsetDateTime end = OffsetDateTime.parse(slot.path("end").asString());
            assertThat(start.toInstant()).isAfterOrEqualTo(hour);
            assertThat(end).isAfter(start);
            // Written in the clinic's zone at that instant (the Magdalen Islands keep Atlantic time).
            ZoneId zone = ZoneId.of(zoneOfSchedule.get(reference.substring("Schedule/".length())));
            assertThat(start.getOffset()).isEqualTo(zone.getRules().getOffset(start.toInstant()));
            assertThat(extension(slot, PHONE)).isNotNull();
            String link = extension(slot, DEEP_LINK);
            if (link != null && link.startsWith(url("/rendez-vous/plage/"))) {
                assertThat(link).isEqualTo(url("/rendez-vous/plage/" + slot.path("id").asString()));
                ourPages++;
            }
        }
        // Slots the orchestrator books through their platform's API link to its own booking page.
        assertThat(ourPages).isPositive();
    }

    @Test
    @Order(3)
    void aSlotBookedAtItsSourceIsBusyInTheFileAndAmongTheChangesSince() throws Exception {
        JsonNode before = manifest("");
        String transactionTime = before.path("transactionTime").asString();
        JsonNode free = firstSlot(feed("").slots(), "free", true);
        SlotId id = new SlotId(UUID.fromString(free.path("id").asString()));

        bookAtSource(id);

        JsonNode busy = slotIn(feed("").slots(), id);
        assertThat(busy.path("status").asString()).isEqualTo("busy");
        assertThat(validation.errors(busy.toString(), VACCINE_SLOT)).isEmpty();
        String since = "?_since=" + URLEncoder.encode(transactionTime, StandardCharsets.UTF_8);
        JsonNode incremental = manifest(since);
        assertThat(incremental.path("request").asString()).isEqualTo(url("/smart/$bulk-publish" + since));
        assertThat(incremental.path("output").get(2).path("url").asString()).isEqualTo(url("/smart/Slot-11.ndjson" + since));
        assertThat(OffsetDateTime.parse(incremental.path("transactionTime").asString()).toInstant())
                .isAfter(OffsetDateTime.parse(transactionTime).toInstant());
        Feed changes = feed(since);
        assertThat(changes.slots()).hasSize(1);
        assertThat(JSON.readTree(changes.slots().getFirst()).path("status").asString()).isEqualTo("busy");
        assertThat(changes.locations()).hasSize(directory.allClinics().size()); // always whole
        assertCountsMatchTheRecord(feed(""));
    }

    @Test
    @Order(4)
    void anUnchangedFeedAnswers304AndAChangedOneAfresh() throws Exception {
        Thread.sleep(1_100); // Last-Modified is given once the latest change's second is over
        HttpResponse<String> manifest = get("/smart/$bulk-publish");
        String etag = manifest.headers().firstValue("ETag").orElseThrow();
        String lastModified = manifest.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(get("/smart/$bulk-publish", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/smart/$bulk-publish", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        for (String file : List.of("/smart/Location.ndjson", "/smart/Schedule.ndjson", "/smart/Slot-11.ndjson")) {
            HttpResponse<String> whole = get(file);
            assertThat(whole.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+ndjson");
            HttpResponse<String> again = get(file, "If-None-Match", whole.headers().firstValue("ETag").orElseThrow());
            assertThat(again.statusCode()).as(file).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        HttpResponse<byte[]> zipped = HTTP.send(HttpRequest.newBuilder(URI.create(url("/smart/Slot-11.ndjson")))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("ETag")).isNotEqualTo(get("/smart/Slot-11.ndjson").headers().firstValue("ETag"));
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(get("/smart/Slot-11.ndjson").body());
        }

        bookAtSource(new SlotId(UUID.fromString(firstSlot(feed("").slots(), "free", true).path("id").asString())));

        HttpResponse<String> changed = get("/smart/$bulk-publish", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    @Order(5)
    void aSlotBookedOnItsPlatformsPageCarriesThatPagesDeepLink() throws Exception {
        // A slot no API lists: its platform (or the clinic's phone) books it, not the orchestrator.
        JsonNode phoneOnly = firstSlot(feed("").slots(), "free", false);
        SlotId id = new SlotId(UUID.fromString(phoneOnly.path("id").asString()));
        StoredSlot stored = availability.slot(id).orElseThrow();
        Listing listing = stored.liveListings().getFirst().listing();
        assertThat(listing.source().bookingChannel()).isNotEqualTo(BookingChannel.API);
        String link = "https://bonjour-sante.example/rdv/" + listing.externalId() + "?via=\"orchestrator\"";

        apply(stored.slot(), listing, listing.sourceVersion() + 1, true, link);

        JsonNode linked = slotIn(feed("").slots(), id);
        assertThat(extension(linked, DEEP_LINK)).isEqualTo(link);
        assertThat(validation.errors(linked.toString(), VACCINE_SLOT)).isEmpty();
    }

    @Test
    @Order(6)
    void aWithdrawnSlotLeavesTheFileAndIsEnteredInErrorAmongTheChangesSince() throws Exception {
        String transactionTime = manifest("").path("transactionTime").asString();
        JsonNode free = firstSlot(feed("").slots(), "free", true);
        SlotId id = new SlotId(UUID.fromString(free.path("id").asString()));
        StoredSlot stored = availability.slot(id).orElseThrow();
        List<SlotChange> removals = stored.liveListings().stream()
                .map(l -> (SlotChange) new SlotChange.Removed(new Listing(l.listing().source(), l.listing().externalId(), l.listing().sourceVersion() + 1)))
                .toList();
        for (SlotChange removal : removals) {
            availability.apply(removal.listing().source(), List.of(removal), 0);
        }
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(10))).isTrue();

        assertThat(ids(feed("").slots())).doesNotContain(id.value().toString());
        Feed changes = feed("?_since=" + URLEncoder.encode(transactionTime, StandardCharsets.UTF_8));
        JsonNode withdrawn = slotIn(changes.slots(), id);
        assertThat(withdrawn.path("status").asString()).isEqualTo("entered-in-error");
        // SMART has no deletion record; entered-in-error is outside vaccine-slot's free | busy, and only there.
        assertThat(validation.errors(withdrawn.toString(), VACCINE_SLOT)).singleElement()
                .satisfies(m -> assertThat(m.getLocationString()).isEqualTo("Slot.status"));
        assertCountsMatchTheRecord(feed(""));
    }

    @Test
    @Order(7)
    void aSinceBeforeTheIndexPublishesEverythingAndBadRequestsAreProblems() throws Exception {
        String early = "?_since=2001-01-01T00:00:00Z";
        JsonNode manifest = manifest(early);
        assertThat(manifest.path("request").asString()).isEqualTo(url("/smart/$bulk-publish"));
        assertThat(manifest.path("output").get(2).path("url").asString()).isEqualTo(url("/smart/Slot-11.ndjson"));

        HttpResponse<String> promised = get("/smart/Slot-11.ndjson" + early);
        assertThat(promised.statusCode()).isEqualTo(503);
        assertThat(promised.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> unreadable = get("/smart/Slot-11.ndjson?_since=yesterday");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unreadable.body()).path("type").asString()).endsWith("/malformed-date");
        assertThat(get("/smart/Slot-99.ndjson").statusCode()).isEqualTo(404);
        // A known region without clinics in this province: an empty file.
        HttpResponse<String> montreal = get("/smart/Slot-06.ndjson");
        assertThat(montreal.statusCode()).isEqualTo(200);
        assertThat(montreal.body()).isEmpty();
        // An offset written with an unencoded '+' arrives as a space, and is read as meant.
        assertThat(get("/smart/$bulk-publish?_since=2001-01-01T00:00:00+00:00").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void ourOwnSmartConnectorReadsTheFeedBack() throws Exception {
        Feed feed = feed("");
        List<SourceRecord> records = new ArrayList<>();
        Outcome full;
        try (PullConnector connector = connector()) {
            full = connector.pull(Checkpoint.NONE, batch -> {
                records.addAll(batch);
                return Outcome.Ok.delivered(batch.size());
            });
        }
        assertThat(full).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok) full).coverage()).isEqualTo(Outcome.Coverage.FULL);
        assertThat(records).noneMatch(r -> r instanceof SourceRecord.Unreadable);
        assertThat(records).filteredOn(r -> r instanceof SourceRecord.SiteSeen).hasSize(feed.locations().size());
        List<SourceRecord.SlotSeen> slots = records.stream().filter(r -> r instanceof SourceRecord.SlotSeen).map(r -> (SourceRecord.SlotSeen) r).toList();
        assertThat(slots).hasSize(feed.slots().size());
        assertThat(slots.stream().filter(SourceRecord.SlotSeen::free).count())
                .isEqualTo(feed.slots().stream().filter(l -> l.contains("\"status\":\"free\"")).count());

        SlotId booked = new SlotId(UUID.fromString(firstSlot(feed.slots(), "free", true).path("id").asString()));
        bookAtSource(booked);
        List<SourceRecord> changes = new ArrayList<>();
        Outcome next;
        try (PullConnector connector = connector()) { // a new one: the last one keeps the manifest for its max-age
            next = connector.pull(((Outcome.Ok) full).next(), batch -> {
                changes.addAll(batch);
                return Outcome.Ok.delivered(batch.size());
            });
        }
        assertThat(((Outcome.Ok) next).coverage()).isEqualTo(Outcome.Coverage.CHANGES);
        List<SourceRecord.SlotSeen> seenAgain = changes.stream().filter(r -> r instanceof SourceRecord.SlotSeen).map(r -> (SourceRecord.SlotSeen) r).toList();
        assertThat(seenAgain).filteredOn(seen -> seen.externalId().startsWith(booked.value() + "|"))
                .singleElement().satisfies(seen -> assertThat(seen.free()).isFalse());
        // Changes of the second the last read ended in come again (stamps count whole seconds): unchanged since then.
        Map<String, Boolean> before = slots.stream().collect(Collectors.toMap(SourceRecord.SlotSeen::externalId, SourceRecord.SlotSeen::free));
        assertThat(seenAgain).filteredOn(seen -> !seen.externalId().startsWith(booked.value() + "|"))
                .allSatisfy(seen -> assertThat(seen.free()).isEqualTo(before.get(seen.externalId())));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    record Feed(List<String> locations, List<String> schedules, List<String> slots) {
    }

    /** The manifest (with {@code query}) and every file it names, as lines. */
    private Feed feed(String query) throws Exception {
        JsonNode manifest = manifest(query);
        Map<String, List<String>> lines = new HashMap<>();
        for (JsonNode output : manifest.path("output")) {
            HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(output.path("url").asString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).as(output.path("url").asString()).isEqualTo(200);
            lines.computeIfAbsent(output.path("type").asString(), t -> new ArrayList<>()).addAll(file.body().lines().toList());
        }
        lines.values().forEach(l -> assertThat(l).noneMatch(String::isBlank));
        return new Feed(lines.getOrDefault("Location", List.of()), lines.getOrDefault("Schedule", List.of()), lines.getOrDefault("Slot", List.of()));
    }

    private JsonNode manifest(String query) throws Exception {
        HttpResponse<String> answer = get("/smart/$bulk-publish" + query);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** Free and busy slots of each region, from the top of the hour, as the record counts them. */
    private void assertCountsMatchTheRecord(Feed feed) throws Exception {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        SlotCounts record = availability.futureSlotsByRegion(hour).getOrDefault(new RegionCode("11"), SlotCounts.NONE);
        if (!clock.instant().truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            feed = feed(""); // the hour turned meanwhile
            record = availability.futureSlotsByRegion(clock.instant().truncatedTo(ChronoUnit.HOURS)).getOrDefault(new RegionCode("11"), SlotCounts.NONE);
        }
        long free = feed.slots().stream().filter(l -> l.contains("\"status\":\"free\"")).count();
        long busy = feed.slots().stream().filter(l -> l.contains("\"status\":\"busy\"")).count();
        assertThat(free + busy).isEqualTo(feed.slots().size());
        assertThat(new SlotCounts(free + busy, free)).isEqualTo(record);
    }

    /** The first slot in this state whose booking is (or is not) through the orchestrator's own page. */
    private JsonNode firstSlot(List<String> lines, String status, boolean ourPage) throws Exception {
        for (String line : lines) {
            JsonNode slot = JSON.readTree(line);
            String link = extension(slot, DEEP_LINK);
            boolean ours = link != null && link.startsWith(url("/rendez-vous/plage/"));
            if (slot.path("status").asString().equals(status) && ours == ourPage && (ourPage || link == null)) {
                return slot;
            }
        }
        throw new AssertionError("no " + status + " slot " + (ourPage ? "booked through our page" : "without a deep link") + " in the feed");
    }

    /** What can differ between Slot lines: status, how it is booked, modality, the start's offset. */
    private String shape(JsonNode slot) {
        String link = extension(slot, DEEP_LINK);
        String booked = link == null ? "phone" : link.startsWith(url("/rendez-vous/plage/")) ? "ours" : "platform";
        String start = slot.path("start").asString();
        return String.join("|", slot.path("status").asString(), booked, slot.path("extension").toString().replaceAll(".*\"valueCode\":\"([a-z-]+)\".*", "$1"),
                start.substring(start.length() - 6));
    }

    private static JsonNode slotIn(List<String> lines, SlotId id) throws Exception {
        for (String line : lines) {
            JsonNode slot = JSON.readTree(line);
            if (slot.path("id").asString().equals(id.value().toString())) {
                return slot;
            }
        }
        throw new AssertionError("slot " + id + " is not in the file");
    }

    /** The slot's clinic booked it on its own system: the source says so in its next version, through the ingestion's apply. */
    private void bookAtSource(SlotId id) throws Exception {
        StoredSlot stored = availability.slot(id).orElseThrow();
        Listing listing = stored.bestListing().orElseThrow().listing();
        apply(stored.slot(), listing, listing.sourceVersion() + 1, false, null);
    }

    private void apply(Slot slot, Listing listing, long version, boolean free, String deepLink) throws InterruptedException {
        availability.apply(listing.source(), List.of(new SlotChange.Published(new Listing(listing.source(), listing.externalId(), version),
                slot.clinic(), slot.professional(), slot.service(), slot.modality(), slot.start(), slot.duration(), free, deepLink, null)), 0);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(10))).isTrue();
    }

    private PullConnector connector() {
        ConnectorFactory factory = ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.protocol() == Protocol.SMART_BULK).findFirst().orElseThrow();
        return (PullConnector) factory.create(new SourceConfig(SourceSystem.BONJOUR_SANTE, URI.create(url("/smart/$bulk-publish")), Map.of(),
                Duration.ofSeconds(10), clock));
    }

    private static String extension(JsonNode resource, String url) {
        for (JsonNode extension : resource.path("extension")) {
            if (extension.path("url").asString().equals(url)) {
                JsonNode value = extension.has("valueUrl") ? extension.path("valueUrl") : extension.path("valueString");
                return value.asString();
            }
        }
        return null;
    }

    private static Set<String> ids(List<String> lines) throws Exception {
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(JSON.readTree(line).path("id").asString());
        }
        return ids;
    }

    private static List<String> describe(String line, List<SingleValidationMessage> errors) {
        return errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage() + " in " + line).toList();
    }

    private IParser parser() {
        return fhir.context().newJsonParser();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
