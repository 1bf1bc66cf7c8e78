package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The id each system gives a slot, in its own dialect (FHIR ids, HL7 placer numbers, iCal UIDs, CSV keys). */
final class ExternalIds {

    private static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.ROOT);

    private ExternalIds() {
    }

    static String site(SourceSystem system, long clinic) {
        return switch (system) {
            case RVSQ -> "rvsq-loc-" + Long.toHexString(clinic);
            case TAP_MEDICAL -> "tap_clinic_" + clinic;
            case DIALOGUE -> "dialogue-virtual-" + clinic;
            case BONJOUR_SANTE -> "bjs-" + clinic;
            case CHRONOMETRIC -> "chrono-" + clinic + "@chronometric.example";
            case LOGIBEC, KINLOGIX, MEDESYNC, MYLE, OMNIMED -> "CL" + clinic;
            case OSCAR_QC -> "oscar-" + clinic;
        };
    }

    static String professional(SourceSystem system, int professional) {
        return switch (system) {
            case RVSQ -> "rvsq-pr-" + Integer.toHexString(professional);
            case TAP_MEDICAL -> "tap_pr_" + professional;
            case DIALOGUE -> "dlg-pr-" + Integer.toHexString(professional);
            case BONJOUR_SANTE -> "bjs-pr-" + professional;
            case CHRONOMETRIC -> "chrono-pr-" + professional;
            case LOGIBEC, KINLOGIX, MEDESYNC, MYLE, OMNIMED -> "P" + professional;
            case OSCAR_QC -> "provider-" + professional;
        };
    }

    static String of(SourceSystem system, long clinic, int professional, Instant start, ZoneId zone) {
        long minute = start.getEpochSecond() / 60;
        return switch (system) {
            case RVSQ -> "rvsq-" + Long.toHexString(clinic) + "-" + Integer.toHexString(professional) + "-" + minute;
            case TAP_MEDICAL -> "tap_" + clinic + "_" + professional + "_" + minute;
            case DIALOGUE -> "dlg-" + Integer.toHexString(professional) + "-" + minute;
            case BONJOUR_SANTE -> "bjs:" + clinic + ":" + professional + ":" + minute;
            case CHRONOMETRIC -> minute + "-" + professional + "@chronometric.example";
            case LOGIBEC, KINLOGIX, MEDESYNC, MYLE, OMNIMED -> clinic + "^" + professional + "^" + minute;
            case OSCAR_QC -> clinic + "-" + LOCAL_MINUTE.format(start.atZone(zone)) + "-" + professional;
        };
    }
}
