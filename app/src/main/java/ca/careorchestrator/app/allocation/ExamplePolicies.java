package ca.careorchestrator.app.allocation;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ClinicKind;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demonstration: when a province is provisioned, its GMF clinics get the example policy (own patients from
 * publication, orphans referred with priority B or higher from 72 h, everyone from 24 h) unless they have had one
 * before. Behind {@code care.allocation.seed-example-policies}, off unless set (the default run sets it). Without
 * seeding, the book of current policies is still read again once the directory is in place.
 */
@Component
class ExamplePolicies {

    private static final Logger log = LoggerFactory.getLogger(ExamplePolicies.class);
    static final String SEEDED_BY = "provisioning";

    private final Policies policies;
    private final CurrentPolicies current;
    private final Directory directory;
    private final boolean seed;

    ExamplePolicies(Policies policies, CurrentPolicies current, Directory directory,
            @Value("${care.allocation.seed-example-policies:false}") boolean seed) {
        this.policies = policies;
        this.current = current;
        this.directory = directory;
        this.seed = seed;
    }

    @EventListener
    void on(ProvinceProvisioned provisioned) {
        if (!seed) {
            current.reload();
            return;
        }
        List<ClinicId> gmfs = directory.allClinics().stream().filter(c -> c.kind() == ClinicKind.GMF).map(Clinic::id).toList();
        policies.giveExample(gmfs, SEEDED_BY);
        log.info("Allocation: the example policy for the {} GMF clinics that had none", gmfs.size());
    }
}
