package ca.careorchestrator.app;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The orchestrator. Application modules are the direct sub-packages of this one (Spring Modulith). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareOrchestratorApplication.class, args);
    }

    /** The one clock: tests and simulations replace it; nothing reads the wall clock directly. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
