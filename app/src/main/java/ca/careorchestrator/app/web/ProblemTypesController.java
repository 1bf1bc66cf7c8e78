package ca.careorchestrator.app.web;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Documents the problem types: each {@code type} URI of a problem answer names one of these pages. */
@Controller
class ProblemTypesController {

    @GetMapping("/problems")
    String all(Model model) {
        model.addAttribute("problems", List.of(Problem.values()));
        return "problems";
    }

    @GetMapping("/problems/{code}")
    String one(@PathVariable String code, Model model) {
        Problem problem = Arrays.stream(Problem.values()).filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.NOT_FOUND, "/problems/" + code));
        model.addAttribute("problems", List.of(problem));
        return "problems";
    }
}
