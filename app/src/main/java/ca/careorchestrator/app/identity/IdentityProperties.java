package ca.careorchestrator.app.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code care.identity.*}: the NAM protection keys (base64; the defaults in application.properties are demo-only,
 * production sets {@code CARE_IDENTITY_NAM_HASH_KEY} and {@code CARE_IDENTITY_NAM_ENCRYPTION_KEY}), how long a
 * sign-in code lives, how many wrong codes lock a NAM and for how long, and {@code demo-people}: how many synthetic
 * residents the sign-in page names for a visitor to try the default run with (0, the default, names none).
 */
@ConfigurationProperties("care.identity")
public record IdentityProperties(String namHashKey, String namEncryptionKey, @DefaultValue("10m") Duration codeTtl,
        @DefaultValue("5") int maxTries, @DefaultValue("15m") Duration lockout, @DefaultValue("0") int demoPeople) {

    @Override
    public String toString() {
        return "IdentityProperties[codeTtl=" + codeTtl + ", maxTries=" + maxTries + ", lockout=" + lockout + "]";
    }
}
