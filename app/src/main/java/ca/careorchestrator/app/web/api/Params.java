package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.PageRequest;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.PostalCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Turns raw query parameters into model values, or the catalogue's problem saying what is wrong. */
final class Params {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final double MAX_RADIUS_KM = 200;

    private Params() {
    }

    static PageRequest page(String page, String size) {
        int number = integer(page, 0);
        int count = integer(size, DEFAULT_PAGE_SIZE);
        if (number < 0 || number > PageRequest.MAX_PAGE || count < 1 || count > PageRequest.MAX_SIZE) {
            throw new ProblemException(Problem.BAD_PAGING, PageRequest.MAX_PAGE, PageRequest.MAX_SIZE);
        }
        return new PageRequest(number, count);
    }

    private static int integer(String raw, int absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.BAD_PAGING, PageRequest.MAX_PAGE, PageRequest.MAX_SIZE);
        }
    }

    /** A region that exists; absent when the parameter is. */
    static Optional<RegionCode> region(String raw, Directory directory) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String code = raw.strip();
        if (!RegionCode.isValid(code) || directory.region(new RegionCode(code)).isEmpty()) {
            throw new ProblemException(Problem.UNKNOWN_REGION, shown(code));
        }
        return Optional.of(new RegionCode(code));
    }

    static Optional<LocalNetworkCode> localNetwork(String raw, Directory directory) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String code = raw.strip();
        try {
            LocalNetworkCode network = new LocalNetworkCode(code);
            if (directory.localNetwork(network).isPresent()) {
                return Optional.of(network);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw new ProblemException(Problem.UNKNOWN_LOCAL_NETWORK, shown(code));
    }

    /** A full postal code ("H2X 1Y4") or just its FSA ("H2X"), located in the directory. */
    static PostalArea postalArea(String raw, Directory directory) {
        String compact = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        Fsa fsa;
        if (compact.length() == 3 && Fsa.isValid(compact)) {
            fsa = new Fsa(compact);
        } else {
            fsa = PostalCode.parse(compact).map(PostalCode::fsa)
                    .orElseThrow(() -> new ProblemException(Problem.MALFORMED_POSTAL_CODE, shown(raw)));
        }
        return directory.postalArea(fsa).orElseThrow(() -> new ProblemException(Problem.UNKNOWN_POSTAL_AREA, fsa.value()));
    }

    static double radiusKm(String raw, double absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            double radius = Double.parseDouble(raw.strip());
            if (radius >= 1 && radius <= MAX_RADIUS_KM) {
                return radius;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ProblemException(Problem.RADIUS_OUT_OF_RANGE, 1, (int) MAX_RADIUS_KM);
    }

    static UUID id(String raw) {
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MALFORMED_ID, shown(raw));
        }
    }

    static Optional<Profession> profession(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String name = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Optional.of(Arrays.stream(Profession.values()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_PROFESSION, shown(raw))));
    }

    /** An echo of what the caller sent, cut short: enough to recognise, never a whole payload. */
    static String shown(String raw) {
        if (raw == null) {
            return "";
        }
        String flat = raw.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 20 ? flat.substring(0, 20) + "…" : flat;
    }
}
