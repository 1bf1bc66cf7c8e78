package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.problem.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;

/** A problem from the catalogue as a page shows it inline (its code, title and detail in the page's language). */
record Shown(String code, String title, String detail) {

    /** Puts the refusal on the page ({@code problem}) and answers with its status. */
    static void refuse(ProblemException refused, MessageSource messages, Locale locale, Model model, HttpServletResponse response) {
        String code = refused.problem().code();
        String title = messages.getMessage("problem." + code + ".title", null, code, locale);
        model.addAttribute("problem", new Shown(code, title, messages.getMessage("problem." + code + ".detail", refused.arguments(), title, locale)));
        response.setStatus(refused.problem().status());
    }
}
