package ca.careorchestrator.core.geo;

import java.util.regex.Pattern;

/**
 * The two-digit code of a health region (RSS, "région sociosanitaire"), 01 to 18.
 * Not the administrative-region code: they differ from 10 on (RSS 17 is Nunavik, administrative region 17
 * is Centre-du-Québec, which belongs to RSS 04).
 */
public record RegionCode(String value) implements Comparable<RegionCode> {

    private static final Pattern FORMAT = Pattern.compile("(0[1-9]|1[0-8])");

    public RegionCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a health-region (RSS) code is 01 to 18");
        }
    }

    /** True when {@code raw} is a well-formed RSS code (01 to 18). */
    public static boolean isValid(String raw) {
        return raw != null && FORMAT.matcher(raw).matches();
    }

    @Override
    public int compareTo(RegionCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
