package ca.careorchestrator.app.security;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Tests only: a registry that knows one patient, Léa, to sign in with {@link TestSignIn}. */
@TestConfiguration
@Import(TestSignIn.class)
class TestPatients {

    static final String SIGN_IN = TestSignIn.PATIENT;
    static final LocalDate BORN = LocalDate.of(1979, 3, 14);
    static final PatientId LEA_ID = new PatientId(UUID.fromString("6f1c3a52-7a1e-4c55-9d0c-2b8f1a9e4d11"));
    static final PatientIdentity LEA = new PatientIdentity(LEA_ID, HealthInsuranceNumber.issue("Gagnon", "Léa", BORN, Sex.FEMALE, 1),
            "Gagnon", "Léa");

    @Bean
    @Primary
    InsuredPeople testRegistry() {
        return new InsuredPeople() {
            @Override
            public Optional<PatientIdentity> identity(PatientId patient) {
                return patient.equals(LEA_ID) ? Optional.of(LEA) : Optional.empty();
            }

            @Override
            public Optional<Contact> contact(PatientId patient) {
                return Optional.empty();
            }

            @Override
            public Verification verify(String nam, LocalDate birthDate, Optional<Sex> sex, LocalDate today) {
                return LEA.nam().value().equals(nam) && BORN.equals(birthDate) ? new Verification.Verified(LEA) : new Verification.NotRegistered();
            }
        };
    }
}
