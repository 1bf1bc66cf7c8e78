package ca.careorchestrator.simulator.fhir;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;

/**
 * A FHIR R4 REST server over one {@link SimulatedPlatform} (RVSQ, Tap Medical or Dialogue, each in its
 * {@link FhirFlavour}): searches on Location, PractitionerRole, Schedule and Slot with {@code _lastUpdated=gt},
 * {@code _count} and Bundle {@code next} links, reads by id, Appointment create (conditional on
 * {@code If-None-Exist: identifier=system|key}) and cancel (JSON Patch of {@code /status}). Honours the
 * platform's faults on every request. Loopback only; port 0 takes an ephemeral port.
 */
public final class FhirSimulator implements PlatformServer {

    /** The identifier system the orchestrator's connector gives its idempotency key (what If-None-Exist names). */
    static final String DEFAULT_KEY_SYSTEM = "https://care-orchestrator.example/fhir/sid/booking-key";
    private static final String FHIR_JSON = "application/fhir+json;charset=utf-8";
    private static final long LATENCY_MILLIS = 1_000;

    private record Rendered(String id, String json) {
    }

    private record Page(List<Rendered> entries, String next) {
    }

    private record Booking(String slotExternalId, String key, boolean cancelled, Instant when) {
    }

    private final SimulatedPlatform platform;
    private final FhirFlavour flavour;
    private final FhirResources resources;
    private final int requestedPort;
    private final Instant published;
    private final Map<String, List<Rendered>> directory = new HashMap<>();
    private final List<String> slotIds = new ArrayList<>();
    private final Map<String, String> externalByFhirId = new HashMap<>();
    private final Map<String, Booking> bookings = new LinkedHashMap<>();
    private final AtomicLong searches = new AtomicLong();
    private final AtomicLong anonymousKeys = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    public FhirSimulator(SimulatedPlatform platform, int port) {
        this.platform = platform;
        this.flavour = FhirFlavour.of(platform.system());
        this.resources = new FhirResources(flavour);
        this.requestedPort = port;
        this.published = platform.clock().instant();
        buildDirectory();
    }

    /** Locations, PractitionerRoles and Schedules, derived once from the platform's slots (they do not change). */
    private void buildDirectory() {
        Map<ClinicId, Clinic> clinics = new HashMap<>();
        platform.clinics().forEach(c -> clinics.put(c.id(), c));
        Map<String, ClinicId> sites = new LinkedHashMap<>();
        Map<String, PlatformSlot> roles = new LinkedHashMap<>();
        Map<String, TreeSet<String>> services = new HashMap<>();
        platform.forEachSlot(slot -> {
            slotIds.add(slot.externalId());
            if (flavour.identifierSystem() != null) {
                externalByFhirId.put(flavour.fhirId(slot.externalId()), slot.externalId());
            }
            sites.putIfAbsent(slot.siteRef(), slot.clinic());
            roles.putIfAbsent(slot.professionalRef(), slot);
            services.computeIfAbsent(slot.professionalRef(), r -> new TreeSet<>()).add(slot.serviceCode());
        });
        List<Rendered> locations = new ArrayList<>();
        sites.forEach((siteRef, clinic) -> locations.add(new Rendered(flavour.fhirId(siteRef),
                resources.location(siteRef, clinics.get(clinic), published))));
        List<Rendered> practitionerRoles = new ArrayList<>();
        List<Rendered> schedules = new ArrayList<>();
        roles.forEach((ref, slot) -> {
            practitionerRoles.add(new Rendered(flavour.fhirId(ref),
                    resources.practitionerRole(ref, slot.professionCode(), slot.siteRef(), published)));
            schedules.add(new Rendered(resources.scheduleId(ref),
                    resources.schedule(ref, slot.siteRef(), services.get(ref), published)));
        });
        directory.put("Location", locations);
        directory.put("PractitionerRole", practitionerRoles);
        directory.put("Schedule", schedules);
    }

    @Override
    public SimulatedPlatform platform() {
        return platform;
    }

