package ca.careorchestrator.app.security;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each partner's requests per second (a token bucket per client id, sized from its configuration or the defaults),
 * on every bearer request once the token is checked: over it, {@code rate-limited} (429) with Retry-After, before the
 * request reaches anything. In memory, one node (see {@link FairnessGuards}). Not a bean: it runs in the bearer
 * chain only, not as a servlet filter on every request.
 */
final class PartnerRateLimit extends OncePerRequestFilter {

    private final AccessProperties properties;
    private final ProblemAnswers answers;
    private final MeterRegistry meters;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    PartnerRateLimit(AccessProperties properties, ProblemAnswers answers, MeterRegistry meters) {
        this.properties = properties;
        this.answers = answers;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CurrentActor.of(SecurityContextHolder.getContext().getAuthentication()) instanceof Requester.Partner partner) {
            long now = System.nanoTime();
            TokenBucket bucket = buckets.computeIfAbsent(partner.clientId(), id -> {
                AccessProperties.Limits limits = properties.limitsOf(id);
                return new TokenBucket(limits.requestsPerSecond(), limits.burst(), now);
            });
            Optional<Duration> wait = bucket.take(now);
            if (wait.isPresent()) {
                meters.counter("care.requests.rate-limited", "client", partner.clientId()).increment();
                answers.answer(request, response, new ProblemException(Problem.RATE_LIMITED).retryAfter(wait.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
