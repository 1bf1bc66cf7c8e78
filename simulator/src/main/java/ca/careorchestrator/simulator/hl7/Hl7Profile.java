package ca.careorchestrator.simulator.hl7;

import ca.careorchestrator.core.care.SourceSystem;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How each HL7 system's interface is set up in the simulation: its HL7 version (MSH-12), its sending
 * application and facility (MSH-3/MSH-4), its charset (MSH-18) and its control-id prefix. Plausible
 * profiles, not the vendors' own: older versions send ISO-8859-1, as Quebec interfaces of that age do.
 */
record Hl7Profile(String version, String application, String facility, Charset charset, String charsetName, String prefix) {

    static Hl7Profile of(SourceSystem system) {
        return switch (system) {
            case LOGIBEC -> new Hl7Profile("2.5.1", "LOGIBEC-GRM", "LOGIBEC", StandardCharsets.UTF_8, "UNICODE UTF-8", "LGB");
            case KINLOGIX -> new Hl7Profile("2.5", "KINLOGIX", "KLX-DME", StandardCharsets.UTF_8, "UNICODE UTF-8", "KLX");
            case OMNIMED -> new Hl7Profile("2.4", "OMNIMED", "OMNI-DME", StandardCharsets.ISO_8859_1, "8859/1", "OMN");
            case MYLE -> new Hl7Profile("2.3.1", "MYLE", "MYLE-DME", StandardCharsets.ISO_8859_1, "8859/1", "MYL");
            case MEDESYNC -> new Hl7Profile("2.3", "MEDESYNC", "MSY-DME", StandardCharsets.ISO_8859_1, "8859/1", "MSY");
            case RVSQ, BONJOUR_SANTE, CHRONOMETRIC, TAP_MEDICAL, DIALOGUE, OSCAR_QC ->
                    throw new IllegalArgumentException(system + " does not speak HL7v2");
        };
    }

    /** MSH-9.3 (message structure) exists from 2.3.1 on. */
    boolean hasStructure() {
        return !version.equals("2.3");
    }

    /** ERR-3/ERR-4 replace ERR-1 from 2.5 on. */
    boolean hasErr3() {
        return version.compareTo("2.5") >= 0;
    }
}
