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

    public ProblemException(Problem problem, Object... arguments) {
        super(problem.code(), null, false, false);
        this.problem = problem;
        this.arguments = List.of(arguments);
    }

    public Problem problem() {
        return problem;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
