package ca.careorchestrator.app.problem;

import java.net.URI;

/**
 * Every error the orchestrator answers with: a stable code (also the last segment of the type URI), an HTTP
 * status, and a bilingual title and detail under {@code problem.<code>.title|detail} in the messages.
 */
public enum Problem {
    BAD_PAGING("bad-paging", 400),
    MALFORMED_PARAMETER("malformed-parameter", 400),
    MISSING_PARAMETER("missing-parameter", 400),
    MALFORMED_BODY("malformed-body", 400),
    UNKNOWN_REGION("unknown-region", 400),
    UNKNOWN_LOCAL_NETWORK("unknown-local-network", 400),
    UNKNOWN_PROFESSION("unknown-profession", 400),
    MALFORMED_POSTAL_CODE("malformed-postal-code", 400),
    UNKNOWN_POSTAL_AREA("unknown-postal-area", 400),
    RADIUS_OUT_OF_RANGE("radius-out-of-range", 400),
    MALFORMED_ID("malformed-id", 400),
    MALFORMED_NAM("malformed-nam", 400),
    IMPOSSIBLE_NAM_DATE("impossible-nam-date", 400),
    NAM_CHECK_DIGIT("nam-check-digit", 400),
    NAM_IDENTITY_MISMATCH("nam-identity-mismatch", 400),
    UNKNOWN_SOURCE("unknown-source", 400),
    UNKNOWN_SERVICE("unknown-service", 400),
    UNKNOWN_MODALITY("unknown-modality", 400),
    UNKNOWN_LANGUAGE("unknown-language", 400),
    UNKNOWN_ORDER("unknown-order", 400),
    MALFORMED_DATE("malformed-date", 400),
    WINDOW_IN_PAST("window-in-past", 400),
    WINDOW_TOO_LONG("window-too-long", 400),
    UNSUPPORTED_SLOT_STATUS("unsupported-slot-status", 400),
    SLOT_NOT_FOUND("slot-not-found", 404),
    SLOT_TAKEN("slot-taken", 409),
    SLOT_HELD("slot-held", 409),
    SLOT_WITHDRAWN("slot-withdrawn", 409),
    SLOT_IN_PAST("slot-in-past", 409),
    HOLD_ALREADY_LIVE("hold-already-live", 409),
    HOLD_NOT_FOUND("hold-not-found", 404),
    HOLD_EXPIRED("hold-expired", 410),
    APPOINTMENT_NOT_FOUND("appointment-not-found", 404),
    APPOINTMENT_NOT_CANCELLABLE("appointment-not-cancellable", 409),
    CANCELLATION_REFUSED("cancellation-refused", 409),
    BOOKING_SOURCE_UNAVAILABLE("booking-source-unavailable", 503),
    SEARCH_NOT_READY("search-not-ready", 503),
    UNKNOWN_QUARANTINE_STATUS("unknown-quarantine-status", 400),
    REGION_NOT_FOUND("region-not-found", 404),
    SOURCE_NOT_CONNECTED("source-not-connected", 404),
    QUARANTINE_ENTRY_NOT_FOUND("quarantine-entry-not-found", 404),
    QUARANTINE_ENTRY_RESOLVED("quarantine-entry-resolved", 409),
    NOTIFICATION_REJECTED("notification-rejected", 422),
    SOURCE_BUSY("source-busy", 503),
    CLINIC_NOT_FOUND("clinic-not-found", 404),
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", 406),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    APPOINTMENT_LIMIT_REACHED("appointment-limit-reached", 409),
    UNKNOWN_SIGNAL("unknown-signal", 400),
    ORIENTATION_ANSWER_MISSING("orientation-answer-missing", 400),
    UNKNOWN_REASON("unknown-reason", 400),
    AMBIGUOUS_REASON("ambiguous-reason", 422),
    AGE_OUT_OF_RANGE("age-out-of-range", 400),
    CONTRADICTORY_ANSWERS("contradictory-answers", 422),
    SLOT_NOT_OPEN_TO_YOU("slot-not-open-to-you", 409),
    POLICY_NO_STAGES("allocation-policy-no-stages", 422),
    POLICY_TOO_MANY_STAGES("allocation-policy-too-many-stages", 422),
    POLICY_STAGES_UNORDERED("allocation-policy-stages-unordered", 422),
    POLICY_STAGES_OVERLAPPING("allocation-policy-stages-overlapping", 422),
    POLICY_LEAD_OUT_OF_RANGE("allocation-policy-lead-out-of-range", 422),
    POLICY_BAD_AGE_BAND("allocation-policy-bad-age-band", 422),
    MALFORMED_POLICY_STAGE("malformed-allocation-stage", 400),
    UNKNOWN_PROFESSIONAL("unknown-professional", 400),
    PATIENT_NOT_VERIFIED("patient-not-verified", 422),
    SIGN_IN_CODE_WRONG("sign-in-code-wrong", 422),
    SIGN_IN_CODE_EXPIRED("sign-in-code-expired", 410),
    SIGN_IN_LOCKED("sign-in-locked", 429),
    AUTHENTICATION_REQUIRED("authentication-required", 401),
    FORBIDDEN("forbidden", 403),
    PARTNER_PATIENT_REQUIRED("partner-patient-required", 422),
    PARTNER_QUOTA_EXCEEDED("partner-quota-exceeded", 429),
    RATE_LIMITED("rate-limited", 429),
    PATIENT_VELOCITY_EXCEEDED("patient-velocity-exceeded", 429),
    WINDOW_REVERSED("window-reversed", 400),
    UNKNOWN_PRIORITY("unknown-priority", 400),
    PATIENT_NOT_REGISTERED("patient-not-registered", 422),
    CARE_REQUEST_NOT_FOUND("care-request-not-found", 404),
    CARE_REQUEST_ALREADY_OPEN("care-request-already-open", 409),
    CARE_REQUEST_ENDED("care-request-ended", 409),
    OFFER_NOT_FOUND("offer-not-found", 404),
    OFFER_EXPIRED("offer-expired", 410),
    OFFER_ANSWERED("offer-answered", 409),
    DESK_OTHER_REGION("desk-other-region", 403),
    DESK_REQUEST_NOT_OPEN("desk-request-not-open", 409),
    APPOINTMENT_NOT_STARTED("appointment-not-started", 409),
    APPOINTMENT_NOT_CONFIRMED("appointment-not-confirmed", 409),
    UNKNOWN_AREA("unknown-area", 404),
    OBSERVATORY_DATES_OUT_OF_RANGE("observatory-dates-out-of-range", 400),
    OBSERVATORY_RANGE_TOO_LONG("observatory-range-too-long", 400),
    INTERNAL_ERROR("internal-error", 500);

