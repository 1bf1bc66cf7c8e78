package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.Optional;

public record ProfessionalQuery(Optional<RegionCode> region, Optional<ClinicId> clinic, Optional<Profession> profession,
        PageRequest page) {
}
