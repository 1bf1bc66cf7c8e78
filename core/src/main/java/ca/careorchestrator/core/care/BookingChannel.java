package ca.careorchestrator.core.care;

/** How a slot listed by a source system is taken. */
public enum BookingChannel {
    /** Booked by the orchestrator through the source's API (FHIR Appointment, HL7 SRM). */
    API,
    /** The patient is handed to the source's booking page. */
    DEEP_LINK,
    /** The patient calls the clinic. */
    PHONE
}
