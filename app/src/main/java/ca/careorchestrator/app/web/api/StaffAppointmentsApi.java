package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.NoShowOutcome;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.api.BookingApi.AppointmentJson;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.ClinicId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a clinic's staff records about its own appointments (the path's clinic is theirs: see the security rules). */
@RestController
@RequestMapping(path = "/api/v1/staff/clinics/{clinicId}", produces = "application/json")
@Tag(name = "Clinic staff", description = "A clinic's own appointments")
class StaffAppointmentsApi {

    private final Bookings bookings;

    StaffAppointmentsApi(Bookings bookings) {
        this.bookings = bookings;
    }

    @PostMapping("/appointments/{id}/no-show")
    @Operation(summary = "Record that the patient did not come (from the appointment's time; counted in the observatory)")
    ResponseEntity<AppointmentJson> noShow(@PathVariable String clinicId, @PathVariable String id) {
        return switch (bookings.recordNoShow(new AppointmentId(Params.id(id)), new ClinicId(Params.id(clinicId)))) {
            case NoShowOutcome.Recorded recorded -> ResponseEntity.ok(AppointmentJson.of(recorded.appointment()));
            case NoShowOutcome.NotFound notFound -> throw new ProblemException(Problem.APPOINTMENT_NOT_FOUND);
            case NoShowOutcome.NotStarted notStarted -> throw new ProblemException(Problem.APPOINTMENT_NOT_STARTED);
            case NoShowOutcome.NotConfirmed notConfirmed -> throw new ProblemException(Problem.APPOINTMENT_NOT_CONFIRMED,
                    notConfirmed.appointment().state());
        };
    }
}
