package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.booking.PatientIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The patient between the booking pages, kept on the server in the HTTP session: the NAM never travels in a URL
 * and is never written back into a page. It holds the fields that passed {@link PatientIdentity#check} (plain
 * values, so the session stays serializable) and checks them again on each use. The identity issue (#5)
 * replaces this with a sign-in.
 */
record SessionPatient(String nam, LocalDate birthDate, String familyName, String givenName) implements Serializable {

    static final String ATTRIBUTE = "care.patient";

    static SessionPatient of(PatientIdentity patient) {
        return new SessionPatient(patient.nam().value(), patient.birthDate(), patient.familyName(), patient.givenName());
    }

    /** The session's patient, if one was kept and still checks out {@code today}. */
    static Optional<PatientIdentity> in(HttpServletRequest request, LocalDate today) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof SessionPatient kept)) {
            return Optional.empty();
        }
        return switch (PatientIdentity.check(kept.nam(), kept.birthDate(), kept.familyName(), kept.givenName(), today)) {
            case PatientIdentity.Checked.Valid valid -> Optional.of(valid.patient());
            case PatientIdentity.Checked.Invalid invalid -> Optional.empty();
        };
    }

    /** Keeps the patient, under a new session id (a session id seen before the identity is not the one after it). */
    static void keep(HttpServletRequest request, PatientIdentity patient) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(ATTRIBUTE, of(patient));
    }

    /** Forgets the patient and everything else the session held. */
    static void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    @Override
    public String toString() {
        return "SessionPatient[****]";
    }
}
