package ca.careorchestrator.simulator.fhir;

import ca.careorchestrator.core.care.SourceSystem;
import java.util.regex.Pattern;

/**
 * How one FHIR system presents the same resources differently (its integration profile). The connector is
 * one; these are the quirks it must absorb:
 * <ul>
 * <li>RVSQ: pages of at most 100, numeric {@code meta.versionId}, instants in UTC.</li>
 * <li>Tap Medical: no {@code meta.versionId} (only {@code meta.lastUpdated}), local times with offsets
 * ({@code -05:00}), and its ids ({@code tap_1_2_3}) are not valid FHIR ids: {@code Resource.id} is a valid
 * form ({@code tap-1-2-3}) and the platform's own id travels in {@code identifier} with {@link #identifierSystem}.</li>
 * <li>Dialogue: opaque {@code meta.versionId} ({@code v3-1f2e...}, not a number), virtual Locations
 * ({@code physicalType} "vi", no address), phone and video slots only.</li>
 * </ul>
 */
record FhirFlavour(
        SourceSystem system,
        int pageCap,
        Versioning versioning,
        boolean localTimes,
        String identifierSystem,
        String codeSystemBase,
        boolean virtualLocations) {

    /** What {@code meta.versionId} looks like. */
    enum Versioning {
        NUMERIC, OPAQUE, NONE
    }

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern NOT_ID_CHAR = Pattern.compile("[^A-Za-z0-9\\-.]");

    static FhirFlavour of(SourceSystem system) {
        return switch (system) {
            case RVSQ -> new FhirFlavour(system, 100, Versioning.NUMERIC, false, null,
                    "https://fhir.rvsq.example/CodeSystem/", false);
            case TAP_MEDICAL -> new FhirFlavour(system, 50, Versioning.NONE, true,
                    "https://api.tapmedical.example/fhir/sid/id", "https://api.tapmedical.example/fhir/CodeSystem/", false);
            case DIALOGUE -> new FhirFlavour(system, 200, Versioning.OPAQUE, false, null,
                    "https://fhir.dialogue.example/CodeSystem/", true);
            case BONJOUR_SANTE, CHRONOMETRIC, LOGIBEC, KINLOGIX, MEDESYNC, MYLE, OMNIMED, OSCAR_QC ->
                    throw new IllegalArgumentException(system + " does not speak FHIR R4 REST");
        };
    }

    /** The platform's id as a valid FHIR id ({@code [A-Za-z0-9\-.]{1,64}}). */
    String fhirId(String platformId) {
        String id = identifierSystem == null ? platformId : NOT_ID_CHAR.matcher(platformId).replaceAll("-");
        if (!FHIR_ID.matcher(id).matches()) {
            throw new IllegalStateException(system + " id " + platformId + " cannot be a FHIR id");
        }
        return id;
    }

    String codeSystem(String name) {
        return codeSystemBase + name;
    }
}
