package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.SourceConfig;
import java.net.URI;
import java.time.Duration;

/**
 * The connector's settings ({@code fhir.*} keys of {@link SourceConfig#settings()}), with their defaults.
 * See README.md for what each is for.
 */
record FhirSettings(
        URI base,
        int pageSize,
        int batchSize,
        String identifierSystem,
        String serviceSystem,
        String professionSystem,
        String modalitySystem,
        Duration checkpointOverlap,
        Duration defaultRetry,
        String bookingKeySystem,
        String patientSystem,
        String namSystem,
        String bearerToken,
        Duration timeout) {

    static final String BOOKING_KEY_SYSTEM = "https://care-orchestrator.example/fhir/sid/booking-key";
    static final String PATIENT_SYSTEM = "https://care-orchestrator.example/fhir/sid/patient";
    /** Quebec health insurance number (NAM) in the pan-Canadian URI registry. */
    static final String NAM_SYSTEM = "https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id";

    static FhirSettings of(SourceConfig config) {
        String endpoint = config.endpoint().toString();
        URI base = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        return new FhirSettings(
                base,
                Integer.parseInt(config.setting("fhir.page-size", "1000")),
                Integer.parseInt(config.setting("fhir.batch-size", "1000")),
                blankToNull(config.setting("fhir.identifier-system", null)),
                blankToNull(config.setting("fhir.service-system", null)),
                blankToNull(config.setting("fhir.profession-system", null)),
                blankToNull(config.setting("fhir.modality-system", null)),
                Duration.parse(config.setting("fhir.checkpoint-overlap", "PT1S")),
                Duration.parse(config.setting("fhir.retry-after", "PT30S")),
                config.setting("fhir.booking-key-system", BOOKING_KEY_SYSTEM),
                config.setting("fhir.patient-system", PATIENT_SYSTEM),
                config.setting("fhir.nam-system", NAM_SYSTEM),
                blankToNull(config.setting("fhir.bearer-token", null)),
                config.timeout());
    }

    FhirSettings {
        if (pageSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("fhir.page-size and fhir.batch-size are positive");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
