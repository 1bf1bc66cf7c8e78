package ca.careorchestrator.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** What every benchmark needs around its run: its own PostgreSQL schema, a count, and the machine it ran on. */
final class BenchSchema {

    private BenchSchema() {
    }

    /** One line naming the machine and JDK, printed before any figure. */
    static void printMachine() {
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s; JDK %s; max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    }

    static void fresh(String url, String schema) throws SQLException {
        execute(url, "drop schema if exists " + schema + " cascade", "create schema " + schema);
    }

    static void drop(String url, String schema) throws SQLException {
        execute(url, "drop schema if exists " + schema + " cascade");
    }

    /** Whether the schema holds a provisioned province (its provisioning_run table). */
    static boolean provisioned(String url, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            return single(s, "select count(*) from information_schema.tables where table_schema = '" + schema
                    + "' and table_name = 'provisioning_run'") > 0;
        }
    }

    static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
