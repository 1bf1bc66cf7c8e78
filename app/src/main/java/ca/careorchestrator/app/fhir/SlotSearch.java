package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.api.SearchCriteria;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.GeoPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A FHIR Slot search ({@code GET /fhir/Slot?...}) turned into the catalog's {@link SlotQuery}. Everything the
 * JSON API checks (known service and region, window in the future and at most 90 days, paging) is checked by
 * the same {@link SearchCriteria}; this class only translates FHIR's syntax into it:
 * <ul>
 * <li>{@code status}: only {@code free} is searchable (the index holds nothing else); absent means free.
 * Another status is refused rather than answered empty, so a client never mistakes "not supported" for "none".
 * <li>{@code start}: FHIR date prefixes ({@code ge gt le lt eq sa eb}); a date is a Quebec day.
 * <li>{@code service-type}: a token, {@code code} or {@code system|code} with our CodeSystem.
 * <li>{@code near}: {@code latitude|longitude|distance|units}, units {@code km} (default 25 km, 1 to 200).
 * <li>{@code region} (RSS code), {@code _count} (page size) and {@code page} (zero-based, for the next link).
 * </ul>
 * Other parameters are ignored, as FHIR's default lenient handling allows.
 */
record SlotSearch(String status, List<String> start, String serviceType, String near, String region, String count, String page) {

    static final String SERVICE_TYPE_SYSTEM = "https://care-orchestrator.example/fhir/CodeSystem/service-type";

    SlotSearch {
        start = start == null ? List.of() : List.copyOf(start);
    }

    SlotQuery toQuery(Directory directory, ServiceTypes serviceTypes, Instant now) {
        if (present(status) && !status.strip().equals("free")) {
            throw new ProblemException(Problem.UNSUPPORTED_SLOT_STATUS, shown(status));
        }
        Window window = window(start);
        SlotQuery query = new SearchCriteria(null, region, null, serviceCode(serviceType), null, null, null,
                window.from().map(Instant::toString).orElse(null), window.to().map(Instant::toString).orElse(null), null, page, count)
                .toQuery(directory, serviceTypes, now);
        Optional<SlotQuery.Near> around = near(near);
        if (around.isEmpty()) {
            return query;
        }
        // Soonest first still: FHIR's default order for a Slot search is by start, distance is a filter here.
        return new SlotQuery(query.region(), around, query.service(), query.profession(), query.modality(), query.language(),
                query.from(), query.to(), query.order(), query.page(), query.size());
    }

    /** The code of a {@code service-type} token; another system's code is an unknown service to us. */
    static String serviceCode(String token) {
        if (!present(token)) {
            return null;
        }
        int bar = token.indexOf('|');
        if (bar < 0) {
            return token;
        }
        String system = token.substring(0, bar);
        if (!system.isEmpty() && !system.equals(SERVICE_TYPE_SYSTEM)) {
            throw new ProblemException(Problem.UNKNOWN_SERVICE, shown(token));
        }
        return token.substring(bar + 1);
    }

    /** FHIR {@code near}: {@code lat|lon}, {@code lat|lon|distance} or {@code lat|lon|distance|km}. */
    static Optional<SlotQuery.Near> near(String raw) {
        if (!present(raw)) {
            return Optional.empty();
        }
        String[] parts = raw.strip().split("\\|", -1);
        if (parts.length < 2 || parts.length > 4 || (parts.length == 4 && !parts[3].isEmpty() && !parts[3].equals("km"))) {
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "near");
        }
        GeoPoint point;
        try {
            point = new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "near");
        }
        double radius = SearchCriteria.DEFAULT_RADIUS_KM;
        if (parts.length >= 3 && !parts[2].isEmpty()) {
            try {
                radius = Double.parseDouble(parts[2]);
            } catch (NumberFormatException e) {
                radius = Double.NaN;
            }
            if (!(radius >= SearchCriteria.MIN_RADIUS_KM && radius <= SearchCriteria.MAX_RADIUS_KM)) {
                throw new ProblemException(Problem.RADIUS_OUT_OF_RANGE, (int) SearchCriteria.MIN_RADIUS_KM, (int) SearchCriteria.MAX_RADIUS_KM);
            }
        }
        return Optional.of(new SlotQuery.Near(point, radius));
    }

    /** Where the window starts and ends, from every {@code start} value (each narrows it). */
    record Window(Optional<Instant> from, Optional<Instant> to) {

        Window narrowedFrom(Instant lower) {
            return new Window(Optional.of(from.filter(f -> f.isAfter(lower)).orElse(lower)), to);
        }

        Window narrowedTo(Instant upper) {
            return new Window(from, Optional.of(to.filter(t -> t.isBefore(upper)).orElse(upper)));
        }
    }

    static Window window(List<String> values) {
        Window window = new Window(Optional.empty(), Optional.empty());
        for (String raw : values) {
            if (!present(raw)) {
                continue;
            }
            String text = raw.strip();
            String prefix = text.length() > 2 && Character.isLetter(text.charAt(0)) ? text.substring(0, 2).toLowerCase(Locale.ROOT) : "eq";
            String value = text.length() > 2 && Character.isLetter(text.charAt(0)) ? text.substring(2) : text;
            Instant[] range = range(value, raw);
            window = switch (prefix) {
                case "ge" -> window.narrowedFrom(range[0]);
                case "gt", "sa" -> window.narrowedFrom(range[1]);
                case "lt", "eb" -> window.narrowedTo(range[0]);
                case "le" -> window.narrowedTo(range[1]);
                case "eq", "ap" -> window.narrowedFrom(range[0]).narrowedTo(range[1]);
                default -> throw new ProblemException(Problem.MALFORMED_PARAMETER, "start");
            };
        }
        return window;
    }

    /** A date's first and next day's first instant (Quebec days), or an instant twice. */
    private static Instant[] range(String value, String raw) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return new Instant[] {day.atStartOfDay(SearchCriteria.QUEBEC).toInstant(),
                        day.plusDays(1).atStartOfDay(SearchCriteria.QUEBEC).toInstant()};
            }
            Instant instant = OffsetDateTime.parse(value).toInstant();
            return new Instant[] {instant, instant};
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, shown(raw));
        }
    }

    private static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }

    /** An echo of what the caller sent, cut short (as the JSON API does). */
    static String shown(String raw) {
        String flat = raw == null ? "" : raw.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 20 ? flat.substring(0, 20) + "…" : flat;
    }
}
