package ca.careorchestrator.app.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the running application over real HTTP as someone: nobody, a client of the issuer (a bearer token obtained
 * from {@code /oauth2/token} with client credentials), or a browser session (staff form sign-in, with the CSRF token
 * the session's pages hand out sent back in {@code X-XSRF-TOKEN}, as the pages' scripts do).
 */
public final class Caller {

    /** The demo clients and users of application.yml. */
    public static final String PARTNER = "demo-partner";
    public static final String PARTNER_SECRET = "demo-partner-secret";
    public static final String OPERATIONS = "demo-operations";
    public static final String OPERATIONS_SECRET = "demo-operations-secret";
    public static final String STAFF_PASSWORD = "demo";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final String base;
    private final HttpClient http;
    private final CookieManager cookies;
    private final String token;

    /**
     * Cookies a browser keeps, but the language's: a test says its language with {@code ?lang=} on the request it is for,
     * as when no test kept cookies.
     */
    private static CookieManager browserCookies() {
        return new CookieManager(null, (uri, cookie) -> !cookie.getName().equals("care-lang"));
    }

    private Caller(int port, CookieManager cookies, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.cookies = cookies;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        this.http = builder.build();
    }

    public static Caller anonymous(int port) {
        return new Caller(port, null, null);
    }

    /** Nobody signed in, in a browser: cookies kept, and the CSRF token the first page handed out sent back. */
    public static Caller browser(int port) {
        Caller caller = new Caller(port, browserCookies(), null);
        caller.page("/");
        return caller;
    }

    /** A client of the embedded issuer, with a token obtained over HTTP (client credentials). */
    public static Caller client(int port, String clientId, String secret) {
        return new Caller(port, null, token(port, clientId, secret));
    }

    public static Caller partner(int port) {
        return client(port, PARTNER, PARTNER_SECRET);
    }

    public static Caller operations(int port) {
        return client(port, OPERATIONS, OPERATIONS_SECRET);
    }

    /** The access token the issuer gives this client (one per port and client, reused: tokens last ten minutes). */
    public static String token(int port, String clientId, String secret) {
        return TOKENS.computeIfAbsent(port + " " + clientId, key -> {
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/oauth2/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("no token for " + clientId + ": " + answer.statusCode() + " " + answer.body());
                }
                return JSON.readTree(answer.body()).get("access_token").asString();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A staff member signed in with the form (a session cookie and a CSRF token). */
    public static Caller staff(int port, String username) {
        Caller caller = new Caller(port, browserCookies(), null);
        caller.page("/personnel/connexion");
        HttpResponse<String> signedIn = caller.send("POST", "/personnel/connexion", "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + STAFF_PASSWORD, "application/x-www-form-urlencoded", "text/html");
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("erreur")) {
            throw new IllegalStateException("staff " + username + " could not sign in: " + signedIn.statusCode() + " " + location);
        }
        caller.page("/"); // the token changes at sign-in: the next page hands out the new one
        return caller;
    }

    /** A browser session opened by a GET on {@code path} (a test's own sign-in), with its CSRF token. */
    public static Caller session(int port, String path) {
        Caller caller = new Caller(port, browserCookies(), null);
        HttpResponse<String> opened = caller.send("GET", path, null, null, "application/json");
        if (opened.statusCode() >= 300) {
            throw new IllegalStateException("no session from " + path + ": " + opened.statusCode());
        }
        caller.page("/");
        return caller;
    }

    public HttpResponse<String> page(String path) {
        return send("GET", path, null, null, "text/html");
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null, "application/json");
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, "application/json", "application/json");
    }

    public HttpResponse<String> send(String method, String path, String body, String contentType, String accept) {
        return send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)),
                contentType, accept);
    }

    public HttpResponse<String> send(HttpRequest.Builder request, String contentType, String accept) {
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request to {@code path} carrying this caller's credentials (the bearer token, or the session's CSRF token). */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cookies != null) {
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN") && !c.getValue().isEmpty()).findFirst()
                    .ifPresent(c -> request.header("X-XSRF-TOKEN", c.getValue()));
        }
        return request;
    }

    /** The same session without its CSRF token (what a forged cross-site request would send). */
    public HttpResponse<String> sendWithoutCsrf(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request, contentType, "application/json");
    }
}
