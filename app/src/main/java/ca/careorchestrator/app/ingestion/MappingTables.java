package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.care.SourceSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-source mapping tables: the source's service, profession and modality codes to the canonical model.
 * Data files ({@code ingestion/mappings/<system>.tsv}, versioned by their first line), replaceable by an
 * operator's folder. A row naming an unknown canonical code stops the load with the line at fault.
 */
final class MappingTables {

    /** One source's table. */
    record Table(String version, Map<String, ServiceTypeCode> services, Map<String, Profession> professions,
            Map<String, Modality> modalities) {
    }

    static final String NO_CODE = "(none)";

    private final Map<SourceSystem, Table> tables;

    private MappingTables(Map<SourceSystem, Table> tables) {
        this.tables = tables;
    }

    static String fileName(SourceSystem system) {
        return system.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".tsv";
    }

    static MappingTables load(String overrideDir, ServiceTypes services) {
        Map<SourceSystem, Table> tables = new EnumMap<>(SourceSystem.class);
        for (SourceSystem system : SourceSystem.values()) {
            Path override = overrideDir.isBlank() ? null : Path.of(overrideDir, fileName(system));
            try (Reader reader = override != null && Files.isRegularFile(override)
                    ? Files.newBufferedReader(override, StandardCharsets.UTF_8)
                    : builtIn(system)) {
                tables.put(system, read(system, reader, services));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the mapping table of " + system, e);
            }
        }
        return new MappingTables(tables);
    }

    private static Reader builtIn(SourceSystem system) {
        InputStream in = MappingTables.class.getResourceAsStream("/ingestion/mappings/" + fileName(system));
        if (in == null) {
            throw new IllegalStateException("no built-in mapping table for " + system);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    static Table read(SourceSystem system, Reader source, ServiceTypes catalogue) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        String version = "unversioned";
        Map<String, ServiceTypeCode> services = new HashMap<>();
        Map<String, Profession> professions = new HashMap<>();
        Map<String, Modality> modalities = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.startsWith("#")) {
                int at = line.indexOf("Version ");
                if (number == 1 && at >= 0) {
                    version = line.substring(at + "Version ".length()).replaceAll("[^0-9A-Za-z.\\-]", "");
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            String where = fileName(system) + " line " + number;
            if (cells.length != 3 || cells[1].isBlank()) {
                throw new IllegalArgumentException(where + ": expected kind, source code, canonical code");
            }
            String code = cells[1].strip();
            String canonical = cells[2].strip();
            try {
                switch (cells[0]) {
                    case "service" -> services.put(code, catalogue.find(canonical)
                            .orElseThrow(() -> new IllegalArgumentException("unknown service type " + canonical)).code());
                    case "profession" -> professions.put(code, Profession.valueOf(canonical));
                    case "modality" -> modalities.put(code, Modality.valueOf(canonical));
                    default -> throw new IllegalArgumentException("unknown kind " + cells[0]);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new Table(version, services, professions, modalities);
    }

    Table of(SourceSystem system) {
        return tables.get(system);
    }

    Optional<ServiceTypeCode> service(SourceSystem system, String code) {
        return lookup(tables.get(system).services(), code);
    }

    Optional<Profession> profession(SourceSystem system, String code) {
        return lookup(tables.get(system).professions(), code);
    }

    Optional<Modality> modality(SourceSystem system, String code) {
        return lookup(tables.get(system).modalities(), code);
    }

    /** A source that gives no code is looked up as {@value #NO_CODE}: the table says what that means, if anything. */
    private static <T> Optional<T> lookup(Map<String, T> table, String code) {
        return Optional.ofNullable(table.get(code == null || code.isBlank() ? NO_CODE : code.strip()));
    }
}
