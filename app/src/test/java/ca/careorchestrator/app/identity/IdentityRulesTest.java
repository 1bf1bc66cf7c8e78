package ca.careorchestrator.app.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.PatientId;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules that keep "every hold names a verified patient" true by construction. */
class IdentityRulesTest {

    private static final JavaClasses APP = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ca.careorchestrator.app");

    @Test
    void onlyTheRegistryMakesAVerifiedPatientIdentity() {
        noClasses().that().resideOutsideOfPackage("ca.careorchestrator.app.identity..")
                .should().callConstructor(PatientIdentity.class, PatientId.class, HealthInsuranceNumber.class, String.class, String.class)
                .because("a patient who books is one the registry of insured people verified (issue #5)")
                .check(APP);
    }

    @Test
    void theNamIsDecryptedOnlyInTheIdentityModule() {
        noClasses().that().resideOutsideOfPackage("ca.careorchestrator.app.identity..")
                .should().callMethod(NamProtection.class, "decrypt", String.class)
                .check(APP);
    }
}
