package ca.careorchestrator.app.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * {@code care.security.*}: the issuer, the partner clients with their quotas, the demo staff users, and the
 * per-patient velocity limit. Secrets and passwords are bcrypt hashes ({@code {bcrypt}$2a$...}); the demo values are
 * listed in docs/adr/0007-security-and-roles.md. No table holds them yet (issue #5 keeps them in configuration).
 */
@ConfigurationProperties("care.security")
record AccessProperties(@DefaultValue Issuer issuer, @DefaultValue List<Client> clients, @DefaultValue List<User> users,
        @DefaultValue Limits partnerDefaults, @DefaultValue("6") int holdsPerPatientPerHour) {

    /**
     * @param embedded   the app is its own issuer (demo): {@code /oauth2/token}, {@code /oauth2/jwks}; a deployment sets
     *                   {@code false} and {@code uri} to the province's issuer, whose tokens the resource server checks
     * @param uri        the external issuer (its {@code /.well-known/openid-configuration} or
     *                   {@code /.well-known/oauth-authorization-server} names its keys)
     * @param privateKey optional PKCS#8 PEM of the embedded issuer's RSA key, with {@code publicKey} (X.509 PEM); without them a key
     *                   is generated at start (tokens then end with the process)
     */
    record Issuer(@DefaultValue("true") boolean embedded, String uri, Resource privateKey, Resource publicKey, @DefaultValue("10m") Duration tokenTtl) {
    }

    /**
     * A client of the issuer: a partner platform (scope {@code booking}), an operations machine (scope
     * {@code operations}: monitoring, scripts) or a source platform pushing notifications (scope {@code notify}).
     */
    record Client(String clientId, String secret, @DefaultValue("booking") Set<String> scopes, Limits limits) {
    }

    /**
     * @param holdsPerHour      the quota: holds a partner may make in any hour
     * @param requestsPerSecond the token bucket's refill rate
     * @param burst             the bucket's size
     */
    record Limits(@DefaultValue("200") int holdsPerHour, @DefaultValue("20") double requestsPerSecond, @DefaultValue("40") int burst) {
    }

    /** A demo staff user: {@code clinic} for clinic staff, {@code region} (RSS code) for the access desk. */
    record User(String username, String password, Role role, UUID clinic, String region) {
    }

    Limits limitsOf(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst().map(Client::limits).filter(java.util.Objects::nonNull).orElse(partnerDefaults);
    }
}
