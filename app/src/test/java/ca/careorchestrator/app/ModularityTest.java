package ca.careorchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(CareOrchestratorApplication.class);

    @Test
    void modulesOnlyUseWhatTheyExposeAndFormNoCycle() {
        MODULES.verify();
    }

    @Test
    void theModuleDiagramIsWrittenToDocs() throws Exception {
        Path docs = Path.of("..", "docs", "modules").toAbsolutePath().normalize();
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();

        assertThat(docs.resolve("components.puml")).exists();
        assertThat(Files.readString(docs.resolve("components.puml"))).contains("Directory", "Availability", "Provisioning");
    }
}
