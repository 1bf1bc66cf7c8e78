package ca.careorchestrator.app.web;

import ca.careorchestrator.core.care.Language;
import java.util.Locale;

/** The model's two languages from a request locale: English if asked for, French otherwise. */
public final class Languages {

    private Languages() {
    }

    public static Language of(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? Language.EN : Language.FR;
    }
}
