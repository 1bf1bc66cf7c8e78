package ca.careorchestrator.core.geo;

import java.util.regex.Pattern;

/** The four-digit code of a local service network (RLS): its RSS code then two digits, e.g. 0311. */
public record LocalNetworkCode(String value) implements Comparable<LocalNetworkCode> {

    private static final Pattern FORMAT = Pattern.compile("(0[1-9]|1[0-8])[0-9]{2}");

    public LocalNetworkCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("an RLS code is four digits starting with its RSS code");
        }
    }

    public RegionCode region() {
        return new RegionCode(value.substring(0, 2));
    }

    @Override
    public int compareTo(LocalNetworkCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
