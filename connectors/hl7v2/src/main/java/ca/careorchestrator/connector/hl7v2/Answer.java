package ca.careorchestrator.connector.hl7v2;

/**
 * How we answer one pushed message (MSA-1, original acknowledgement mode) and why: AA applied; AE not applied
 * and never will be as sent (quarantined or refused: do not resend); AR not applied now (busy: resend later).
 * {@code errorCode} is HL7 table 0357.
 */
record Answer(Code code, int errorCode, String reason) {

    enum Code {
        AA, AE, AR
    }

    static final int DATA_TYPE_ERROR = 102;
    static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    static final int UNSUPPORTED_EVENT = 201;
    static final int INTERNAL_ERROR = 207;

    static Answer accepted() {
        return new Answer(Code.AA, 0, "");
    }

    static Answer error(int errorCode, String reason) {
        return new Answer(Code.AE, errorCode, reason);
    }

    static Answer retry(String reason) {
        return new Answer(Code.AR, INTERNAL_ERROR, reason);
    }
}
