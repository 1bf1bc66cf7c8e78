package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * FHIR JSON in and out, with the one {@link FhirContext} of the application: building a context scans the whole
 * R4 model (seconds, tens of MB), so it is made once here and shared; parsers are cheap and made per call
 * (they are not thread-safe). The controllers exchange strings with Spring MVC and resources with this class,
 * which keeps Spring's JSON converters (Jackson, for the JSON API) away from HAPI's model.
 */
@Component
final class FhirJson {

    static final String MEDIA_TYPE = "application/fhir+json";
    static final MediaType FHIR_JSON = MediaType.parseMediaType(MEDIA_TYPE + ";charset=UTF-8");

    private final FhirContext context;

    FhirJson() {
        this(FhirContext.forR4());
    }

    FhirJson(FhirContext context) {
        this.context = context;
    }

    FhirContext context() {
        return context;
    }

    String write(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    ResponseEntity<String> answer(int status, IBaseResource resource) {
        return answer(status, resource, new HttpHeaders());
    }

    ResponseEntity<String> answer(int status, IBaseResource resource, HttpHeaders headers) {
        headers.setContentType(FHIR_JSON);
        return ResponseEntity.status(HttpStatusCode.valueOf(status)).headers(headers).body(write(resource));
    }

    /** The body as a resource of that type, or the catalogue's malformed-body problem (never HAPI's message: it may echo data). */
    <T extends IBaseResource> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Problem.MALFORMED_BODY);
        }
        try {
            return parser().parseResource(type, body);
        } catch (DataFormatException | ClassCastException e) {
            throw new ProblemException(Problem.MALFORMED_BODY);
        }
    }

    private IParser parser() {
        // The default error handler is lenient: an unknown element a client sends is logged, not refused.
        return context.newJsonParser();
    }
}
