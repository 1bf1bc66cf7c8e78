package ca.careorchestrator.app.allocation;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.app.booking.HoldAdmission;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.catalog.Visibility;
import ca.careorchestrator.app.identity.PatientProfiles;
import ca.careorchestrator.core.allocation.Applicant;
import ca.careorchestrator.core.allocation.Decision;
import ca.careorchestrator.core.allocation.SlotFacts;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.PatientId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Whether a patient may see and take a slot, by the policy that governs it (DESIGN.md "Allocation rules"): for the
 * search (a {@link Visibility} per searcher, answering from memory), for a hold (the booking module's
 * {@link HoldAdmission}), for waitlist offers, and to explain a decision stage by stage.
 */
@Service
public class Admissions implements HoldAdmission {

    private final CurrentPolicies current;
    private final Availability availability;
    private final ObjectProvider<PatientProfiles> profiles;
    private final Clock clock;

    Admissions(CurrentPolicies current, Availability availability, ObjectProvider<PatientProfiles> profiles, Clock clock) {
        this.current = current;
        this.availability = availability;
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * Who this patient is to the rules: their profile from the registry, or an insured person with nothing more known
     * when the registry has no profile for them (or is not there).
     */
    public Applicant applicant(PatientIdentity patient) {
        return applicant(new PatientId(patient.ref()));
    }

    public Applicant applicant(PatientId patient) {
        PatientProfiles registry = profiles.getIfAvailable();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ca.careorchestrator.core.allocation.Audience.QUEBEC);
        return registry == null ? new Applicant.UnknownInsured()
                : registry.profile(patient, today).<Applicant>map(Applicant.Patient::new).orElseGet(Applicant.UnknownInsured::new);
    }

    /**
     * What this searcher may see now. Slots of clinics without a policy cost one map lookup; the others a decision
     * over their few stages. An anonymous visitor sees what is open to everyone.
     */
    public Visibility visibilityFor(Applicant applicant) {
        PolicyBook book = current.book();
        Instant now = clock.instant();
        return (clinic, professional, service, start) -> {
            StoredPolicy policy = book.storedFor(clinic, professional, service);
            if (policy == null) {
                return true; // no policy: any insured person, from publication
            }
            Optional<SlotFacts> facts = book.facts(clinic, professional, service, start);
            return facts.isPresent() && policy.policy().decide(applicant, facts.get(), now).admitted();
        };
    }

    /** The decision for this applicant and slot now, with each stage's reason; empty for a slot not known. */
    public Optional<SlotAdmission> explain(SlotId slot, Applicant applicant) {
        return explain(slot, applicant, clock.instant());
    }

    Optional<SlotAdmission> explain(SlotId slot, Applicant applicant, Instant now) {
        List<SlotEntry> entries = availability.entries(List.of(slot));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        SlotEntry entry = entries.get(0);
        PolicyBook book = current.book();
        return book.facts(entry.clinic(), entry.professional(), entry.service(), entry.start()).map(facts -> {
            PolicyBook.Governing governing = book.governing(entry.clinic(), entry.professional(), entry.service());
            return new SlotAdmission(slot, facts, governing.stored(), governing.policy().explain(applicant, facts, now));
        });
    }

    /** The hold's question: admitted (and by which stage) or refused with the explanation. */
    @Override
    public Verdict admit(SlotId slot, PatientIdentity patient, Instant now) {
        Optional<SlotAdmission> admission = explain(slot, applicant(patient), now);
        if (admission.isEmpty()) {
            return EVERYONE.admit(slot, patient, now); // an unknown slot: the hold itself says so
        }
        SlotAdmission found = admission.get();
        return switch (found.explanation().decision()) {
            case Decision.Admitted(int stage, var by) -> new Verdict.Admitted(
                    new AdmittedBy(found.policy().map(StoredPolicy::id), stage, by.audience().code()));
            case Decision.NotYet notYet -> new Verdict.Refused(notYet, found.explanation());
            case Decision.NotAdmitted notAdmitted -> new Verdict.Refused(notAdmitted, found.explanation());
        };
    }
}
