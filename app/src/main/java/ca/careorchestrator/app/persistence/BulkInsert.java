package ca.careorchestrator.app.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Writes many rows at once: PostgreSQL's {@code COPY ... FROM STDIN} (text format) when PostgreSQL is the
 * record, JDBC batches otherwise (H2). Each call is one transaction: all rows of all batches, or none.
 * Values: String, Number, Boolean, UUID, Instant, LocalDate or null.
 */
@Component
public final class BulkInsert {

    private final DataSource dataSource;
    private final boolean postgres;

    BulkInsert(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot reach the database", e);
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Rows for one table, in column order. */
    public record Batch(String table, List<String> columns, List<Object[]> rows) {
    }

    /** Writes the batches in order, in one transaction. */
    public void insert(Batch... batches) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Batch batch : batches) {
                    if (batch.rows().isEmpty()) {
                        continue;
                    }
                    if (postgres) {
                        copy(connection, batch.table(), batch.columns(), batch.rows());
                    } else {
                        batch(connection, batch.table(), batch.columns(), batch.rows());
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("bulk insert failed: " + e.getMessage(), e);
        }
    }

    private static void copy(Connection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendCopyValue(text, row[i]);
            }
            text.append('\n');
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(sql, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** COPY text format: tab-separated, \N for null, backslash escapes for the separators. */
    private static void appendCopyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String raw = value instanceof Instant instant ? instant.toString() : value.toString();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static void batch(Connection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : row[i];
                    statement.setObject(i + 1, value);
                }
                statement.addBatch();
                if (++pending == 5_000) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
