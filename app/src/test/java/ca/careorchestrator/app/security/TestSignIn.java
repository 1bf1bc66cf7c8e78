package ca.careorchestrator.app.security;

import ca.careorchestrator.app.identity.SignedInPatient;
import ca.careorchestrator.core.patient.PatientId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Tests only: a session signed in by a GET, for who cannot sign in through a page in the test: a patient (the way
 * identity signs one in: a {@link SignedInPatient} with {@code ROLE_PATIENT} saved by
 * {@link HttpSessionSecurityContextRepository}) and clinic staff of any clinic (the demo users of application.yml name
 * fixed clinics; a test picks its clinic at run time). Open a session with {@code Caller.session(port, PATIENT + id)}.
 */
@TestConfiguration
public class TestSignIn {

    public static final String PATIENT = "/test-sign-in/patient/";
    public static final String CLINIC_STAFF = "/test-sign-in/clinic-staff/";

    @Bean
    @Order(0)
    SecurityFilterChain testSignIn(HttpSecurity http) throws Exception {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        http.securityMatcher("/test-sign-in/**").csrf(c -> c.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterBefore((request, response, chain) -> {
                    HttpServletRequest in = (HttpServletRequest) request;
                    String path = in.getRequestURI();
                    Authentication who = path.startsWith(PATIENT)
                            ? UsernamePasswordAuthenticationToken.authenticated(new SignedInPatient(new PatientId(UUID.fromString(path.substring(PATIENT.length())))),
                                    null, List.of(new SimpleGrantedAuthority(Role.PATIENT.authority())))
                            : UsernamePasswordAuthenticationToken.authenticated(new StaffMember("staff-" + path.substring(CLINIC_STAFF.length()), "{noop}-",
                                    Role.CLINIC_STAFF, UUID.fromString(path.substring(CLINIC_STAFF.length())), null), null,
                                    List.of(new SimpleGrantedAuthority(Role.CLINIC_STAFF.authority())));
                    in.getSession(true);
                    repository.saveContext(new SecurityContextImpl(who), in, (HttpServletResponse) response);
                    ((HttpServletResponse) response).setStatus(204);
                }, SecurityContextHolderFilter.class);
        return http.build();
    }
}
