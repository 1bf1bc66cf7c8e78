package ca.careorchestrator.app.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** Fails the start when a key is missing or malformed: a registry without protection is not an option. */
    @Bean
    NamProtection namProtection(IdentityProperties properties) {
        return NamProtection.fromBase64(properties.namHashKey(), properties.namEncryptionKey());
    }
}
