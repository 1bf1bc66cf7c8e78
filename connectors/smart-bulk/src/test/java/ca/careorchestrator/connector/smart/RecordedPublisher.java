package ca.careorchestrator.connector.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recorded SMART publisher replayed on 127.0.0.1: serves the recorded manifest and NDJSON files as they
 * are, like the real publisher (no {@code _since}, no conditional requests). The manifest is the recorded
 * one with two changes only: its output URLs point at this server, and outputs whose file was not recorded
 * are left out (the Rite Aid recording kept the NJ files of 51 outputs; the other states' files would
 * answer 404, which a connector rightly treats as a broken publisher).
 */
final class RecordedPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> kept = new ArrayList<>();
    private volatile String transactionTime;

    RecordedPublisher(Path folder) throws IOException {
        this.folder = folder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static Path riteAidNewJersey() {
        try {
            return Path.of(RecordedPublisher.class.getResource("riteaid-nj-2023-03-24/$bulk-publish").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    URI manifestUrl() {
        return URI.create(base() + "/$bulk-publish");
    }

    /** The local files the served manifest lists (after restriction to what was recorded). */
    List<String> keptOutputs() {
        return List.copyOf(kept);
    }

    /** From now on, the manifest says this transactionTime (a new publication, still ignoring _since). */
    void republishAt(String time) {
        transactionTime = time;
    }

    int requests() {
        return requests.get();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/$bulk-publish")) {
            send(exchange, 200, "application/json", manifest());
        } else if (path.startsWith("/files/") && Files.isRegularFile(folder.resolve(path.substring("/files/".length())))) {
            send(exchange, 200, "application/fhir+ndjson", Files.readAllBytes(folder.resolve(path.substring("/files/".length()))));
        } else {
            send(exchange, 404, "text/plain", "not recorded".getBytes());
        }
    }

    private byte[] manifest() throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(folder.resolve("$bulk-publish").toFile());
        ArrayNode outputs = JSON.createArrayNode();
        List<String> names = new ArrayList<>();
        for (JsonNode output : manifest.path("output")) {
            // .../states/locations/NJ.ndjson was recorded as locations-NJ.ndjson
            String[] parts = URI.create(output.path("url").asText()).getPath().split("/");
            String local = parts[parts.length - 2] + "-" + parts[parts.length - 1];
            if (Files.isRegularFile(folder.resolve(local))) {
                ObjectNode copy = ((ObjectNode) output).deepCopy();
                copy.put("url", base() + "/files/" + local);
                outputs.add(copy);
                names.add(local);
            }
        }
        manifest.set("output", outputs);
        if (transactionTime != null) {
            manifest.put("transactionTime", transactionTime);
        }
        synchronized (kept) {
            kept.clear();
            kept.addAll(names);
        }
        return JSON.writeValueAsBytes(manifest);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
