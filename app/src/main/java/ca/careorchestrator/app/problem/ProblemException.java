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

    public ProblemException(Problem problem, Object... arguments) {
        this(problem, null, List.of(arguments));
    }

    private ProblemException(Problem problem, java.time.Duration retryAfter, List<Object> arguments) {
        super(problem.code(), null, false, false);
        this.problem = problem;
        this.arguments = arguments;
        this.retryAfter = retryAfter;
    }

    /** The same problem, answered with a {@code Retry-After} header. */
    public ProblemException retryAfter(java.time.Duration delay) {
        return new ProblemException(problem, delay, arguments);
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
