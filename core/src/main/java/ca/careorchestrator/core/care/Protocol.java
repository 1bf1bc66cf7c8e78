package ca.careorchestrator.core.care;

/** The integration protocols connectors speak (one connector module each). */
public enum Protocol {
    FHIR_R4, SMART_BULK, HL7V2_MLLP, ICALENDAR, CSV_DROP
}
