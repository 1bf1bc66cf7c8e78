package ca.careorchestrator.core.care;

import java.util.regex.Pattern;

/** The stable code of a canonical service type, e.g. {@code follow-up}. */
public record ServiceTypeCode(String value) implements Comparable<ServiceTypeCode> {

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ServiceTypeCode {
        if (value == null || value.length() > 40 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a service-type code is lowercase words joined by '-'");
        }
    }

    public static boolean isValid(String raw) {
        return raw != null && raw.length() <= 40 && FORMAT.matcher(raw).matches();
    }

    @Override
    public int compareTo(ServiceTypeCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
