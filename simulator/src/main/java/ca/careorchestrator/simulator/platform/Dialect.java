package ca.careorchestrator.simulator.platform;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** How one system codes services, professions and modalities (dialects.tsv). */
public final class Dialect {

    private static final Map<SourceSystem, Dialect> ALL = load();

    private final Map<String, String> services = new HashMap<>();
    private final Map<Profession, String> professions = new EnumMap<>(Profession.class);
    private final Map<Modality, String> modalities = new EnumMap<>(Modality.class);

    private Dialect() {
    }

    public static Dialect of(SourceSystem system) {
        return ALL.get(system);
    }

    public String service(ServiceTypeCode service) {
        String code = services.get(service.value());
        if (code == null) {
            throw new IllegalArgumentException("no code for service " + service.value());
        }
        return code;
    }

    public String profession(Profession profession) {
        return professions.get(profession);
    }

    public String modality(Modality modality) {
        return modalities.get(modality);
    }

    private static Map<SourceSystem, Dialect> load() {
        Map<SourceSystem, Dialect> all = new EnumMap<>(SourceSystem.class);
        for (SourceSystem system : SourceSystem.values()) {
            all.put(system, new Dialect());
        }
        try (InputStream in = Dialect.class.getResourceAsStream("dialects.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Dialect dialect = all.get(SourceSystem.valueOf(cells[0]));
                switch (cells[1]) {
                    case "service" -> dialect.services.put(cells[2], cells[3]);
                    case "profession" -> dialect.professions.put(Profession.valueOf(cells[2]), cells[3]);
                    case "modality" -> dialect.modalities.put(Modality.valueOf(cells[2]), cells[3]);
                    default -> throw new IllegalStateException("dialects.tsv: unknown kind " + cells[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
