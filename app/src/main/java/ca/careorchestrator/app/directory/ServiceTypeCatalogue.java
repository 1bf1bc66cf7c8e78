package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.care.ServiceTypes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service-type taxonomy in use: the standard rows, extended by the deployment's own file
 * ({@code care.service-types.extension}, same tab-separated format) when one is configured. A bad file stops
 * the start-up with the line at fault.
 */
@Configuration
class ServiceTypeCatalogue {

    @Bean
    ServiceTypes serviceTypes(@Value("${care.service-types.extension:}") String extension) {
        ServiceTypes standard = ServiceTypes.standard();
        if (extension.isBlank()) {
            return standard;
        }
        try (Reader reader = Files.newBufferedReader(Path.of(extension), StandardCharsets.UTF_8)) {
            return standard.extendedWith(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read care.service-types.extension " + extension, e);
        }
    }
}
