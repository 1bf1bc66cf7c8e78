package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.web.ProblemRenderer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The problem catalogue as FHIR OperationOutcome, for everything under {@code /fhir}: the catalogue's HTTP
 * status, one error issue whose {@code details.coding} is the problem's stable code (system
 * {@value #PROBLEMS}, the type URI's base), {@code details.text} its localized title and {@code diagnostics}
 * its localized detail; then information issues for what the problem carries (the alternatives to a taken
 * slot, the live hold's id).
 */
@Component
final class OperationOutcomes implements ProblemRenderer {

    static final String PROBLEMS = "https://care-orchestrator.example/problems";

    private final FhirJson json;

    OperationOutcomes(FhirJson json) {
        this.json = json;
    }

    @Override
    public boolean renders(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/fhir") || path.startsWith("/fhir/");
    }

    @Override
    public ResponseEntity<?> render(Problem problem, String title, String detail, Map<String, Object> properties, HttpHeaders headers) {
        return json.answer(problem.status(), outcome(problem, title, detail, properties), headers);
    }

    static OperationOutcome outcome(Problem problem, String title, String detail, Map<String, Object> properties) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(issueType(problem))
                .setDetails(new CodeableConcept(new Coding(PROBLEMS, problem.code(), null)).setText(title))
                .setDiagnostics(detail);
        properties.forEach((name, value) -> {
            if (value instanceof List<?> list && name.equals("alternatives")) {
                for (Object item : list) {
                    if (item instanceof SlotHit hit) {
                        // A free slot like the one refused, ready for another $hold.
                        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                                .setDetails(new CodeableConcept().setText("Slot/" + hit.id()))
                                .setDiagnostics("alternative: Slot/" + hit.id() + " at " + hit.start() + ", " + hit.clinicName());
                    }
                }
            } else {
                outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                        .setDiagnostics(name + ": " + value);
            }
        });
        return outcome;
    }

    /** One decision per problem, so a new problem cannot reach FHIR clients without one. */
    static IssueType issueType(Problem problem) {
        return switch (problem) {
            case MISSING_PARAMETER -> IssueType.REQUIRED;
            case MALFORMED_BODY -> IssueType.STRUCTURE;
            case BAD_PAGING, MALFORMED_PARAMETER, UNKNOWN_REGION, UNKNOWN_LOCAL_NETWORK, UNKNOWN_PROFESSION, MALFORMED_POSTAL_CODE,
                 UNKNOWN_POSTAL_AREA, RADIUS_OUT_OF_RANGE, MALFORMED_ID, MALFORMED_NAM, IMPOSSIBLE_NAM_DATE, NAM_CHECK_DIGIT,
                 NAM_IDENTITY_MISMATCH, UNKNOWN_SOURCE, UNKNOWN_SERVICE, UNKNOWN_MODALITY, UNKNOWN_LANGUAGE, UNKNOWN_ORDER,
                 MALFORMED_DATE, WINDOW_IN_PAST, WINDOW_TOO_LONG, UNKNOWN_QUARANTINE_STATUS, UNSUPPORTED_SLOT_STATUS -> IssueType.INVALID;
            case SLOT_NOT_FOUND, HOLD_NOT_FOUND, APPOINTMENT_NOT_FOUND, REGION_NOT_FOUND, SOURCE_NOT_CONNECTED,
                 QUARANTINE_ENTRY_NOT_FOUND, CLINIC_NOT_FOUND, NOT_FOUND -> IssueType.NOTFOUND;
            case SLOT_TAKEN, SLOT_HELD, SLOT_WITHDRAWN, QUARANTINE_ENTRY_RESOLVED -> IssueType.CONFLICT;
            // Refusals by rule rather than by a race: one live hold per patient, a confirmation too late, a past slot.
            case SLOT_IN_PAST, HOLD_ALREADY_LIVE, HOLD_EXPIRED, APPOINTMENT_NOT_CANCELLABLE, CANCELLATION_REFUSED -> IssueType.BUSINESSRULE;
            case NOTIFICATION_REJECTED -> IssueType.PROCESSING;
            case BOOKING_SOURCE_UNAVAILABLE, SEARCH_NOT_READY, SOURCE_BUSY -> IssueType.TRANSIENT;
            case METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> IssueType.NOTSUPPORTED;
            // Fairness (issue #5).
            case APPOINTMENT_LIMIT_REACHED -> IssueType.BUSINESSRULE;
            case UNKNOWN_SIGNAL -> IssueType.INVALID;
            // Orientation (issue #6).
            case ORIENTATION_ANSWER_MISSING -> IssueType.REQUIRED;
            case UNKNOWN_REASON, AGE_OUT_OF_RANGE -> IssueType.INVALID;
            case AMBIGUOUS_REASON, CONTRADICTORY_ANSWERS -> IssueType.BUSINESSRULE;
            // Allocation rules (issue #5): a slot not open to this patient is a business rule; a bad policy is invalid input.
            case SLOT_NOT_OPEN_TO_YOU -> IssueType.BUSINESSRULE;
            case POLICY_NO_STAGES, POLICY_TOO_MANY_STAGES, POLICY_STAGES_UNORDERED, POLICY_STAGES_OVERLAPPING, POLICY_LEAD_OUT_OF_RANGE,
                 POLICY_BAD_AGE_BAND, MALFORMED_POLICY_STAGE, UNKNOWN_PROFESSIONAL -> IssueType.INVALID;
            // Identity (#5): an identity the registry does not confirm, and the sign-in's own refusals.
            case PATIENT_NOT_VERIFIED -> IssueType.SECURITY;
            case SIGN_IN_CODE_WRONG, SIGN_IN_CODE_EXPIRED -> IssueType.INVALID;
            case SIGN_IN_LOCKED -> IssueType.THROTTLED;
            case AUTHENTICATION_REQUIRED -> IssueType.LOGIN;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case PARTNER_PATIENT_REQUIRED -> IssueType.REQUIRED;
            case PARTNER_QUOTA_EXCEEDED, RATE_LIMITED, PATIENT_VELOCITY_EXCEEDED -> IssueType.THROTTLED;
            // The waitlist's (issue #5).
            case WINDOW_REVERSED, UNKNOWN_PRIORITY -> IssueType.INVALID;
            case CARE_REQUEST_NOT_FOUND, OFFER_NOT_FOUND -> IssueType.NOTFOUND;
            case PATIENT_NOT_REGISTERED, CARE_REQUEST_ALREADY_OPEN, CARE_REQUEST_ENDED, OFFER_EXPIRED, OFFER_ANSWERED -> IssueType.BUSINESSRULE;
            case DESK_OTHER_REGION -> IssueType.FORBIDDEN;
            case DESK_REQUEST_NOT_OPEN -> IssueType.BUSINESSRULE;
            case APPOINTMENT_NOT_STARTED, APPOINTMENT_NOT_CONFIRMED -> IssueType.BUSINESSRULE;
            // The observatory's (issue #7): an area that is not one, dates outside what it answers for.
            case UNKNOWN_AREA -> IssueType.NOTFOUND;
            case OBSERVATORY_DATES_OUT_OF_RANGE, OBSERVATORY_RANGE_TOO_LONG -> IssueType.INVALID;
            case INTERNAL_ERROR -> IssueType.EXCEPTION;
        };
    }
}
