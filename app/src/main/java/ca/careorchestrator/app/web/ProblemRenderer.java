package ca.careorchestrator.app.web;

import ca.careorchestrator.app.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Another rendering of the problem catalogue for a part of the URL space (the FHIR facade answers
 * OperationOutcome under {@code /fhir}). {@link ProblemResponses} still decides which problem an error is,
 * and resolves its localized title and detail, so every interface speaks from the one catalogue; the
 * renderer only chooses the format. An interface rather than a second advice: Spring picks one advice per
 * error, and errors raised before any controller (404, 405, 415) belong to no controller an advice could scope to.
 */
public interface ProblemRenderer {

    /** Whether this rendering answers {@code request}. */
    boolean renders(HttpServletRequest request);

    /** The answer, with the catalogue's HTTP status and {@code headers} (Retry-After, Allow) kept. */
    ResponseEntity<?> render(Problem problem, String title, String detail, Map<String, Object> properties, HttpHeaders headers);
}
