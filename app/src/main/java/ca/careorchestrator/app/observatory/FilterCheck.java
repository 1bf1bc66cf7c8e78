package ca.careorchestrator.app.observatory;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one check of what a dashboard, the API or an export asks, from the raw parameters: the observatory's pages and
 * API answer the same problems for the same mistakes. The area is the finest of region, local network and clinic
 * given (a coarser one given with it must contain it); without dates, the last 30 days up to today.
 */
@Component
public final class FilterCheck {

    /** The first day the observatory answers for. */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** Two years, a leap day included. */
    public static final int LONGEST_RANGE_DAYS = 731;
    public static final int DEFAULT_RANGE_DAYS = 30;

    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final Clock clock;

    FilterCheck(Directory directory, ServiceTypes serviceTypes, Clock clock) {
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.clock = clock;
    }

    /** The parameters as received (null or blank: not given). */
    public record Asked(String region, String localNetwork, String clinic, String from, String to, String service, String profession) {

        /** Dates only (quality, quarantine, fairness: the province). */
        public static Asked dates(String from, String to) {
            return new Asked(null, null, null, from, to, null, null);
        }
    }

    public sealed interface Checked permits Valid, Rejected {
    }

    public record Valid(ObservatoryFilter filter) implements Checked {
    }

    /** What is wrong, as the catalogue's problem and its detail's arguments. */
    public record Rejected(Problem problem, List<Object> arguments) implements Checked {

        public Rejected {
            arguments = List.copyOf(arguments);
        }

        public ProblemException exception() {
            return new ProblemException(problem, arguments.toArray());
        }
    }

    public Checked check(Asked asked) {
        try {
            return new Valid(valid(asked));
        } catch (ProblemException e) {
            return new Rejected(e.problem(), List.of(e.arguments()));
        }
    }

    /** The filter asked, or the problem saying what is wrong with it. */
    public ObservatoryFilter valid(Asked asked) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ObservatoryRecorder.QUEBEC);
        LocalDate latest = today.plusYears(1);
        LocalDate to = present(asked.to()) ? date(asked.to()) : today;
        LocalDate from = present(asked.from()) ? date(asked.from()) : to.minusDays(DEFAULT_RANGE_DAYS - 1);
        if (from.isBefore(EARLIEST) || to.isAfter(latest) || from.isAfter(to)) {
            throw new ProblemException(Problem.OBSERVATORY_DATES_OUT_OF_RANGE, EARLIEST.toString(), latest.toString());
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > LONGEST_RANGE_DAYS) {
            throw new ProblemException(Problem.OBSERVATORY_RANGE_TOO_LONG, LONGEST_RANGE_DAYS);
        }
        Area.Level level = Area.Level.PROVINCE;
        String code = Area.PROVINCE_CODE;
        Optional<RegionCode> region = Optional.empty();
        if (present(asked.region())) {
            String raw = asked.region().strip();
            if (!RegionCode.isValid(raw) || directory.region(new RegionCode(raw)).isEmpty()) {
                throw unknownArea(asked.region());
            }
            region = Optional.of(new RegionCode(raw));
            level = Area.Level.REGION;
            code = raw;
        }
        Optional<LocalNetworkCode> network = Optional.empty();
        if (present(asked.localNetwork())) {
            String raw = asked.localNetwork().strip();
            try {
                network = directory.localNetwork(new LocalNetworkCode(raw)).map(n -> n.code());
            } catch (IllegalArgumentException e) {
                network = Optional.empty();
            }
            if (network.isEmpty() || region.isPresent() && !network.get().region().equals(region.get())) {
                throw unknownArea(asked.localNetwork());
            }
            level = Area.Level.LOCAL_NETWORK;
            code = raw;
        }
        if (present(asked.clinic())) {
            UUID id;
            try {
                id = UUID.fromString(asked.clinic().strip());
            } catch (IllegalArgumentException e) {
                throw unknownArea(asked.clinic());
            }
            var clinic = directory.clinic(new ClinicId(id)).orElseThrow(() -> unknownArea(asked.clinic()));
            if (region.isPresent() && !clinic.region().equals(region.get())
                    || network.isPresent() && !clinic.localNetwork().equals(network.get())) {
                throw unknownArea(asked.clinic());
            }
            level = Area.Level.CLINIC;
            code = id.toString();
        }
        return new ObservatoryFilter(level, code, from, to, service(asked.service()), profession(asked.profession()));
    }

    private Optional<ServiceTypeCode> service(String raw) {
        if (!present(raw)) {
            return Optional.empty();
        }
        return Optional.of(serviceTypes.find(raw.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_SERVICE, shown(raw))).code());
    }

    private static Optional<Profession> profession(String raw) {
        if (!present(raw)) {
            return Optional.empty();
        }
        String name = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Optional.of(Arrays.stream(Profession.values()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_PROFESSION, shown(raw))));
    }

    private static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, shown(raw));
        }
    }

    private static ProblemException unknownArea(String raw) {
        return new ProblemException(Problem.UNKNOWN_AREA, shown(raw));
    }

    private static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }

    /** An echo of what the caller sent, cut short: enough to recognise, never a whole payload. */
    private static String shown(String raw) {
        String flat = raw.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
