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
