package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.util.OptionalDouble;

/** A free slot found by a search, with what a result list shows: where, who, when, how it is booked. */
public record SlotHit(SlotId id, ClinicId clinic, String clinicName, RegionCode region, ProfessionalId professional,
        Profession profession, ServiceTypeCode service, Modality modality, Instant start, int durationMinutes,
        BookingChannel channel, OptionalDouble distanceKm) {
}
