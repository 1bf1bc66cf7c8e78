package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.Sex;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a health-insurance number (NAM) before sign-in: format, embedded birth date, check digit, and
 * agreement with a birth date and sex when given. POST so the number never sits in a URL or an access log;
 * nothing is stored and the answer never repeats the number.
 */
@RestController
@RequestMapping(path = "/api/v1/health-insurance-numbers", produces = "application/json")
@Tag(name = "Health-insurance numbers", description = "Checks a NAM (RAMQ) without storing it")
class HealthInsuranceNumbersApi {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

    private final Clock clock;

    HealthInsuranceNumbersApi(Clock clock) {
        this.clock = clock;
    }

    record NamCheckRequest(String nam, LocalDate birthDate, Sex sex) {
    }

    record NamCheckJson(boolean valid, LocalDate birthDate, Sex sex) {
    }

    @PostMapping(path = "/check", consumes = "application/json")
    @Operation(summary = "Check a NAM (and, if given, that it encodes this birth date and sex)")
    NamCheckJson check(@RequestBody NamCheckRequest request) {
        if (request.nam() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "nam");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), QUEBEC);
        NamCheck result = request.birthDate() != null && request.sex() != null
                ? HealthInsuranceNumber.check(request.nam(), request.birthDate(), request.sex(), today)
                : HealthInsuranceNumber.check(request.nam(), today);
        return switch (result) {
            case NamCheck.Valid(HealthInsuranceNumber nam) -> new NamCheckJson(true, nam.birthDate(), nam.sex());
            case NamCheck.Invalid(var defect) -> throw new ProblemException(Problem.of(defect));
        };
    }
}
