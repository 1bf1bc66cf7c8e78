package ca.careorchestrator.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ca.careorchestrator.core");

    @Test
    void coreIsFreeOfPackageCycles() {
        slices().matching("ca.careorchestrator.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreNeverReadsTheWallClockNorMakesRandomIds() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .because("time and ids are passed in, so every decision can run on simulated time (STYLE.md)")
                .check(CORE);
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("java..", "ca.careorchestrator.core..")
                .check(CORE);
    }
}
