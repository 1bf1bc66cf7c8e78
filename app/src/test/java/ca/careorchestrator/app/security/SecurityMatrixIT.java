package ca.careorchestrator.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.support.Caller;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every endpoint the application maps (read from {@link RequestMappingHandlerMapping}, so a new one without an
 * expectation here fails), called over real HTTP by each role: allowed or refused as the table of
 * docs/adr/0007-security-and-roles.md says. Allowed means the request got past security (the controller may still
 * refuse it, 400 or 404, for what the request lacks); refused means 401, 403, or a page sending to a sign-in page.
 * The partner's token comes from {@code /oauth2/token}, the staff's sessions from the sign-in form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct", "care.simulation.enabled=false"})
@Import(TestPatients.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT {

    /** Clinic staff user {@code clinique.baie} works at this clinic (application.yml); {@code clinique.sherbrooke} does not. */
    static final String CLINIC_X = "aa15a1c5-80b7-3fc1-bfa8-d691947ed836";

    enum Who { ANONYMOUS, PATIENT, STAFF_OF_CLINIC_X, STAFF_OF_ANOTHER_CLINIC, ACCESS_DESK, ANALYST, PARTNER, OPERATOR }

    record Expect(String method, PathPattern pattern, Set<Who> allowed) {
    }

    private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
    private static final List<Expect> TABLE = new ArrayList<>();

    private static void expect(String method, String pattern, Set<Who> allowed) {
        TABLE.add(new Expect(method, PathPatternParser.defaultInstance.parse(pattern), allowed));
    }

    static {
        // First match wins, as in the security configuration; written from the ADR's table, not from the code.
        for (String page : List.of("/", "/problems", "/problems/{code}", "/personnel/connexion", "/rendez-vous", "/rendez-vous/plage/{id}",
                "/rendez-vous/plage/{id}/pourquoi")) {
            expect("GET", page, EVERYONE);
        }
        expect(null, "/error", EVERYONE);
        expect("GET", "/v3/api-docs/**", EVERYONE);
        expect("GET", "/v3/api-docs.yaml", EVERYONE);
        expect("GET", "/swagger-ui/**", EVERYONE);
        expect("GET", "/swagger-ui.html", EVERYONE);
        expect("GET", "/connexion/**", EVERYONE); // identity's patient sign-in
        expect("POST", "/connexion/**", EnumSet.complementOf(EnumSet.of(Who.PARTNER))); // a page's form: a session's CSRF token
        expect(null, "/api/v1/sign-in/**", EVERYONE);
        expect("POST", "/api/v1/sign-out", EVERYONE);
        expect("POST", "/deconnexion", EnumSet.complementOf(EnumSet.of(Who.PARTNER))); // a page's form: a session's CSRF token
        expect("POST", "/api/v1/slots/{id}/explain", EVERYONE);
        expect("GET", "/api/v1/orientation/reasons", EVERYONE);
        expect("POST", "/api/v1/orientation", EVERYONE);
        expect("GET", "/orientation", EVERYONE);
        expect("POST", "/orientation", EnumSet.complementOf(EnumSet.of(Who.PARTNER))); // a page's form: a session's CSRF token
        // A clinic's figures against its region (observatory): its staff and analysts, before the public clinic reads.
        expect("GET", "/api/v1/clinics/" + CLINIC_X + "/observatory", EnumSet.of(Who.STAFF_OF_CLINIC_X, Who.ANALYST));
        for (String search : List.of("/api/v1/slots/**", "/api/v1/regions/**", "/api/v1/clinics/**", "/api/v1/professionals/**",
                "/api/v1/postal-areas/**", "/api/v1/service-types", "/api/v1/status")) {
            expect("GET", search, EVERYONE);
        }
        expect("POST", "/api/v1/health-insurance-numbers/check", EVERYONE);
        for (String fhir : List.of("/fhir/metadata", "/fhir/Slot", "/fhir/CodeSystem/**", "/fhir/OperationDefinition/**")) {
            expect("GET", fhir, EVERYONE);
        }
        expect("POST", "/fhir/Appointment/$find", EVERYONE);
        expect("GET", "/smart/**", EVERYONE); // open data: the SMART Scheduling Links publication
        // The patients' own pages (beyond search and a slot's page, above) act for the signed-in patient only and send
        // anyone else to sign in (/connexion?suite=…).
        expect(null, "/rendez-vous/**", EnumSet.of(Who.PATIENT));
        expect(null, "/mes-rendez-vous/**", EnumSet.of(Who.PATIENT));
        expect(null, "/alertes/**", EnumSet.of(Who.PATIENT));
        expect(null, "/offres/**", EnumSet.of(Who.PATIENT));
        Set<Who> forPatients = EnumSet.of(Who.PATIENT, Who.PARTNER, Who.ACCESS_DESK);
        expect(null, "/api/v1/holds/**", forPatients);
        expect(null, "/api/v1/appointments/**", forPatients);
        expect(null, "/fhir/Appointment/**", forPatients);
        expect("PUT", "/api/v1/care-requests/{id}/priority", EnumSet.of(Who.ACCESS_DESK));
        expect(null, "/api/v1/care-requests/**", EnumSet.of(Who.PATIENT, Who.ACCESS_DESK));
        expect(null, "/api/v1/offers/**", EnumSet.of(Who.PATIENT, Who.ACCESS_DESK));
        expect(null, "/api/v1/desk/**", EnumSet.of(Who.ACCESS_DESK));
        expect(null, "/guichet/**", EnumSet.of(Who.ACCESS_DESK));
        expect(null, "/api/v1/staff/clinics/" + CLINIC_X + "/**", EnumSet.of(Who.STAFF_OF_CLINIC_X));
        expect("GET", "/clinique/observatoire", EnumSet.of(Who.STAFF_OF_CLINIC_X, Who.STAFF_OF_ANOTHER_CLINIC)); // to their own clinic's
        expect(null, "/clinique/" + CLINIC_X + "/**", EnumSet.of(Who.STAFF_OF_CLINIC_X));
        expect("GET", "/api/v1/observatory/**", EnumSet.of(Who.ANALYST));
        expect("GET", "/observatoire/**", EnumSet.of(Who.ANALYST));
        expect("GET", "/api/v1/fairness/**", EnumSet.of(Who.ANALYST, Who.OPERATOR));
        expect("GET", "/ministere/**", EnumSet.of(Who.ANALYST, Who.OPERATOR));
        expect("GET", "/api/v1/audit/**", EnumSet.of(Who.ANALYST, Who.OPERATOR));
        expect("GET", "/audit/**", EnumSet.of(Who.ANALYST, Who.OPERATOR));
        expect("GET", "/actuator/health/**", EVERYONE);
        Set<Who> operators = EnumSet.of(Who.OPERATOR);
        expect(null, "/actuator/**", operators);
        for (String ops : List.of("/api/v1/sources/**", "/api/v1/quarantine/**", "/api/v1/mappings/**", "/operations/**")) {
            expect(null, ops, operators);
        }
    }

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-security-matrix-it").toString();
        registry.add("care.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<Who, Caller> callers = new EnumMap<>(Who.class);

    @BeforeAll
    void signEveryoneIn() {
        callers.put(Who.ANONYMOUS, Caller.browser(port));
        callers.put(Who.PATIENT, Caller.session(port, TestPatients.SIGN_IN + TestPatients.LEA_ID));
        callers.put(Who.STAFF_OF_CLINIC_X, Caller.staff(port, "clinique.baie"));
        callers.put(Who.STAFF_OF_ANOTHER_CLINIC, Caller.staff(port, "clinique.sherbrooke"));
        callers.put(Who.ACCESS_DESK, Caller.staff(port, "guichet.gaspesie"));
        callers.put(Who.ANALYST, Caller.staff(port, "analyste"));
        callers.put(Who.PARTNER, Caller.partner(port));
        callers.put(Who.OPERATOR, Caller.staff(port, "exploitation"));
    }

    /** One call per mapped path and method, its variables filled in. */
    record Endpoint(String method, String path) {
    }

    /**
     * Addresses other modules map (staff, waitlist, observatory, audit: other branches until merged) and the actuator's
     * (not in the MVC mappings): probed too, so their rules are tested before their controllers exist.
     */
    private static final List<Endpoint> PROBES = List.of(new Endpoint("GET", "/api/v1/staff/clinics/" + CLINIC_X + "/policies"),
            new Endpoint("GET", "/clinique/" + CLINIC_X + "/regles"), new Endpoint("PUT", "/api/v1/care-requests/" + UUID.randomUUID() + "/priority"),
            new Endpoint("GET", "/api/v1/care-requests"), new Endpoint("POST", "/api/v1/care-requests"), new Endpoint("GET", "/api/v1/offers"),
            new Endpoint("GET", "/api/v1/desk/care-requests"), new Endpoint("GET", "/guichet"), new Endpoint("GET", "/api/v1/observatory/supply"),
            new Endpoint("GET", "/observatoire"), new Endpoint("GET", "/api/v1/audit/reads"), new Endpoint("GET", "/audit"),
            new Endpoint("GET", "/actuator/health"), new Endpoint("GET", "/actuator/health/liveness"), new Endpoint("GET", "/actuator/prometheus"),
            new Endpoint("GET", "/actuator/metrics"), new Endpoint("POST", "/api/v1/slots/" + UUID.randomUUID() + "/explain"),
            new Endpoint("POST", "/api/v1/sign-in"), new Endpoint("POST", "/api/v1/sign-out"), new Endpoint("GET", "/connexion"));

    private List<Endpoint> endpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint probe : PROBES) {
            seen.add(probe.method() + " " + probe.path());
            endpoints.add(probe);
        }
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    Endpoint endpoint = new Endpoint(method.name(), fill(pattern));
                    if (seen.add(endpoint.method() + " " + endpoint.path())) {
                        endpoints.add(endpoint);
                    }
                }
            }
        }
        return endpoints;
    }

    private static String fill(String pattern) {
        return pattern.replace("{clinicId}", CLINIC_X).replace("{code}", "forbidden").replace("{source}", "rvsq")
                .replace("{postalCode}", "G4X1A1").replace("{name}", "appointment-hold").replaceAll("\\{[^}/]+}", UUID.randomUUID().toString());
    }

    private static Expect expectation(Endpoint endpoint) {
        PathContainer path = PathContainer.parsePath(endpoint.path());
        return TABLE.stream().filter(e -> (e.method() == null || e.method().equals(endpoint.method())) && e.pattern().matches(path))
                .findFirst().orElse(null);
    }

    @Test
    void everyEndpointHasAnExpectation() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(40);
        assertThat(endpoints.stream().filter(e -> expectation(e) == null).toList())
                .as("endpoints with no rule in the matrix (and so, unless a rule was written, refused to everyone)").isEmpty();
    }

    @Test
    void everyRoleIsAllowedOrRefusedAsTheTableSays() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Endpoint endpoint : endpoints()) {
            Expect expect = expectation(endpoint);
            if (expect == null) {
                continue; // the other test names it
            }
            for (Who who : Who.values()) {
                HttpResponse<String> answer = call(callers.get(who), endpoint);
                calls++;
                if (SIGN_OUTS.contains(endpoint.path())) {
                    signEveryoneIn(); // signing out ends the session, whoever had it
                }
                boolean refused = refused(answer);
                boolean allowed = expect.allowed().contains(who);
                if (allowed == refused) {
                    wrong.add("%s %s as %s: %d %s (expected %s)".formatted(endpoint.method(), endpoint.path(), who, answer.statusCode(),
                            answer.headers().firstValue("Location").orElse(""), allowed ? "allowed" : "refused"));
                }
                if (refused && who == Who.ANONYMOUS && !answer.headers().firstValue("Location").isPresent()) {
                    if (answer.statusCode() != 401) {
                        wrong.add("%s %s as nobody: %d instead of 401".formatted(endpoint.method(), endpoint.path(), answer.statusCode()));
                    }
                }
            }
        }
        System.out.printf("Security matrix: %d endpoints x %d roles, %d calls%n", endpoints().size(), Who.values().length, calls);
        assertThat(wrong).isEmpty();
    }

    private static HttpResponse<String> call(Caller caller, Endpoint endpoint) {
        boolean machine = endpoint.path().startsWith("/api/") || endpoint.path().startsWith("/fhir") || endpoint.path().startsWith("/v3/")
                || endpoint.path().startsWith("/actuator");
        boolean withBody = endpoint.method().equals("POST") || endpoint.method().equals("PUT") || endpoint.method().equals("PATCH");
        return caller.send(endpoint.method(), endpoint.path(), withBody ? "{}" : null, withBody ? "application/json" : null,
                machine ? "application/json" : "text/html");
    }

    private static final Set<String> SIGN_OUTS = Set.of("/mes-rendez-vous/oublier", "/deconnexion", "/api/v1/sign-out");

    /**
     * 401, 403, or a page sending the visitor to sign in: the staff's sign-in page, or the patient's with the page to
     * come back to. (The code page sending back to the sign-in's first step, for want of a pending code, is the flow.)
     */
    private static boolean refused(HttpResponse<String> answer) {
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            return true;
        }
        return answer.statusCode() == 302 && answer.headers().firstValue("Location")
                .filter(l -> l.contains("/personnel/connexion") || l.contains("/connexion?suite=")).isPresent();
    }
}
