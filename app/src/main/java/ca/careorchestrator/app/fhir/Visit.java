package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a Slot or an Appointment resource says about the time it is for, whether it comes from a search hit
 * (the index) or from the stored slot (a hold, an appointment).
 */
record Visit(SlotId slot, ClinicId clinic, String clinicName, ProfessionalId professional, ServiceTypeCode service, Modality modality,
        Instant start, Instant end, BookingChannel channel, OptionalDouble distanceKm) {

    static Visit of(SlotHit hit) {
        return new Visit(hit.id(), hit.clinic(), hit.clinicName(), hit.professional(), hit.service(), hit.modality(), hit.start(),
                hit.start().plusSeconds(hit.durationMinutes() * 60L), hit.channel(), hit.distanceKm());
    }

    static Visit of(StoredSlot stored, Optional<Clinic> clinic) {
        var slot = stored.slot();
        return new Visit(slot.id(), slot.clinic(), clinic.map(Clinic::name).orElse(null), slot.professional(), slot.service(),
                slot.modality(), slot.start(), slot.end(),
                stored.bestListing().map(StoredSlot.LiveListing::channel).orElse(BookingChannel.PHONE), OptionalDouble.empty());
    }
}
