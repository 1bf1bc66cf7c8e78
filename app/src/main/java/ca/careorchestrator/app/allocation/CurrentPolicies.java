package ca.careorchestrator.app.allocation;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Holds the {@link PolicyBook}: read from the database on first use and when the province is provisioned, then
 * replaced clinic by clinic after each save (one writer at a time; readers take the reference they find).
 */
@Component
class CurrentPolicies {

    private final PolicyStore store;
    private final Directory directory;
    private volatile PolicyBook book;

    CurrentPolicies(PolicyStore store, Directory directory) {
        this.store = store;
        this.directory = directory;
    }

    PolicyBook book() {
        PolicyBook current = book;
        return current != null ? current : reload();
    }

    /** Everything again: the directory's clinics and professionals, and every current policy. */
    synchronized PolicyBook reload() {
        Map<ClinicId, LocalNetworkCode> networks = new HashMap<>();
        for (Clinic clinic : directory.allClinics()) {
            networks.put(clinic.id(), clinic.localNetwork());
        }
        Map<ProfessionalId, ClinicId> professionals = new HashMap<>();
        for (Professional professional : directory.allProfessionals()) {
            professionals.put(professional.id(), professional.clinic());
        }
        PolicyBook fresh = PolicyBook.of(store.current(), Map.copyOf(networks), Map.copyOf(professionals));
        book = fresh;
        return fresh;
    }

    /** After a save committed: this clinic's current policies read again. */
    synchronized void refresh(ClinicId clinic) {
        book = book().withClinic(clinic, store.currentOf(clinic));
    }
}
