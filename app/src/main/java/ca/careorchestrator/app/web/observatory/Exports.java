package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import java.util.Locale;

/** Where the JSON API serves, as open data, the figures a page shows: the same area, days and filters. */
final class Exports {

    private static final String API = "/api/v1/observatory";

    private Exports() {
    }

    /** {@code /api/v1/observatory/exports/supply.csv?region=11&from=…}: the area's parts' rows (a clinic's own). */
    static String of(Dataset dataset, ObservatoryFilter filter, String format) {
        StringBuilder url = new StringBuilder(API + "/exports/" + dataset.name().toLowerCase(Locale.ROOT) + "." + format);
        url.append("?from=").append(filter.from()).append("&to=").append(filter.to());
        if (dataset == Dataset.QUALITY || dataset == Dataset.FAIRNESS) {
            return url.toString(); // the province's, per source or signal
        }
        switch (filter.level()) {
            case PROVINCE -> {
            }
            case REGION -> url.append("&region=").append(filter.code());
            case LOCAL_NETWORK -> url.append("&localNetwork=").append(filter.code());
            case CLINIC -> url.append("&clinic=").append(filter.code());
        }
        if (dataset != Dataset.ACCESS) {
            filter.service().ifPresent(s -> url.append("&service=").append(s.value()));
        }
        if (dataset == Dataset.SUPPLY) {
            filter.profession().ifPresent(p -> url.append("&profession=").append(p.name()));
        }
        return url.toString();
    }

    static String dictionary() {
        return API + "/dictionary";
    }
}
