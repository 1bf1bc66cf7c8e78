package ca.careorchestrator.app.allocation;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.core.allocation.AllocationPolicy;
import ca.careorchestrator.core.allocation.PolicyCheck;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.allocation.SlotFacts;
import ca.careorchestrator.core.allocation.WhatIf;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ServiceTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clinic staff's allocation policies: the only way to change one. A proposal is checked (scope, then every defect of
 * its stages) before anything is written; a saved policy becomes its scope's current version, the previous one kept
 * as history with who saved each and when. What-if forecasts the candidate on the scope's next 7 days first.
 */
@Service
public class Policies {

    private static final Logger log = LoggerFactory.getLogger(Policies.class);
    /** The what-if window: the coming week, from now. */
    static final Duration WHAT_IF_WINDOW = Duration.ofDays(7);

    private final PolicyStore store;
    private final CurrentPolicies current;
    private final ServiceTypes serviceTypes;
    private final Catalog catalog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Policies(PolicyStore store, CurrentPolicies current, ServiceTypes serviceTypes, Catalog catalog, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.current = current;
        this.serviceTypes = serviceTypes;
        this.catalog = catalog;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Checks and saves {@code stages} as the scope's policy, by {@code changedBy} (a staff member's name or id). */
    public PolicyChange save(PolicyScope scope, List<ReleaseStage> stages, String changedBy) {
        Optional<PolicyChange.ScopeDefect> unknown = checkScope(scope);
        if (unknown.isPresent()) {
            return new PolicyChange.UnknownScope(unknown.get());
        }
        return switch (AllocationPolicy.check(stages)) {
            case PolicyCheck.Invalid(var defects) -> new PolicyChange.Invalid(defects);
            case PolicyCheck.Valid(AllocationPolicy policy) -> {
                StoredPolicy saved = saveChecked(scope, policy, changedBy);
                yield new PolicyChange.Saved(saved);
            }
        };
    }

    private StoredPolicy saveChecked(PolicyScope scope, AllocationPolicy policy, String changedBy) {
        String by = changedBy == null || changedBy.isBlank() ? "unknown" : changedBy.strip();
        by = by.length() > 100 ? by.substring(0, 100) : by;
        for (int attempt = 1; ; attempt++) {
            try {
                String actor = by;
                StoredPolicy saved = transaction.execute(status -> {
                    StoredPolicy next = new StoredPolicy(UUID.randomUUID(), scope, store.nextVersion(scope), policy, clock.instant(), actor,
                            Optional.empty());
                    store.replace(next);
                    return next;
                });
                current.refresh(scope.clinic());
                log.info("Allocation policy of {} saved (version {}, {} stages) by {}", scope.key(), saved.version(), policy.stages().size(), actor);
                return saved;
            } catch (DuplicateKeyException e) {
                // Two saves of the same scope raced: the other took the version number; ours comes after it.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** What the candidate would do to the scope's free slots of the coming week; nothing is saved. */
    public PolicyChange whatIf(PolicyScope scope, List<ReleaseStage> stages) {
        Optional<PolicyChange.ScopeDefect> unknown = checkScope(scope);
        if (unknown.isPresent()) {
            return new PolicyChange.UnknownScope(unknown.get());
        }
        return switch (AllocationPolicy.check(stages)) {
            case PolicyCheck.Invalid(var defects) -> new PolicyChange.Invalid(defects);
            case PolicyCheck.Valid(AllocationPolicy policy) -> {
                // From the next whole minute: the search index keeps starts in minutes, so the window's ends are exact there.
                Instant now = clock.instant();
                Instant from = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
                Instant to = from.plus(WHAT_IF_WINDOW);
                yield new PolicyChange.Forecast(scope, from, to, WhatIf.of(policy, governedSlots(scope, from, to), now));
            }
        };
    }

    /** The free slots of [from, to) that a policy saved for this scope would govern (no more specific policy keeps them). */
    List<SlotFacts> governedSlots(PolicyScope scope, Instant from, Instant to) {
        PolicyBook book = current.book();
        List<StoredPolicy> withCandidate = new ArrayList<>(store.currentOf(scope.clinic()).stream()
                .filter(p -> !p.scope().equals(scope)).toList());
        StoredPolicy candidate = new StoredPolicy(new UUID(0, 0), scope, 0, AllocationPolicy.OPEN_TO_ALL, from, "what-if", Optional.empty());
        withCandidate.add(candidate);
        PolicyBook after = book.withClinic(scope.clinic(), withCandidate);
        List<SlotFacts> governed = new ArrayList<>();
        for (SlotHit hit : catalog.freeSlotsOf(scope.clinic(), from, to)) {
            if (after.storedFor(hit.clinic(), hit.professional(), hit.service()) == candidate) {
                book.facts(hit.clinic(), hit.professional(), hit.service(), hit.start()).ifPresent(governed::add);
            }
        }
        return governed;
    }

    /** The clinic's current policies, one per scope that has one. */
    public List<StoredPolicy> currentOf(ClinicId clinic) {
        return store.currentOf(clinic);
    }

    /** Every version of the scope's policy, newest first (never lost). */
    public List<StoredPolicy> history(PolicyScope scope) {
        return store.history(scope);
    }

    /** Whether the scope's clinic, professional and service exist (the professional working at that clinic). */
    public Optional<PolicyChange.ScopeDefect> checkScope(PolicyScope scope) {
        PolicyBook book = current.book();
        if (!book.knowsClinic(scope.clinic())) {
            return Optional.of(PolicyChange.ScopeDefect.UNKNOWN_CLINIC);
        }
        if (scope.professional().isPresent() && !book.worksAt(scope.professional().get(), scope.clinic())) {
            return Optional.of(PolicyChange.ScopeDefect.UNKNOWN_PROFESSIONAL);
        }
        if (scope.service().isPresent() && serviceTypes.find(scope.service().get().value()).isEmpty()) {
            return Optional.of(PolicyChange.ScopeDefect.UNKNOWN_SERVICE);
        }
        return Optional.empty();
    }

    /** Gives each of these clinics the example policy, as {@code changedBy}, unless it has one already (seeding). */
    void giveExample(List<ClinicId> clinics, String changedBy) {
        for (ClinicId clinic : clinics) {
            PolicyScope scope = PolicyScope.clinic(clinic);
            if (store.history(scope).isEmpty()) {
                transaction.executeWithoutResult(status -> store.replace(new StoredPolicy(UUID.randomUUID(), scope, 1, AllocationPolicy.EXAMPLE,
                        clock.instant(), changedBy, Optional.empty())));
            }
        }
        current.reload();
    }
}
