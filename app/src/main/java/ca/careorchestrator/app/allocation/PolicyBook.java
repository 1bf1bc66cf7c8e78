package ca.careorchestrator.app.allocation;

import ca.careorchestrator.core.allocation.AllocationPolicy;
import ca.careorchestrator.core.allocation.SlotFacts;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current policies in memory, for the search's path: which policy governs a slot is at most four map lookups,
 * never a query. Immutable: a saved policy makes a new book (copy of the maps, the clinic's entry replaced), swapped in
 * whole, so a search sees one book from start to end. Also the directory facts a decision needs and the search does
 * not carry (a clinic's local network; which clinic a professional works at).
 */
final class PolicyBook {

    static final PolicyBook EMPTY = new PolicyBook(Map.of(), Map.of(), Map.of());

    /** A clinic's policies by scope; a clinic without any has no entry (its slots follow "no policy"). */
    record ClinicPolicies(Optional<StoredPolicy> clinicWide, Map<ProfessionalId, StoredPolicy> byProfessional,
            Map<ServiceTypeCode, StoredPolicy> byService, Map<ProfessionalService, StoredPolicy> byBoth) {

        static ClinicPolicies of(List<StoredPolicy> policies) {
            Optional<StoredPolicy> clinicWide = Optional.empty();
            Map<ProfessionalId, StoredPolicy> byProfessional = new HashMap<>();
            Map<ServiceTypeCode, StoredPolicy> byService = new HashMap<>();
            Map<ProfessionalService, StoredPolicy> byBoth = new HashMap<>();
            for (StoredPolicy policy : policies) {
                PolicyScope scope = policy.scope();
                if (scope.professional().isPresent() && scope.service().isPresent()) {
                    byBoth.put(new ProfessionalService(scope.professional().get(), scope.service().get()), policy);
                } else if (scope.professional().isPresent()) {
                    byProfessional.put(scope.professional().get(), policy);
                } else if (scope.service().isPresent()) {
                    byService.put(scope.service().get(), policy);
                } else {
                    clinicWide = Optional.of(policy);
                }
            }
            return new ClinicPolicies(clinicWide, Map.copyOf(byProfessional), Map.copyOf(byService), Map.copyOf(byBoth));
        }

        /** The most specific: professional and service, professional, service, then the clinic's own; null for none. */
        StoredPolicy governing(ProfessionalId professional, ServiceTypeCode service) {
            StoredPolicy found = byBoth.isEmpty() ? null : byBoth.get(new ProfessionalService(professional, service));
            if (found == null && !byProfessional.isEmpty()) {
                found = byProfessional.get(professional);
            }
            if (found == null && !byService.isEmpty()) {
                found = byService.get(service);
            }
            return found != null ? found : clinicWide.orElse(null);
        }
    }

    record ProfessionalService(ProfessionalId professional, ServiceTypeCode service) {
    }

    /** The policy governing a slot: a stored one, or "no policy" (any insured person from publication). */
    record Governing(Optional<StoredPolicy> stored, AllocationPolicy policy) {
    }

    private final Map<ClinicId, ClinicPolicies> policies;
    private final Map<ClinicId, LocalNetworkCode> networks;
    private final Map<ProfessionalId, ClinicId> professionals;

    PolicyBook(Map<ClinicId, ClinicPolicies> policies, Map<ClinicId, LocalNetworkCode> networks, Map<ProfessionalId, ClinicId> professionals) {
        this.policies = policies;
        this.networks = networks;
        this.professionals = professionals;
    }

    static PolicyBook of(List<StoredPolicy> current, Map<ClinicId, LocalNetworkCode> networks, Map<ProfessionalId, ClinicId> professionals) {
        Map<ClinicId, List<StoredPolicy>> byClinic = new HashMap<>();
        current.forEach(policy -> byClinic.computeIfAbsent(policy.scope().clinic(), c -> new java.util.ArrayList<>()).add(policy));
        Map<ClinicId, ClinicPolicies> policies = new HashMap<>();
        byClinic.forEach((clinic, list) -> policies.put(clinic, ClinicPolicies.of(list)));
        return new PolicyBook(policies, networks, professionals);
    }

    /** The same book with one clinic's current policies replaced. */
    PolicyBook withClinic(ClinicId clinic, List<StoredPolicy> current) {
        Map<ClinicId, ClinicPolicies> next = new HashMap<>(policies);
        if (current.isEmpty()) {
            next.remove(clinic);
        } else {
            next.put(clinic, ClinicPolicies.of(current));
        }
        return new PolicyBook(next, networks, professionals);
    }

    /** The stored policy governing these slots, null when none does (the search's path: no allocation). */
    StoredPolicy storedFor(ClinicId clinic, ProfessionalId professional, ServiceTypeCode service) {
        ClinicPolicies of = policies.get(clinic);
        return of == null ? null : of.governing(professional, service);
    }

    Governing governing(ClinicId clinic, ProfessionalId professional, ServiceTypeCode service) {
        StoredPolicy stored = storedFor(clinic, professional, service);
        return stored == null ? new Governing(Optional.empty(), AllocationPolicy.OPEN_TO_ALL) : new Governing(Optional.of(stored), stored.policy());
    }

    boolean knowsClinic(ClinicId clinic) {
        return networks.containsKey(clinic);
    }

    /** Whether the professional works at this clinic. */
    boolean worksAt(ProfessionalId professional, ClinicId clinic) {
        return clinic.equals(professionals.get(professional));
    }

    Optional<LocalNetworkCode> networkOf(ClinicId clinic) {
        return Optional.ofNullable(networks.get(clinic));
    }

    /** A slot's facts; empty for a clinic this book does not know (added after it was made). */
    Optional<SlotFacts> facts(ClinicId clinic, ProfessionalId professional, ServiceTypeCode service, Instant start) {
        LocalNetworkCode network = networks.get(clinic);
        return network == null ? Optional.empty() : Optional.of(new SlotFacts(clinic, professional, network, service, start));
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }
}
