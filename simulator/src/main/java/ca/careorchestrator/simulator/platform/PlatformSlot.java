package ca.careorchestrator.simulator.platform;

import ca.careorchestrator.core.care.ClinicId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A slot as one simulated system holds it, already in that system's dialect: its ids, its codes.
 * {@code version} grows by one with each change; {@code sequence} orders changes across the platform
 * (what a change feed or an outbound interface walks).
 */
public record PlatformSlot(
        String externalId,
        long version,
        long sequence,
        Instant lastUpdated,
        ClinicId clinic,
        String siteRef,
        String professionalRef,
        String professionCode,
        String serviceCode,
        String modalityCode,
        Instant start,
        Duration duration,
        ZoneId zone,
        Status status) {

    public enum Status {
        FREE, BOOKED, DELETED
    }

    public boolean free() {
        return status == Status.FREE;
    }

    PlatformSlot with(Status next, long nextSequence, Instant now) {
        return new PlatformSlot(externalId, version + 1, nextSequence, now, clinic, siteRef, professionalRef, professionCode,
                serviceCode, modalityCode, start, duration, zone, next);
    }
}