    /** Base of the type URIs; each type is documented at {@code /problems/<code>}. */
    public static final String TYPE_BASE = "https://care-orchestrator.example/problems/";

    private final String code;
    private final int status;

    Problem(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The problem that says why a NAM was refused. */
    public static Problem of(ca.careorchestrator.core.patient.NamDefect defect) {
        return switch (defect) {
            case BAD_FORMAT -> MALFORMED_NAM;
            case IMPOSSIBLE_DATE -> IMPOSSIBLE_NAM_DATE;
            case BAD_CHECK_DIGIT -> NAM_CHECK_DIGIT;
            case IDENTITY_MISMATCH -> NAM_IDENTITY_MISMATCH;
        };
    }

    /** The problem that says what is wrong with a proposed allocation policy. */
    public static Problem of(ca.careorchestrator.core.allocation.PolicyDefect.Kind defect) {
        return switch (defect) {
            case NO_STAGES -> POLICY_NO_STAGES;
            case TOO_MANY_STAGES -> POLICY_TOO_MANY_STAGES;
            case UNORDERED -> POLICY_STAGES_UNORDERED;
            case OVERLAPPING -> POLICY_STAGES_OVERLAPPING;
            case LEAD_OUT_OF_RANGE -> POLICY_LEAD_OUT_OF_RANGE;
            case BAD_AGE_BAND -> POLICY_BAD_AGE_BAND;
        };
    }

    public URI type() {
        return URI.create(TYPE_BASE + code);
    }
}
