package ca.careorchestrator.app.problem;

import java.util.List;

/**
 * Raised where a request cannot be served; rendered from the catalogue. {@code arguments} fill the detail
 * message and must never carry patient data (a NAM, a name, a birth date).
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final transient List<Object> arguments;
    private final transient java.time.Duration retryAfter;
    private final transient java.util.Map<String, Object> properties;

    public ProblemException(Problem problem, Object... arguments) {
        this(problem, null, List.of(arguments), java.util.Map.of());
    }

    private ProblemException(Problem problem, java.time.Duration retryAfter, List<Object> arguments, java.util.Map<String, Object> properties) {
        super(problem.code(), null, false, false);
        this.problem = problem;
        this.arguments = arguments;
        this.retryAfter = retryAfter;
        this.properties = properties;
    }

    /** The same problem, answered with a {@code Retry-After} header. */
    public ProblemException retryAfter(java.time.Duration delay) {
        return new ProblemException(problem, delay, arguments, properties);
    }

    /** The same problem with one more member in its body (RFC 9457 extension), e.g. the alternatives to a taken slot. */
    public ProblemException with(String name, Object value) {
        java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(properties);
        more.put(name, value);
        return new ProblemException(problem, retryAfter, arguments, java.util.Collections.unmodifiableMap(more));
    }

    public java.util.Map<String, Object> properties() {
        return properties;
    }

    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    public Problem problem() {
        return problem;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
