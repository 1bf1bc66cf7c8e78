package ca.careorchestrator.connector.fhir;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server answering canned FHIR JSON by method and path (query ignored), recording requests. */
final class FixtureServer implements AutoCloseable {

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer ok(String body) {
            return new Answer(200, body, Map.of());
        }
    }

    record Request(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> received = new CopyOnWriteArrayList<>();

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                        new Answer(404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}", Map.of()));
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    /** Answers {@code method path} (e.g. "GET /fhir/Slot") with this. */
    FixtureServer on(String methodAndPath, Answer answer) {
        answers.put(methodAndPath, answer);
        return this;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
    }

    /** A searchset Bundle of these resources, the server's time {@code lastUpdated}, and a next link when given. */
    static String bundle(String lastUpdated, String next, String... resources) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"");
        if (lastUpdated != null) {
            json.append(",\"meta\":{\"lastUpdated\":\"").append(lastUpdated).append("\"}");
        }
        if (next != null) {
            json.append(",\"link\":[{\"relation\":\"next\",\"url\":\"").append(next).append("\"}]");
        }
        json.append(",\"entry\":[");
        for (int i = 0; i < resources.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"resource\":").append(resources[i]).append(",\"search\":{\"mode\":\"match\"}}");
        }
        return json.append("]}").toString();
    }

    static String example(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("examples/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
