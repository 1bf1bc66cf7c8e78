package ca.careorchestrator.core.patient;

/** The outcome of checking a NAM: the number, or the reason it is refused. */
public sealed interface NamCheck {

    record Valid(HealthInsuranceNumber nam) implements NamCheck {
    }

    record Invalid(NamDefect defect) implements NamCheck {
    }
}
