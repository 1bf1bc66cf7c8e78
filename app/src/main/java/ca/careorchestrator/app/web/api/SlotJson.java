package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceTypes;
import java.time.Instant;

/** A free slot in a result list: when, what, who, where, and how it is booked (here, on the source's page, by phone). */
public record SlotJson(String id, Instant start, Instant end, int durationMinutes, CodeName service, CodeName modality,
        CodeName profession, ClinicRef clinic, Double distanceKm, Booking booking) {

    public record CodeName(String code, String name) {
    }

    public record ClinicRef(String id, String name, String region) {
    }

    /** {@code channel}: API (book here), DEEP_LINK (on the platform's page), PHONE (call the clinic). */
    public record Booking(String channel, boolean bookHere) {
    }

    public static SlotJson of(SlotHit hit, ServiceTypes serviceTypes, Language language) {
        return new SlotJson(hit.id().toString(), hit.start(), hit.start().plusSeconds(hit.durationMinutes() * 60L), hit.durationMinutes(),
                new CodeName(hit.service().value(), serviceTypes.find(hit.service().value()).map(t -> t.name(language)).orElse(hit.service().value())),
                new CodeName(hit.modality().name(), hit.modality().name(language)),
                new CodeName(hit.profession().name(), hit.profession().name(language)),
                new ClinicRef(hit.clinic().toString(), hit.clinicName(), hit.region().value()),
                hit.distanceKm().isPresent() ? Math.round(hit.distanceKm().getAsDouble() * 10) / 10.0 : null,
                new Booking(hit.channel().name(), hit.channel() == BookingChannel.API));
    }
}
