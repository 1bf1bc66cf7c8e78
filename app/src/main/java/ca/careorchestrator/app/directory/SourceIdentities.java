package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ProfessionalId;
import java.util.Map;
import java.util.Optional;

/** One source's names for our clinics and professionals, resolved. */
public record SourceIdentities(Map<String, ClinicId> sites, Map<String, Staff> professionals) {

    /** A professional as a source names them, with where they work and what they do. */
    public record Staff(ProfessionalId id, ClinicId clinic, Profession profession) {
    }

    public SourceIdentities {
        sites = Map.copyOf(sites);
        professionals = Map.copyOf(professionals);
    }

    public Optional<ClinicId> site(String ref) {
        return Optional.ofNullable(sites.get(ref));
    }

    public Optional<Staff> professional(String ref) {
        return Optional.ofNullable(professionals.get(ref));
    }
}
