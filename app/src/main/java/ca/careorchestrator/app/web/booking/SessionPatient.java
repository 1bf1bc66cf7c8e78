package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.PatientSessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The patient between the booking pages: the one who signed in ({@code /connexion}), kept by Spring Security's
 * context in the server-side session (only the registry's id, never the NAM), and their identity read back from the
 * registry of insured people on each use.
 */
final class SessionPatient {

    private SessionPatient() {
    }

    static Optional<PatientIdentity> in(HttpServletRequest request, InsuredPeople people) {
        return PatientSessions.current(request).flatMap(signedIn -> people.identity(signedIn.patient()));
    }

    /** Where to sign in, coming back to {@code path} after. */
    static String signInFor(String path) {
        return "redirect:/connexion?suite=" + path;
    }
}
