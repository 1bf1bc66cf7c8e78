package ca.careorchestrator.app.web;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff sign-in page (clinic staff, access desk, analysts, operators); Spring Security takes the form's POST on
 * the same address. Patients sign in elsewhere, with their NAM and a one-time code (identity).
 */
@Controller
class StaffSignInPage {

    @GetMapping("/personnel/connexion")
    String signIn(@RequestParam(name = "erreur", required = false) String failed, @RequestParam(name = "sortie", required = false) String out,
            Principal principal, Model model) {
        model.addAttribute("failed", failed != null);
        model.addAttribute("signedOut", out != null);
        model.addAttribute("signedInAs", principal == null ? null : principal.getName());
        return "sign-in-staff";
    }
}
