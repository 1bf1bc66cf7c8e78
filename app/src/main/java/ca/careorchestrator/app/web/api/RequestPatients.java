package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whom a JSON request is for, the same way in every API: a signed-in patient for themself, a partner platform or the
 * access desk for the patient the body names ({@link CurrentActor#patientToActFor}), that patient checked by the
 * registry of insured people (a failure counted against whoever named them).
 */
@Component
final class RequestPatients {

    private final CurrentActor actors;
    private final InsuredPeople people;
    private final Clock clock;

    RequestPatients(CurrentActor actors, InsuredPeople people, Clock clock) {
        this.actors = actors;
        this.people = people;
        this.clock = clock;
    }

    PatientIdentity forRequest(BookingApi.PatientJson json) {
        boolean namesNobody = json == null || json.nam() == null && json.birthDate() == null;
        return actors.patientToActFor(namesNobody ? Optional.empty() : Optional.of(named(json)));
    }

    /** The patient the body names, verified (the NAM's own problems first, then {@code patient-not-verified}). */
    PatientIdentity named(BookingApi.PatientJson json) {
        if (json.nam() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "patient.nam");
        }
        if (json.birthDate() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "patient.birthDate");
        }
        return actors.verified(() -> people.verified(json.nam(), json.birthDate(), Optional.empty(),
                LocalDate.ofInstant(clock.instant(), SearchCriteria.QUEBEC)));
    }
}
