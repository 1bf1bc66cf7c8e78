package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import java.util.List;

/** The weekly availability a professional publishes at a clinic. */
public record WeeklyTemplate(ProfessionalId professional, ClinicId clinic, List<Session> sessions) {

    public WeeklyTemplate {
        sessions = List.copyOf(sessions);
    }
}
