package ca.careorchestrator.app.allocation;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.util.Optional;

/**
 * What a policy governs: a clinic's slots, or only those of one of its professionals, of one service, or both. The most
 * specific scope that has a policy governs a slot: professional and service, then professional, then service, then
 * the clinic (a professional's own rules are more particular than a service's across the clinic).
 */
public record PolicyScope(ClinicId clinic, Optional<ProfessionalId> professional, Optional<ServiceTypeCode> service) {

    public PolicyScope {
        if (clinic == null || professional == null || service == null) {
            throw new IllegalArgumentException("a policy scope names its clinic, and its professional and service when narrowed");
        }
    }

    public static PolicyScope clinic(ClinicId clinic) {
        return new PolicyScope(clinic, Optional.empty(), Optional.empty());
    }

    /** One value naming the scope (the store's key): clinic '/' professional or '*' '/' service or '*'. */
    public String key() {
        return clinic.value() + "/" + professional.map(p -> p.value().toString()).orElse("*") + "/" + service.map(ServiceTypeCode::value).orElse("*");
    }
}
