package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The signed-in patient in the HTTP session, as Spring Security keeps it: a {@link SecurityContext} whose
 * authentication's principal is a {@link SignedInPatient} with {@code ROLE_PATIENT}, saved by
 * {@link HttpSessionSecurityContextRepository} (attribute {@code SPRING_SECURITY_CONTEXT}), so the security
 * module's filter chain reads it. Read from the current context first, from the session otherwise (no chain).
 */
public final class PatientSessions {

    public static final String ROLE = "ROLE_PATIENT";
    private static final HttpSessionSecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();

    private PatientSessions() {
    }

    /** Signs the patient in: a new session id (no fixation), then the context saved in the session. */
    public static void signIn(HttpServletRequest request, HttpServletResponse response, PatientId patient) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(new SignedInPatient(patient), null,
                List.of(new SimpleGrantedAuthority(ROLE))));
        request.getSession(true);
        request.changeSessionId();
        SecurityContextHolder.setContext(context);
        REPOSITORY.saveContext(context, request, response);
    }

    /** The signed-in patient of this request, if any. */
    public static Optional<SignedInPatient> current(HttpServletRequest request) {
        Optional<SignedInPatient> held = patientOf(SecurityContextHolder.getContext().getAuthentication());
        if (held.isPresent() || request == null) {
            return held;
        }
        return patientOf(REPOSITORY.loadDeferredContext(request).get().getAuthentication());
    }

    /** Signs out: the context is cleared and the session (with all it held) ends. */
    public static void signOut(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    static Optional<SignedInPatient> patientOf(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof SignedInPatient p
                ? Optional.of(p) : Optional.empty();
    }
}
