package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.problem.Problem;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** A problem from the catalogue as a page shows it inline: its stable code and its title and detail in the page's language. */
record ShownProblem(String code, String title, String detail) implements java.io.Serializable {

    static ShownProblem of(Problem problem, Object[] arguments, MessageSource messages, Locale locale) {
        String title = messages.getMessage("problem." + problem.code() + ".title", null, problem.code(), locale);
        return new ShownProblem(problem.code(), title, messages.getMessage("problem." + problem.code() + ".detail", arguments, title, locale));
    }
}
