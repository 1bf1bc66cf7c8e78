package ca.careorchestrator.app.security;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * Refusals made in the filter chains (before any controller: 401, 403, 429) answered from the problem catalogue by the
 * same advice that renders the controllers' problems: RFC 9457 JSON for the API, OperationOutcome under /fhir, the
 * error page for a browser. Handing a {@link ProblemException} to MVC's exception resolvers keeps one rendering.
 */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver resolver;
    private final LocaleResolver locales;
    private final ObjectProvider<ViewResolver> views;

    ProblemAnswers(HandlerExceptionResolver resolver, LocaleResolver locales, ObjectProvider<ViewResolver> views) {
        this.resolver = resolver;
        this.locales = locales;
        this.views = views;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused) throws IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            // RFC 6750: a bearer client is told which scheme, and that its token was not accepted.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        answer(request, response, new ProblemException(Problem.AUTHENTICATION_REQUIRED));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        answer(request, response, new ProblemException(Problem.FORBIDDEN));
    }

    void answer(HttpServletRequest request, HttpServletResponse response, ProblemException problem) throws IOException {
        // The ?lang= switch (an MVC interceptor) has not run in a filter: honour it here, else the cookie or French.
        String lang = request.getParameter("lang");
        LocaleResolver resolver = lang == null || !(lang.equals("fr") || lang.equals("en")) ? locales
                : new FixedLocaleResolver(lang.equals("en") ? Locale.ENGLISH : Locale.CANADA_FRENCH);
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, resolver);
        ModelAndView page = this.resolver.resolveException(request, response, null, problem);
        if (page == null || page.isEmpty() || response.isCommitted()) {
            return; // written as JSON or OperationOutcome
        }
        if (page.getStatus() != null) {
            response.setStatus(page.getStatus().value());
        }
        try {
            Locale locale = resolver.resolveLocale(request);
            for (ViewResolver candidate : views.orderedStream().toList()) {
                View view = candidate.resolveViewName(page.getViewName(), locale);
                if (view != null) {
                    view.render(page.getModel(), request, response);
                    return;
                }
            }
        } catch (Exception e) {
            throw new IOException("the error page for " + problem.problem().code() + " could not be rendered", e);
        }
        response.sendError(problem.problem().status());
    }
}
