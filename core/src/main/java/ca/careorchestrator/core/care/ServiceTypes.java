package ca.careorchestrator.core.care;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service-type taxonomy: the standard rows shipped in {@code service-types.tsv}, optionally extended by
 * a deployment's own file in the same format. An extension adds codes; it cannot redefine one.
 */
public final class ServiceTypes {

    private static final String STANDARD = "service-types.tsv";

    private final Map<ServiceTypeCode, ServiceType> byCode;

    private ServiceTypes(Map<ServiceTypeCode, ServiceType> byCode) {
        this.byCode = byCode;
    }

    public static ServiceTypes standard() {
        try (InputStream in = ServiceTypes.class.getResourceAsStream(STANDARD)) {
            if (in == null) {
                throw new IllegalStateException(STANDARD + " is missing from the classpath");
            }
            return new ServiceTypes(new LinkedHashMap<>()).extendedWith(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A taxonomy with the rows of {@code extension} added (tab-separated: code, minutes, name_fr, name_en). */
    public ServiceTypes extendedWith(Reader extension) {
        Map<ServiceTypeCode, ServiceType> merged = new LinkedHashMap<>(byCode);
        for (ServiceType type : parse(extension)) {
            if (merged.putIfAbsent(type.code(), type) != null) {
                throw new IllegalArgumentException("service type " + type.code() + " is defined twice");
            }
        }
        return new ServiceTypes(merged);
    }

    private static List<ServiceType> parse(Reader source) {
        List<ServiceType> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(source)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 4) {
                    throw new IllegalArgumentException("service types, line " + number + ": expected 4 tab-separated cells");
                }
                try {
                    rows.add(new ServiceType(new ServiceTypeCode(cells[0].strip()),
                            Duration.ofMinutes(Integer.parseInt(cells[1].strip())), cells[2].strip(), cells[3].strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("service types, line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public Optional<ServiceType> find(String code) {
        return ServiceTypeCode.isValid(code) ? Optional.ofNullable(byCode.get(new ServiceTypeCode(code))) : Optional.empty();
    }

    public ServiceType get(ServiceTypeCode code) {
        ServiceType type = byCode.get(code);
        if (type == null) {
            throw new IllegalArgumentException("unknown service type " + code);
        }
        return type;
    }

    public Collection<ServiceType> all() {
        return List.copyOf(byCode.values());
    }
}
