package ca.careorchestrator.app.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting in this request, for the audit trail: a signed-in patient; a partner platform (an OAuth2 client,
 * recognized by a {@code SCOPE_} or {@code ROLE_PARTNER} authority: its client id); any other authenticated user is
 * staff (their user name); else anonymous (a request the security module's chain let through without a user).
 */
public final class Actors {

    private Actors() {
    }

    public static AuditEntry.Actor current(HttpServletRequest request) {
        var patient = PatientSessions.current(request);
        if (patient.isPresent()) {
            return AuditEntry.Actor.patient(patient.get().patient());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken
                || authentication.getName() == null || authentication.getName().isBlank()) {
            return AuditEntry.Actor.ANONYMOUS;
        }
        boolean partner = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.startsWith("SCOPE_") || a.equals("ROLE_PARTNER"));
        return new AuditEntry.Actor(partner ? AuditEntry.Actor.Kind.PARTNER : AuditEntry.Actor.Kind.STAFF, authentication.getName());
    }
}
