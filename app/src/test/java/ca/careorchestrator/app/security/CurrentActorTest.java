package ca.careorchestrator.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.SignedInPatient;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class CurrentActorTest {

    private static final PatientId ROSE_ID = new PatientId(UUID.randomUUID());
    private static final PatientIdentity ROSE = identity(ROSE_ID, "Pelletier", "Rose", LocalDate.of(1961, 6, 2));
    private static final PatientIdentity PAUL = identity(new PatientId(UUID.randomUUID()), "Caron", "Paul", LocalDate.of(1958, 2, 11));

    private final CurrentActor actors;

    CurrentActorTest() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("registry", new InsuredPeople() {
            @Override
            public Optional<PatientIdentity> identity(PatientId patient) {
                return patient.equals(ROSE_ID) ? Optional.of(ROSE) : Optional.empty();
            }

            @Override
            public Optional<Contact> contact(PatientId patient) {
                return Optional.empty();
            }

            @Override
            public Verification verify(String nam, LocalDate birthDate, Optional<Sex> sex, LocalDate today) {
                return new Verification.NotRegistered();
            }
        });
        actors = new CurrentActor(beans.getBeanProvider(InsuredPeople.class), beans.getBeanProvider(ca.careorchestrator.app.fairness.Fairness.class));
    }

    @AfterEach
    void nobodyAfterwards() {
        SecurityContextHolder.clearContext();
    }

    private static PatientIdentity identity(PatientId id, String family, String given, LocalDate born) {
        return new PatientIdentity(id, HealthInsuranceNumber.issue(family, given, born, Sex.FEMALE, 1), family, given);
    }

    private static void signIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    private static Authentication partner(String scope) {
        Jwt jwt = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), Map.of("sub", "acme", "scope", scope));
        String role = scope.equals("booking") ? Role.PARTNER.authority() : scope.equals("operations") ? Role.OPERATOR.authority() : "SCOPE_" + scope;
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(role)));
    }

    @Test
    void aPartnerActsOnlyForThePatientItNames() {
        signIn(partner("booking"));

        assertThat(actors.requester()).isEqualTo(new Requester.Partner("acme"));
        assertThat(actors.actorFor(PAUL)).isEqualTo(new Actor(Actor.Kind.PARTNER, "acme"));
        assertThat(actors.patientToActFor(Optional.of(PAUL))).isEqualTo(PAUL);
        assertThatThrownBy(() -> actors.patientToActFor(Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(Problem.PARTNER_PATIENT_REQUIRED));
    }

    @Test
    void aSignedInPatientActsForThemselfOnly() {
        signIn(UsernamePasswordAuthenticationToken.authenticated(new SignedInPatient(ROSE_ID), null,
                List.of(new SimpleGrantedAuthority(Role.PATIENT.authority()))));

        assertThat(actors.requester()).isEqualTo(new Requester.Patient(ROSE_ID));
        assertThat(actors.actorFor(ROSE)).isEqualTo(Actor.patient(ROSE.ref()));
        assertThat(actors.actorFor(ROSE).id()).doesNotContain(ROSE.nam().value());
        assertThat(actors.patientToActFor(Optional.empty())).isEqualTo(ROSE);
        assertThat(actors.patientToActFor(Optional.of(ROSE))).isEqualTo(ROSE);
        assertThatThrownBy(() -> actors.patientToActFor(Optional.of(PAUL)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(Problem.FORBIDDEN));
    }

    @Test
    void staffAreWhoTheirSignInSaysAndActForNoPatient() {
        signIn(UsernamePasswordAuthenticationToken.authenticated(new StaffMember("g", "{noop}x", Role.ACCESS_DESK, null, "05"), null, List.of()));
        assertThat(actors.deskRegion()).hasValue(new RegionCode("05"));
        actors.requireDeskRegion(new RegionCode("05"));
        assertThatThrownBy(() -> actors.requireDeskRegion(new RegionCode("11"))).isInstanceOf(ProblemException.class);
        assertThat(actors.patientToActFor(Optional.of(PAUL))).as("the desk books for the patient it names").isEqualTo(PAUL);
        assertThat(actors.actorFor(PAUL)).isEqualTo(new Actor(Actor.Kind.ACCESS_DESK, "g"));

        UUID clinic = UUID.randomUUID();
        signIn(UsernamePasswordAuthenticationToken.authenticated(new StaffMember("c", "{noop}x", Role.CLINIC_STAFF, clinic, null), null, List.of()));
        assertThat(actors.clinic()).hasValueSatisfying(c -> assertThat(c.value()).isEqualTo(clinic));
        assertThatThrownBy(() -> actors.patientToActFor(Optional.of(PAUL)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(Problem.FORBIDDEN));

        signIn(partner("operations"));
        assertThat(actors.requester()).isEqualTo(new Requester.Operator("acme"));
        signIn(partner("notify"));
        assertThat(actors.requester()).isEqualTo(new Requester.Source("acme"));
    }

    @Test
    void nobodyIsAnonymous() {
        assertThat(actors.requester()).isEqualTo(new Requester.Anonymous());
        assertThat(actors.actorFor(PAUL)).as("the NAM form: the patient themself").isEqualTo(Actor.patient(PAUL.ref()));
        signIn(new AnonymousAuthenticationToken("k", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
        assertThat(actors.requester()).isInstanceOf(Requester.Anonymous.class);
        assertThat(actors.clinic()).isEmpty();
    }
}