    @Override
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 64);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/fhir", this::handle);
        server.start();
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
    }

    /** What the connector must be told about this system's quirks. */
    @Override
    public Map<String, String> connectorSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (flavour.identifierSystem() != null) {
            settings.put("fhir.identifier-system", flavour.identifierSystem());
        }
        settings.put("fhir.page-size", Integer.toString(Math.max(flavour.pageCap(), 100)));
        return Map.copyOf(settings);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (platform.has(FaultMode.LATENCY)) {
                sleep(LATENCY_MILLIS);
            }
            if (platform.has(FaultMode.RATE_LIMITED)) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                send(exchange, 429, FhirResources.outcome("throttled", "too many requests"));
                return;
            }
            if (platform.has(FaultMode.SERVER_ERROR)) {
                send(exchange, 503, FhirResources.outcome("transient", "service unavailable"));
                return;
            }
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && parts.length == 1 && parts[0].equals("metadata")) {
            send(exchange, 200, capabilityStatement());
        } else if (method.equals("GET") && parts.length == 1 && isSearchable(parts[0])) {
            search(exchange, parts[0]);
        } else if (method.equals("GET") && parts.length == 2) {
            read(exchange, parts[0], parts[1]);
        } else if (method.equals("POST") && parts.length == 1 && parts[0].equals("Appointment")) {
            book(exchange);
        } else if (method.equals("PATCH") && parts.length == 2 && parts[0].equals("Appointment")) {
            cancel(exchange, parts[1]);
        } else {
            send(exchange, 404, FhirResources.outcome("not-supported", method + " " + path + " is not supported here"));
        }
    }

    private static boolean isSearchable(String type) {
        return List.of("Location", "PractitionerRole", "Schedule", "Slot").contains(type);
    }

    // ---- search ----------------------------------------------------------------------------------------------

    private void search(HttpExchange exchange, String type) throws IOException {
        Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
        int count;
        Optional<Instant> after;
        int cursor;
        try {
            count = Math.min(Integer.parseInt(params.getOrDefault("_count", Integer.toString(flavour.pageCap()))), flavour.pageCap());
            after = lastUpdatedAfter(params.get("_lastUpdated"));
            cursor = Integer.parseInt(params.getOrDefault("_cursor", "0"));
        } catch (IllegalArgumentException | DataFormatException e) {
            send(exchange, 400, FhirResources.outcome("invalid", "bad search parameter: " + e.getMessage()));
            return;
        }
        if (count < 1 || cursor < 0) {
            send(exchange, 400, FhirResources.outcome("invalid", "_count must be positive"));
            return;
        }
        // The search's time: a client may start its next _lastUpdated=gt from here (read before the changes).
        Instant now = platform.clock().instant();
        Map<String, String> nextParams = new LinkedHashMap<>();
        nextParams.put("_count", Integer.toString(count));
        if (params.containsKey("_lastUpdated")) {
            nextParams.put("_lastUpdated", params.get("_lastUpdated"));
        }
        Page page = type.equals("Slot")
                ? slots(after, count, cursor, params.get("_until"), nextParams)
                : directoryPage(type, after, count, cursor, nextParams);
        send(exchange, 200, bundle(type, page, now, exchange.getRequestURI()));
    }

    private Page directoryPage(String type, Optional<Instant> after, int count, int cursor, Map<String, String> nextParams) {
        List<Rendered> all = after.isPresent() && !published.isAfter(after.get()) ? List.of() : directory.get(type);
        List<Rendered> page = all.subList(Math.min(cursor, all.size()), Math.min(cursor + count, all.size()));
        return new Page(page, cursor + count < all.size() ? nextUrl(type, nextParams, cursor + count, null) : null);
    }

    /**
     * Slots. A full search walks the platform's slots in a stable order (a cursor, so a slot deleted while
     * paging shifts nothing). A {@code _lastUpdated} search is what changed after that instant, each slot
     * once at its current state, oldest change first, bounded by the change sequence at its first page; a
     * withdrawn slot shows as {@code entered-in-error}. Under OUT_OF_ORDER it is every changed version,
     * newest first (a lagging replica serving history).
     */
    private Page slots(Optional<Instant> after, int count, int cursor, String untilParam, Map<String, String> nextParams) {
        if (after.isEmpty()) {
            List<Rendered> page = new ArrayList<>(count);
            int index = cursor;
            while (index < slotIds.size() && page.size() < count) {
                platform.slot(slotIds.get(index++)).filter(s -> s.status() != PlatformSlot.Status.DELETED)
                        .ifPresent(s -> page.add(new Rendered(flavour.fhirId(s.externalId()), resources.slot(s))));
            }
            return faulted(page, index < slotIds.size() ? nextUrl("Slot", nextParams, index, null) : null);
        }
        long until = untilParam == null ? platform.sequence() : Long.parseLong(untilParam);
        List<PlatformSlot> changed = platform.changesAfter(after.get()).stream().filter(c -> c.sequence() <= until).toList();
        List<PlatformSlot> listed;
        if (platform.has(FaultMode.OUT_OF_ORDER)) {
            listed = new ArrayList<>(changed).reversed();
        } else {
            Map<String, PlatformSlot> latest = new LinkedHashMap<>();
            for (PlatformSlot change : changed) {
                latest.remove(change.externalId());
                latest.put(change.externalId(), platform.slot(change.externalId()).orElse(change));
            }
            listed = List.copyOf(latest.values());
        }
        List<Rendered> page = listed.subList(Math.min(cursor, listed.size()), Math.min(cursor + count, listed.size())).stream()
                .map(s -> new Rendered(flavour.fhirId(s.externalId()), resources.slot(s))).toList();
        return faulted(page, cursor + count < listed.size() ? nextUrl("Slot", nextParams, cursor + count, until) : null);
    }

    /** MALFORMED_RECORD breaks the first Slot of the page (an impossible start); DUPLICATES lists each Slot twice. */
    private Page faulted(List<Rendered> page, String next) {
        List<Rendered> entries = new ArrayList<>(page);
        if (platform.has(FaultMode.MALFORMED_RECORD) && !entries.isEmpty()) {
            Rendered first = entries.getFirst();
            entries.set(0, new Rendered(first.id(), first.json().replaceFirst("\"start\":\"[^\"]*\"", "\"start\":\"tomorrow-ish\"")));
        }
        if (platform.has(FaultMode.DUPLICATES)) {
            List<Rendered> twice = new ArrayList<>(entries.size() * 2);
            entries.forEach(e -> {
                twice.add(e);
                twice.add(e);
            });
            entries = twice;
        }
        return new Page(entries, next);
    }

    private String nextUrl(String type, Map<String, String> params, int cursor, Long until) {
        StringBuilder url = new StringBuilder(endpoint().toString()).append('/').append(type).append('?');
        params.forEach((k, v) -> url.append(k).append('=').append(encode(v)).append('&'));
        if (until != null) {
            url.append("_until=").append(until).append('&');
        }
        return url.append("_cursor=").append(cursor).toString();
    }

    private String bundle(String type, Page page, Instant now, URI self) {
        StringBuilder json = new StringBuilder(256 + page.entries().size() * 700);
        json.append("{\"resourceType\":\"Bundle\",\"id\":\"search-").append(searches.incrementAndGet())
                .append("\",\"meta\":{\"lastUpdated\":\"")
                .append(FhirResources.instant(now, TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC")).getValueAsString())
                .append("\"},\"type\":\"searchset\",\"link\":[{\"relation\":\"self\",\"url\":\"")
                .append(endpoint().resolve(self.getRawPath() + (self.getRawQuery() == null ? "" : "?" + self.getRawQuery())))
                .append("\"}");
        if (page.next() != null) {
            json.append(",{\"relation\":\"next\",\"url\":\"").append(page.next()).append("\"}");
        }
        json.append("],\"entry\":[");
        String base = endpoint() + "/" + type + "/";
        for (int i = 0; i < page.entries().size(); i++) {
            Rendered entry = page.entries().get(i);
            json.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"").append(base).append(entry.id()).append("\",\"resource\":")
                    .append(entry.json()).append(",\"search\":{\"mode\":\"match\"}}");
        }
        return json.append("]}").toString();
    }

    /**
     * What a rest-hook subscription on {@code Slot} would post for these changed slots: a {@code history}
     * Bundle of their current state (a withdrawn slot as {@code entered-in-error}).
     */
    public String notification(List<PlatformSlot> changed) {
        StringBuilder json = new StringBuilder(128 + changed.size() * 700);
        json.append("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[");
        String base = endpoint() + "/Slot/";
        for (int i = 0; i < changed.size(); i++) {
            PlatformSlot slot = changed.get(i);
            String id = flavour.fhirId(slot.externalId());
            json.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"").append(base).append(id).append("\",\"resource\":")
                    .append(resources.slot(slot)).append(",\"request\":{\"method\":\"PUT\",\"url\":\"Slot/").append(id)
                    .append("\"}}");
        }
        return json.append("]}").toString();
    }

    private static Optional<Instant> lastUpdatedAfter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.startsWith("gt")) {
            throw new IllegalArgumentException("only _lastUpdated=gt<instant> is supported");
        }
        return Optional.of(new DateTimeType(value.substring(2)).getValue().toInstant());
    }

    // ---- read ------------------------------------------------------------------------------------------------

    private void read(HttpExchange exchange, String type, String id) throws IOException {
        if (type.equals("Slot")) {
            Optional<PlatformSlot> slot = platform.slot(externalByFhirId.getOrDefault(id, id));
            if (slot.isEmpty()) {
                send(exchange, 404, FhirResources.outcome("not-found", "Slot/" + id + " is not known"));
            } else if (slot.get().status() == PlatformSlot.Status.DELETED) {
                send(exchange, 410, FhirResources.outcome("deleted", "Slot/" + id + " was deleted"));
            } else {
                send(exchange, 200, resources.slot(slot.get()));
            }
            return;
        }
        if (type.equals("Appointment")) {
            Booking booking;
            synchronized (bookings) {
                booking = bookings.get(id);
            }
            if (booking == null) {
                send(exchange, 404, FhirResources.outcome("not-found", "Appointment/" + id + " is not known"));
            } else {
                send(exchange, 200, appointment(id, booking));
            }
            return;
        }
        Optional<Rendered> found = directory.getOrDefault(type, List.of()).stream().filter(r -> r.id().equals(id)).findFirst();
        if (found.isPresent()) {
            send(exchange, 200, found.get().json());
        } else {
            send(exchange, 404, FhirResources.outcome("not-found", type + "/" + id + " is not known"));
        }
    }

    // ---- booking ----------------------------------------------------------------------------------------------

    /**
     * Appointment create. The idempotency key is the If-None-Exist identifier (else the Appointment's own
     * identifier); the same key for the same slot answers the same Appointment (200), a taken slot is 409.
     * Under CONNECTION_RESET the booking is made and then the answer is cut: the client cannot know.
     */
    private void book(HttpExchange exchange) throws IOException {
        Appointment appointment;
        try (InputStream in = exchange.getRequestBody()) {
            appointment = FhirResources.R4.newJsonParser().parseResource(Appointment.class, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (DataFormatException | ClassCastException e) {
            send(exchange, 400, FhirResources.outcome("structure", "not an Appointment: " + e.getMessage()));
            return;
        }
        String key = idempotencyKey(exchange.getRequestHeaders().getFirst("If-None-Exist"), appointment);
        Optional<String> slot = slotOf(appointment);
        if (slot.isEmpty()) {
            send(exchange, 422, FhirResources.outcome("required", "Appointment.slot must name a Slot of this server"));
            return;
        }
        SimulatedPlatform.BookResult result = platform.book(slot.get(), key);
        switch (result) {
            case SimulatedPlatform.BookResult.Booked booked -> {
                boolean existed;
                Booking booking;
                synchronized (bookings) {
                    existed = bookings.containsKey(booked.appointmentRef());
                    booking = bookings.computeIfAbsent(booked.appointmentRef(),
                            ref -> new Booking(slot.get(), key, false, platform.clock().instant()));
                }
                exchange.getResponseHeaders().set("Location", endpoint() + "/Appointment/" + booked.appointmentRef() + "/_history/1");
                send(exchange, existed ? 200 : 201, appointment(booked.appointmentRef(), booking));
            }
            case SimulatedPlatform.BookResult.Refused refused -> {
                boolean taken = refused.reason().contains("booked") || refused.reason().contains("idempotency");
                send(exchange, taken ? 409 : 422, FhirResources.outcome(taken ? "conflict" : "not-found",
                        taken ? "slot taken: " + refused.reason() : refused.reason()));
            }
        }
    }

    private String idempotencyKey(String ifNoneExist, Appointment appointment) {
        if (ifNoneExist != null && ifNoneExist.startsWith("identifier=")) {
            String token = URLDecoder.decode(ifNoneExist.substring("identifier=".length()), StandardCharsets.UTF_8);
            return token.substring(token.indexOf('|') + 1);
        }
        if (appointment.hasIdentifier() && appointment.getIdentifierFirstRep().hasValue()) {
            return appointment.getIdentifierFirstRep().getValue();
        }
        return "no-key-" + anonymousKeys.incrementAndGet();
    }

    /** Appointment.slot as a literal reference (Slot/id) or a logical one (identifier in this system's id system). */
    private Optional<String> slotOf(Appointment appointment) {
        if (!appointment.hasSlot()) {
            return Optional.empty();
        }
        Reference reference = appointment.getSlotFirstRep();
        if (reference.hasReference() && reference.getReference().startsWith("Slot/")) {
            String id = reference.getReference().substring("Slot/".length());
            return Optional.of(externalByFhirId.getOrDefault(id, id));
        }
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            return Optional.of(reference.getIdentifier().getValue());
        }
        return Optional.empty();
    }

    /** Cancel: a JSON Patch replacing /status with "cancelled". The platform frees the slot. */
    private void cancel(HttpExchange exchange, String id) throws IOException {
        String patch;
        try (InputStream in = exchange.getRequestBody()) {
            patch = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!patch.replace(" ", "").contains("\"path\":\"/status\"") || !patch.contains("\"cancelled\"")) {
            send(exchange, 422, FhirResources.outcome("not-supported", "only a patch of /status to cancelled is supported"));
            return;
        }
        switch (platform.cancel(id)) {
            case SimulatedPlatform.BookResult.Booked cancelled -> {
                Booking booking;
                synchronized (bookings) {
                    booking = bookings.computeIfPresent(id, (k, b) -> new Booking(b.slotExternalId(), b.key(), true, platform.clock().instant()));
                }
                send(exchange, 200, appointment(id, booking));
            }
            case SimulatedPlatform.BookResult.Refused refused -> send(exchange, 404, FhirResources.outcome("not-found", refused.reason()));
        }
    }

    private String appointment(String id, Booking booking) {
        return resources.appointment(id, flavour.fhirId(booking.slotExternalId()), booking.key(), DEFAULT_KEY_SYSTEM,
                booking.cancelled(), booking.when());
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private String capabilityStatement() {
        return """
                {"resourceType":"CapabilityStatement","status":"active","date":"%s","kind":"instance","fhirVersion":"4.0.1",\
                "format":["application/fhir+json"],"software":{"name":"%s (simulated)"},"rest":[{"mode":"server","resource":[\
                {"type":"Location","interaction":[{"code":"read"},{"code":"search-type"}]},\
                {"type":"PractitionerRole","interaction":[{"code":"read"},{"code":"search-type"}]},\
                {"type":"Schedule","interaction":[{"code":"read"},{"code":"search-type"}]},\
                {"type":"Slot","interaction":[{"code":"read"},{"code":"search-type"}],\
                "searchParam":[{"name":"_lastUpdated","type":"date"}]},\
                {"type":"Appointment","interaction":[{"code":"read"},{"code":"create"},{"code":"patch"}],"conditionalCreate":true}]}]}"""
                .formatted(LocalDate.ofInstant(published, java.time.ZoneOffset.UTC), platform.system().displayName());
    }

    /** Writes the answer; under CONNECTION_RESET, half of it, then the connection is dropped. */
    private void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", FHIR_JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        if (platform.has(FaultMode.CONNECTION_RESET)) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            // Throwing from the handler makes the JDK server close the socket mid-body.
            throw new IOException("connection reset (simulated)");
        }
        out.write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs one system alone: {@code --system RVSQ|TAP_MEDICAL|DIALOGUE} (default RVSQ), {@code --preset
     * tiny|region|province} (default region), {@code --port} (default 8090), {@code --weeks} (default 8).
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SourceSystem system = SourceSystem.valueOf(options.getOrDefault("system", "RVSQ").toUpperCase(Locale.ROOT));
        Preset preset = Preset.valueOf(options.getOrDefault("preset", "region").toUpperCase(Locale.ROOT));
        int weeks = Integer.parseInt(options.getOrDefault("weeks", Integer.toString(ProvinceSpec.DEFAULT_WEEKS)));
        Clock clock = Clock.systemUTC();
        LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        Province province = ProvinceGenerator.generate(new ProvinceSpec(preset, ProvinceSpec.DEFAULT_SEED, monday, weeks));
        FhirSimulator simulator = new FhirSimulator(SimulatedPlatform.of(province, system, clock),
                Integer.parseInt(options.getOrDefault("port", "8090")));
        simulator.start();
        System.out.println(system.displayName() + " (FHIR R4, " + simulator.platform().size() + " slots) at " + simulator.endpoint());
    }
}
