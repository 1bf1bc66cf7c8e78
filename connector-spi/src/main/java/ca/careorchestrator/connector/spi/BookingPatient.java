package ca.careorchestrator.connector.spi;

import java.time.LocalDate;

/**
 * What a source needs to know of the patient to book (FHIR Appointment.participant, HL7 PID). Synthetic
 * data only; {@code reference} is our pseudonymous patient id, never the NAM, and {@code toString} shows no name.
 */
public record BookingPatient(String reference, String familyName, String givenName, LocalDate birthDate, String healthInsuranceNumber) {

    public BookingPatient {
        if (reference == null || reference.isBlank() || familyName == null || givenName == null || birthDate == null) {
            throw new IllegalArgumentException("a booking patient has a reference, names and a birth date");
        }
    }

    @Override
    public String toString() {
        return "BookingPatient[" + reference + "]";
    }
}
