package ca.careorchestrator.app.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The demo's own OAuth2 issuer (Spring Authorization Server): client credentials only, for the partner platforms,
 * operations machines and pushing sources of {@code care.security.clients}; signed JWTs ({@code sub} = client id,
 * {@code scope}), keys at {@code /oauth2/jwks}. A deployment turns it off ({@code care.security.issuer.embedded=false})
 * and names the province's issuer ({@code care.security.issuer.uri}): the resource server then checks that issuer's
 * tokens, with the same scopes ({@code booking}, {@code operations}, {@code notify}) and the same quotas by client id.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "care.security.issuer.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedIssuer {

    @Bean
    @Order(1)
    SecurityFilterChain issuerEndpoints(HttpSecurity http, ProblemAnswers answers) throws Exception {
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable()) // clients authenticate every call with their secret; no browser session here
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers));
        return http.build();
    }

    @Bean
    RegisteredClientRepository clients(AccessProperties properties) {
        List<RegisteredClient> clients = properties.clients().stream().map(client -> RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientSecret(client.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.issuer().tokenTtl()).build())
                .build()).toList();
        if (clients.isEmpty()) {
            // The repository needs one client; this one has no secret anyone knows and no scope.
            clients = List.of(RegisteredClient.withId("none").clientId("none").clientSecret("{noop}" + UUID.randomUUID())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** A client asking for no scope gets the scopes it is registered with (a partner need not know it must ask). */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> registeredScopes() {
        return context -> {
            if (context.getAuthorizedScopes().isEmpty()) {
                Set<String> scopes = context.getRegisteredClient().getScopes();
                context.getClaims().claim("scope", scopes);
            }
        };
    }

    @Bean
    KeyPair issuerKey(AccessProperties properties) throws IOException, NoSuchAlgorithmException {
        AccessProperties.Issuer issuer = properties.issuer();
        if (issuer.privateKey() != null && issuer.publicKey() != null) {
            RSAPrivateKey privateKey = RsaKeyConverters.pkcs8().convert(stream(issuer.privateKey()));
            RSAPublicKey publicKey = RsaKeyConverters.x509().convert(stream(issuer.publicKey()));
            return new KeyPair(publicKey, privateKey);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static InputStream stream(Resource resource) throws IOException {
        return resource.getInputStream();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(KeyPair issuerKey) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) issuerKey.getPublic()).privateKey((RSAPrivateKey) issuerKey.getPrivate())
                .keyID(UUID.nameUUIDFromBytes(issuerKey.getPublic().getEncoded()).toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** The resource server checks the embedded issuer's tokens with its public key, no network call. */
    @Bean
    JwtDecoder embeddedIssuerTokens(KeyPair issuerKey) {
        return NimbusJwtDecoder.withPublicKey((RSAPublicKey) issuerKey.getPublic()).build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }
}
