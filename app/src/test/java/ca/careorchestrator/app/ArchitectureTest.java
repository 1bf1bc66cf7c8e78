package ca.careorchestrator.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** The boundaries of STYLE.md that Spring Modulith does not check. */
class ArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ca.careorchestrator");

    @Test
    void jdbcLivesOnlyInPersistencePackages() {
        noClasses().that().resideOutsideOfPackages("..persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..",
                        "org.postgresql..", "org.h2..")
                .check(ALL);
    }

    @Test
    void controllersLiveOnlyInWebPackagesAndTheFhirFacade() {
        // The FHIR facade is a web interface of its own: its controllers stay beside the HAPI mapping they need.
        classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .should().resideInAnyPackage("..web..", "ca.careorchestrator.app.fhir..")
                .check(ALL);
    }

    @Test
    void dependenciesComeThroughConstructors() {
        noFields().should().beAnnotatedWith(Autowired.class).check(ALL);
    }

    @Test
    void noPackageCyclesAnywhere() {
        slices().matching("ca.careorchestrator.(**)").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void hapiStaysOutOfCoreAndOfEveryAppModuleButTheFhirFacade() {
        noClasses().that().resideInAPackage("ca.careorchestrator.core..")
                .should().dependOnClassesThat().resideInAnyPackage("ca.uhn..", "org.hl7.fhir..")
                .check(ALL);
        noClasses().that().resideInAPackage("ca.careorchestrator.app..").and().resideOutsideOfPackage("ca.careorchestrator.app.fhir..")
                .should().dependOnClassesThat().resideInAnyPackage("ca.uhn..", "org.hl7.fhir..")
                .check(ALL);
    }

    @Test
    void noCodePathReadsPaymentOrSubscription() {
        // DESIGN.md, Fairness: payment, subscription or channel never enters an allocation; there is nothing to read.
        String words = "(?i).*(payment|subscription|abonnement|paiement).*";
        noClasses().should().haveNameMatching(words).check(ALL);
        noFields().should().haveNameMatching(words).check(ALL);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().should().haveNameMatching(words).check(ALL);
    }
}
