package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.identity.PatientSessions;
import ca.careorchestrator.app.identity.SignInChannel;
import ca.careorchestrator.app.identity.SignIns;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.patient.Sex;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A patient signs in: NAM, birth date and sex, then the one-time code sent by e-mail or SMS. The first step answers
 * 202 with a challenge whether or not the registry knows the person (it cannot be probed); a bad NAM gets its NAM
 * problem. The second step answers 204 and a session (a new session id; the cookie carries it) or a problem: a wrong
 * code says how many tries are left, an expired or used code 410, too many wrong codes 429 with Retry-After.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Sign-in", description = "Patients sign in with their NAM, birth date and a one-time code")
class SignInApi {

    private final SignIns signIns;

    SignInApi(SignIns signIns) {
        this.signIns = signIns;
    }

    record SignInRequest(String nam, LocalDate birthDate, Sex sex, String channel) {

        @Override
        public String toString() {
            return "SignInRequest[****]";
        }
    }

    record ChallengeJson(String challenge, String channel, Instant expiresAt) {
    }

    record CodeRequest(String code) {

        @Override
        public String toString() {
            return "CodeRequest[****]";
        }
    }

    @PostMapping(path = "/sign-in", consumes = "application/json")
    @Operation(summary = "Start a sign-in: a one-time code goes to the registry's e-mail or phone of the person")
    ResponseEntity<ChallengeJson> start(@RequestBody SignInRequest request) {
        SignIns.Started started = signIns.start(request.nam(), request.birthDate(), request.sex(), channel(request.channel()));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new ChallengeJson(started.challenge().toString(), started.channel().name(), started.expiresAt()));
    }

    @PostMapping(path = "/sign-in/{challenge}/verify", consumes = "application/json")
    @Operation(summary = "Type the code: a session for the patient, or how many tries are left")
    ResponseEntity<Void> verify(@PathVariable String challenge, @RequestBody CodeRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        UUID id = Params.id(challenge);
        switch (signIns.verify(id, request.code())) {
            case SignIns.Verified.SignedIn signedIn -> PatientSessions.signIn(http, response, signedIn.patient());
            case SignIns.Verified.WrongCode wrong -> throw new ProblemException(Problem.SIGN_IN_CODE_WRONG, wrong.triesLeft())
                    .with("triesLeft", wrong.triesLeft());
            case SignIns.Verified.Expired expired -> throw new ProblemException(Problem.SIGN_IN_CODE_EXPIRED);
            case SignIns.Verified.Locked locked -> throw signIns.locked(locked.retryAfter());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/sign-out")
    @Operation(summary = "End the patient's session")
    ResponseEntity<Void> signOut(HttpServletRequest http) {
        PatientSessions.signOut(http);
        return ResponseEntity.noContent().build();
    }

    static SignInChannel channel(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "channel");
        }
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "email", "e-mail", "courriel" -> SignInChannel.EMAIL;
            case "sms" -> SignInChannel.SMS;
            default -> throw new ProblemException(Problem.MALFORMED_PARAMETER, "channel");
        };
    }
}
