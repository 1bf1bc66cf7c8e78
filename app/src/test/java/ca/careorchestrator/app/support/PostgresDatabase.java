package ca.careorchestrator.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL the tests run against ({@code -Dpostgres.url}, default 127.0.0.1:5432/test, user
 * postgres, trust auth). Without it the PostgreSQL tests are skipped with a notice, unless
 * {@code REQUIRE_POSTGRES=1} (CI), where a missing PostgreSQL fails the run.
 */
public final class PostgresDatabase {

    public static final String URL = System.getProperty("postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("postgres.user", "postgres");

    private PostgresDatabase() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("REQUIRE_POSTGRES"));
    }

    /**
     * A Spring test context on a fresh schema: the datasource properties, and a fresh data directory ({@code care.data-dir})
     * so that nothing of another test's files is read. Skips or fails as {@link #freshSchema} does.
     */
    public static void useFreshSchema(org.springframework.test.context.DynamicPropertyRegistry registry, String schema) {
        String url = freshSchema(schema);
        String dir;
        try {
            dir = java.nio.file.Files.createTempDirectory(schema.replace('_', '-')).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("care.data-dir", () -> dir);
    }

    /** A fresh, empty schema for one test class; skips or fails (see class comment) when PostgreSQL is absent. */
    public static String freshSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + URL + " (" + e.getMessage() + ")";
            if (required()) {
                Assertions.fail(message + " and REQUIRE_POSTGRES=1: PostgreSQL tests are required here");
            }
            System.err.println("NOTICE: " + message + ": PostgreSQL tests SKIPPED. Set REQUIRE_POSTGRES=1 to make this an error.");
            Assumptions.abort(message);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
