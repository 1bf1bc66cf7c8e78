package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.identity.PatientSessions;
import ca.careorchestrator.app.identity.SignIns;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in pages: {@code /connexion} (NAM, birth date, sex; the code by e-mail or SMS), then {@code /connexion/code}.
 * The sign-in under way (its challenge and the page to go back to) waits in the session; the NAM is never written
 * back into a page. A problem is announced (role="alert"), its field marked invalid and described by it
 * (aria-describedby), and focus moves to that field.
 */
@Controller
class SignInPages {

    static final String PENDING = "care.sign-in";
    /** Only this site's own pages: a path, never another host ({@code //host}) nor a scheme. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_\\-]*");

    private final SignIns signIns;
    private final MessageSource messages;
    private final Clock clock;
    private final ca.careorchestrator.app.identity.Registry registry;
    private final int demoPeople;

    SignInPages(SignIns signIns, MessageSource messages, Clock clock, ca.careorchestrator.app.identity.Registry registry,
            ca.careorchestrator.app.identity.IdentityProperties properties) {
        this.registry = registry;
        this.demoPeople = properties.demoPeople();
        this.signIns = signIns;
        this.messages = messages;
        this.clock = clock;
    }

    /** A sign-in waiting for its code, and where to go after. */
    record Pending(UUID challenge, String next) implements Serializable {
    }

    @GetMapping("/connexion")
    String start(@RequestParam(name = "suite", required = false) String next, Model model, HttpServletResponse response) {
        model.addAttribute("form", new IdentityForm("", "", "", "EMAIL"));
        model.addAttribute("next", safe(next));
        model.addAttribute("demoPeople", registry.demoPeople(demoPeople));
        noStore(response);
        return "signin/start";
    }

    @PostMapping("/connexion")
    String send(@RequestParam(required = false) String nam, @RequestParam(required = false) String birthDate,
            @RequestParam(required = false) String sex, @RequestParam(required = false) String channel,
            @RequestParam(name = "suite", required = false) String next, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        IdentityForm form = new IdentityForm(nam, birthDate, sex, channel);
        noStore(response);
        try {
            IdentityForm.Checked checked = form.check(LocalDate.ofInstant(clock.instant(), QuebecTime.ZONE));
            SignIns.Started started = signIns.start(checked.nam(), checked.birthDate(), checked.sex(), checked.channel());
            request.getSession(true).setAttribute(PENDING, new Pending(started.challenge(), safe(next)));
            return "redirect:/connexion/code";
        } catch (ProblemException e) {
            refuse(e, model, locale, response);
            model.addAttribute("problemField", IdentityForm.fieldOf(e.problem(), e.arguments()).name());
            model.addAttribute("form", form.withoutNam());
            model.addAttribute("next", safe(next));
            model.addAttribute("demoPeople", registry.demoPeople(demoPeople));
            return "signin/start";
        }
    }

    @GetMapping("/connexion/code")
    String code(Model model, HttpServletRequest request, HttpServletResponse response) {
        if (pending(request) == null) {
            return "redirect:/connexion";
        }
        noStore(response);
        model.addAttribute("minutes", signIns.codeTtl().toMinutes());
        return "signin/code";
    }

    @PostMapping("/connexion/code")
    String verify(@RequestParam(required = false) String code, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        Pending pending = pending(request);
        if (pending == null) {
            return "redirect:/connexion";
        }
        noStore(response);
        model.addAttribute("minutes", signIns.codeTtl().toMinutes());
        ProblemException refused = switch (signIns.verify(pending.challenge(), code)) {
            case SignIns.Verified.SignedIn signedIn -> {
                request.getSession().removeAttribute(PENDING);
                PatientSessions.signIn(request, response, signedIn.patient());
                yield null;
            }
            case SignIns.Verified.WrongCode wrong -> new ProblemException(Problem.SIGN_IN_CODE_WRONG, wrong.triesLeft());
            case SignIns.Verified.Expired expired -> new ProblemException(Problem.SIGN_IN_CODE_EXPIRED);
            case SignIns.Verified.Locked locked -> signIns.locked(locked.retryAfter());
        };
        if (refused == null) {
            return "redirect:" + pending.next();
        }
        refuse(refused, model, locale, response);
        model.addAttribute("again", refused.problem() != Problem.SIGN_IN_CODE_WRONG);
        return "signin/code";
    }

    @PostMapping("/deconnexion")
    String signOut(HttpServletRequest request) {
        PatientSessions.signOut(request);
        return "redirect:/";
    }

    private static Pending pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PENDING) instanceof Pending p ? p : null;
    }

    private void refuse(ProblemException e, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("problem", ShownProblem.of(e.problem(), e.arguments(), messages, locale));
        response.setStatus(e.problem().status());
        e.retryAfter().ifPresent(after -> response.setHeader("Retry-After", Long.toString(Math.max(1, after.toSeconds()))));
    }

    static String safe(String next) {
        return next != null && LOCAL_PATH.matcher(next).matches() ? next : "/mes-rendez-vous";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
