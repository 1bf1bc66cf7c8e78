package ca.careorchestrator.app.web;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every error from the catalogue: {@code application/problem+json} (RFC 9457) for the API and
 * machines, the same title and detail on an HTML page for browsers. Never a stack trace, never patient data.
 */
@ControllerAdvice
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final MessageSource messages;
    private final ObjectProvider<ProblemRenderer> renderers;

    ProblemResponses(MessageSource messages, ObjectProvider<ProblemRenderer> renderers) {
        this.messages = messages;
        this.renderers = renderers;
    }

    @ExceptionHandler(ProblemException.class)
    Object problem(ProblemException e, HttpServletRequest request, Locale locale) {
        HttpHeaders headers = new HttpHeaders();
        e.retryAfter().ifPresent(delay -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, delay.toSeconds()))));
        return render(e.problem(), e.arguments(), request, locale, headers, e.properties());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(HttpServletRequest request, Locale locale) {
        return render(Problem.NOT_FOUND, new Object[] {request.getRequestURI()}, request, locale, new HttpHeaders());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request, Locale locale) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return render(Problem.METHOD_NOT_ALLOWED, new Object[] {e.getMethod()}, request, locale, headers);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object malformedParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request, Locale locale) {
        return render(Problem.MALFORMED_PARAMETER, new Object[] {e.getName()}, request, locale, new HttpHeaders());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, Locale locale) {
        return render(Problem.MISSING_PARAMETER, new Object[] {e.getParameterName()}, request, locale, new HttpHeaders());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object malformedBody(HttpServletRequest request, Locale locale) {
        return render(Problem.MALFORMED_BODY, new Object[0], request, locale, new HttpHeaders());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object unsupportedMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request, Locale locale) {
        return render(Problem.UNSUPPORTED_MEDIA_TYPE, new Object[] {String.valueOf(e.getContentType())}, request, locale,
                new HttpHeaders());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    Object notAcceptable(HttpServletRequest request, Locale locale) {
        return render(Problem.NOT_ACCEPTABLE, new Object[0], request, locale, new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, Locale locale) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Incident {} on {} {}", incident, request.getMethod(), request.getRequestURI(), e);
        return render(Problem.INTERNAL_ERROR, new Object[] {incident}, request, locale, new HttpHeaders());
    }

    private Object render(Problem problem, Object[] arguments, HttpServletRequest request, Locale locale, HttpHeaders headers) {
        return render(problem, arguments, request, locale, headers, java.util.Map.of());
    }

    private Object render(Problem problem, Object[] arguments, HttpServletRequest request, Locale locale, HttpHeaders headers,
            java.util.Map<String, Object> properties) {
        String title = messages.getMessage("problem." + problem.code() + ".title", null, problem.code(), locale);
        String detail = messages.getMessage("problem." + problem.code() + ".detail", arguments, title, locale);
        // Another format for its part of the URL space (OperationOutcome under /fhir), same problem, same words.
        java.util.Optional<ProblemRenderer> other = renderers.orderedStream().filter(r -> r.renders(request)).findFirst();
        if (other.isPresent()) {
            return other.get().render(problem, title, detail, properties, headers);
        }
        if (wantsPage(request)) {
            ModelAndView page = new ModelAndView("error");
            page.setStatus(HttpStatusCode.valueOf(problem.status()));
            page.addObject("title", title);
            page.addObject("detail", detail);
            page.addObject("code", problem.code());
            return page;
        }
        ProblemDetail body = ProblemDetail.forStatus(problem.status());
        body.setType(problem.type());
        body.setTitle(title);
        body.setDetail(detail);
        body.setInstance(URI.create(request.getRequestURI()));
        body.setProperty("code", problem.code());
        properties.forEach(body::setProperty);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.status()).headers(headers).body(body);
    }

    /** A browser asking for a page (not the API, not a machine). */
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return !request.getRequestURI().startsWith("/api/") && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
