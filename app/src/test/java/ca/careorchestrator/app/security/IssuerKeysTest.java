package ca.careorchestrator.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The embedded issuer's key read from configuration (PEM), and a deployment's external issuer: its tokens checked with
 * the keys its metadata publishes, its name checked in {@code iss}.
 */
class IssuerKeysTest {

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static AccessProperties issuer(boolean embedded, String uri, Path privateKey, Path publicKey) {
        return new AccessProperties(new AccessProperties.Issuer(embedded, uri, privateKey == null ? null : new FileSystemResource(privateKey),
                publicKey == null ? null : new FileSystemResource(publicKey), Duration.ofMinutes(10)), List.of(), List.of(),
                new AccessProperties.Limits(200, 20, 40), 6);
    }

    private static String token(KeyPair key, String issuer, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), new JWTClaimsSet.Builder().issuer(issuer)
                .subject(subject).claim("scope", "booking").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void theEmbeddedIssuerSignsWithTheKeyConfigured(@TempDir Path dir) throws Exception {
        KeyPair configured = rsa();
        Path privateKey = Files.writeString(dir.resolve("issuer.pk8.pem"), pem("PRIVATE KEY", configured.getPrivate().getEncoded()));
        Path publicKey = Files.writeString(dir.resolve("issuer.pub.pem"), pem("PUBLIC KEY", configured.getPublic().getEncoded()));
        EmbeddedIssuer issuer = new EmbeddedIssuer();

        KeyPair read = issuer.issuerKey(issuer(true, null, privateKey, publicKey));

        assertThat(read.getPublic().getEncoded()).isEqualTo(configured.getPublic().getEncoded());
        Jwt decoded = issuer.embeddedIssuerTokens(read).decode(token(configured, "http://localhost:8080", "demo-partner"));
        assertThat(decoded.getSubject()).isEqualTo("demo-partner");
        assertThat(issuer.issuerKey(issuer(true, null, null, null)).getPublic().getEncoded()).as("without one, a new key")
                .isNotEqualTo(configured.getPublic().getEncoded());
    }

    @Test
    void aDeploymentChecksTheProvincesIssuerTokensWithItsPublishedKeys() throws Exception {
        KeyPair province = rsa();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/sante";
        String metadata = "{\"issuer\":\"%s\",\"jwks_uri\":\"%s/keys\"}".formatted(base, base);
        String keys = new JWKSet(new RSAKey.Builder((RSAPublicKey) province.getPublic()).keyID("k1").build()).toString();
        server.createContext("/realms/sante/.well-known/openid-configuration", exchange -> answer(exchange, metadata));
        server.createContext("/realms/sante/keys", exchange -> answer(exchange, keys));
        server.start();
        try {
            JwtDecoder decoder = new SecurityConfiguration().externalIssuer(issuer(false, base, null, null));

            assertThat(decoder.decode(token(province, base, "partner-x")).getSubject()).isEqualTo("partner-x");
            assertThatThrownBy(() -> decoder.decode(token(province, "https://elsewhere.example", "partner-x")))
                    .as("another issuer's name").isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> decoder.decode(token(rsa(), base, "partner-x"))).as("signed with another key").isInstanceOf(JwtException.class);
        } finally {
            server.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
