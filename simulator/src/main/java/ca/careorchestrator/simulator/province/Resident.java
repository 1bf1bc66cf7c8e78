package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.patient.Patient;

/**
 * A synthetic insured person of the province, with the contact points an insurer's registry keeps: where a
 * one-time sign-in code is sent. The e-mail domain is reserved ({@code .example}, RFC 2606), the phone numbers
 * are the fictional 555-01xx range.
 */
public record Resident(Patient patient, String email, String mobilePhone) {

    public Resident {
        if (patient == null || email == null || mobilePhone == null) {
            throw new IllegalArgumentException("a resident has a patient record, an e-mail and a mobile phone");
        }
    }

    @Override
    public String toString() {
        return "Resident[" + patient.id() + "]";
    }
}
