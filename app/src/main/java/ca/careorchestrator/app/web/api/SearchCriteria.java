package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A slot search's raw parameters (the JSON API's and the web page's) turned into a {@link SlotQuery}, or the
 * catalogue's problem saying which one is wrong. Dates are Quebec days: {@code from=2026-12-01} starts at
 * midnight in Montreal, {@code to=2026-12-07} includes that whole day. Exposed to the FHIR facade (a named
 * interface of the web module), which checks its searches the same way.
 */
@org.springframework.modulith.NamedInterface("search-criteria")
public record SearchCriteria(String postalCode, String region, String radiusKm, String service, String profession, String modality,
        String language, String from, String to, String order, String page, String size) {

    public static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    public static final int MAX_WINDOW_DAYS = 90;
    public static final int DEFAULT_WINDOW_DAYS = 30;
    public static final double DEFAULT_RADIUS_KM = 25;
    public static final double MIN_RADIUS_KM = 1;
    public static final double MAX_RADIUS_KM = Params.MAX_RADIUS_KM;
    public static final int MAX_SIZE = 100;

    /** The query, checked against the directory and the service-type taxonomy at {@code now}. */
    public SlotQuery toQuery(Directory directory, ServiceTypes serviceTypes, Instant now) {
        Optional<RegionCode> regionCode = Params.region(region, directory);
        Optional<SlotQuery.Near> near = Optional.empty();
        if (present(postalCode)) {
            PostalArea area = Params.postalArea(postalCode, directory);
            near = Optional.of(new SlotQuery.Near(area.centroid(), Params.radiusKm(radiusKm, DEFAULT_RADIUS_KM)));
        } else if (present(radiusKm)) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "postalCode");
        }
        Instant start = present(from) ? instant(from, false) : now;
        Instant end = present(to) ? instant(to, true) : start.plus(Duration.ofDays(DEFAULT_WINDOW_DAYS));
        if (!end.isAfter(now) || !end.isAfter(start)) {
            throw new ProblemException(Problem.WINDOW_IN_PAST);
        }
        if (start.isBefore(now)) {
            start = now;
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_WINDOW_DAYS)) > 0) {
            throw new ProblemException(Problem.WINDOW_TOO_LONG, MAX_WINDOW_DAYS);
        }
        SlotQuery.Order sort = order(near.isPresent());
        int pageNumber = integer(page, 0);
        int pageSize = integer(size, Params.DEFAULT_PAGE_SIZE);
        if (pageNumber < 0 || pageNumber > 500 || pageSize < 1 || pageSize > MAX_SIZE) {
            throw new ProblemException(Problem.BAD_PAGING, 500, MAX_SIZE);
        }
        return new SlotQuery(regionCode, near, service(serviceTypes), Params.profession(profession), modalityWanted(), languageWanted(), start, end,
                sort, pageNumber, pageSize);
    }

    private Optional<ServiceTypeCode> service(ServiceTypes serviceTypes) {
        if (!present(service)) {
            return Optional.empty();
        }
        String code = service.strip().toLowerCase(Locale.ROOT);
        return Optional.of(serviceTypes.find(code).orElseThrow(() -> new ProblemException(Problem.UNKNOWN_SERVICE, Params.shown(service)))
                .code());
    }

    private Optional<Modality> modalityWanted() {
        if (!present(modality)) {
            return Optional.empty();
        }
        String name = modality.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Optional.of(Arrays.stream(Modality.values()).filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_MODALITY, Params.shown(modality))));
    }

    private Optional<Language> languageWanted() {
        if (!present(language)) {
            return Optional.empty();
        }
        String name = language.strip().toUpperCase(Locale.ROOT);
        return Optional.of(Arrays.stream(Language.values()).filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_LANGUAGE, Params.shown(language))));
    }

    private SlotQuery.Order order(boolean near) {
        if (!present(order)) {
            return SlotQuery.Order.SOONEST;
        }
        return switch (order.strip().toLowerCase(Locale.ROOT)) {
            case "soonest" -> SlotQuery.Order.SOONEST;
            case "nearest" -> {
                if (!near) {
                    throw new ProblemException(Problem.MISSING_PARAMETER, "postalCode");
                }
                yield SlotQuery.Order.NEAREST;
            }
            default -> throw new ProblemException(Problem.UNKNOWN_ORDER, Params.shown(order));
        };
    }

    /**
     * The patient search page ({@code /rendez-vous}) for one service and profession over [from, to]: where an
     * orientation sends the patient, pre-filled (nothing personal in it).
     */
    public static String searchPage(ServiceTypeCode service, ca.careorchestrator.core.care.Profession profession, LocalDate from,
            LocalDate to) {
        return org.springframework.web.util.UriComponentsBuilder.fromPath("/rendez-vous").queryParam("service", service.value())
                .queryParam("profession", profession.name()).queryParam("from", from).queryParam("to", to).build().toUriString();
    }

    /** A date (a Quebec day: its start, or for an end the start of the next day) or an ISO instant. */
    private static Instant instant(String raw, boolean end) {
        String text = raw.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(QUEBEC).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, Params.shown(raw));
        }
    }

    private static int integer(String raw, int absent) {
        if (!present(raw)) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.BAD_PAGING, 500, MAX_SIZE);
        }
    }

    private static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }
}
