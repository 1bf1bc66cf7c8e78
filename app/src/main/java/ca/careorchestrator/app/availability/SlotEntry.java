package ca.careorchestrator.app.availability;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Instant;

/**
 * A slot as the search index keeps it: what a search filters and sorts on, its state code and how it is
 * booked (the best channel among its live listings: API, then deep link, then phone).
 */
public record SlotEntry(SlotId id, ClinicId clinic, ProfessionalId professional, ServiceTypeCode service, Modality modality,
        Instant start, int durationMinutes, String state, BookingChannel channel) {
}
