package ca.careorchestrator.app.observatory;

import java.util.Objects;

/**
 * Where figures are summed: the province, a region (RSS, code "05"), a local network (RLS, code "0511") or a clinic
 * (code = its id). Drill-down goes province -> regions -> local networks -> clinics.
 */
public record Area(Level level, String code, String name) {

    public enum Level {
        PROVINCE, REGION, LOCAL_NETWORK, CLINIC
    }

    public Area {
        Objects.requireNonNull(level);
        Objects.requireNonNull(code);
        Objects.requireNonNull(name);
    }

    public static final String PROVINCE_CODE = "QC";
}
