package ca.careorchestrator.app.security;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.SignedInPatient;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Until identity's sign-in is merged: a signed-in patient the way identity will sign one in (a {@link SignedInPatient}
 * with {@code ROLE_PATIENT} in the session's security context, saved by {@link HttpSessionSecurityContextRepository}),
 * opened by a GET on {@value #SIGN_IN}{patient id}, and a registry that knows that patient. Tests only.
 */
@TestConfiguration
class TestPatients {

    static final String SIGN_IN = "/test-sign-in/patient/";
    static final LocalDate BORN = LocalDate.of(1979, 3, 14);
    static final PatientIdentity LEA = new PatientIdentity(HealthInsuranceNumber.issue("Gagnon", "Léa", BORN, Sex.FEMALE, 1), BORN,
            "Gagnon", "Léa");
    static final PatientId LEA_ID = new PatientId(UUID.fromString("6f1c3a52-7a1e-4c55-9d0c-2b8f1a9e4d11"));

    @Bean
    @Order(0)
    SecurityFilterChain testPatientSignIn(HttpSecurity http) throws Exception {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        http.securityMatcher(SIGN_IN + "*").csrf(c -> c.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterBefore((request, response, chain) -> {
                    HttpServletRequest http1 = (HttpServletRequest) request;
                    String id = http1.getRequestURI().substring(SIGN_IN.length());
                    SecurityContextImpl context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                            new SignedInPatient(new PatientId(UUID.fromString(id))), null, List.of(new SimpleGrantedAuthority(Role.PATIENT.authority()))));
                    http1.getSession(true);
                    repository.saveContext(context, http1, (HttpServletResponse) response);
                    ((HttpServletResponse) response).setStatus(204);
                }, org.springframework.security.web.context.SecurityContextHolderFilter.class);
        return http.build();
    }

    @Bean
    @Primary
    InsuredPeople testRegistry() {
        return new InsuredPeople() {
            @Override
            public Optional<PatientIdentity> identity(PatientId patient) {
                return patient.equals(LEA_ID) ? Optional.of(LEA) : Optional.empty();
            }

            @Override
            public Optional<Contact> contact(PatientId patient) {
                return Optional.empty();
            }
        };
    }
}
