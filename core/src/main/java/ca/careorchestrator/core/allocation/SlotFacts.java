package ca.careorchestrator.core.allocation;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;

/** What a policy may look at of a slot: where, with whom, what, when. Never its source system or channel. */
public record SlotFacts(ClinicId clinic, ProfessionalId professional, LocalNetworkCode localNetwork, ServiceTypeCode service,
        Instant start) {

    public SlotFacts {
        if (clinic == null || professional == null || localNetwork == null || service == null || start == null) {
            throw new IllegalArgumentException("a slot's facts name clinic, professional, network, service and start");
        }
    }

    public RegionCode region() {
        return localNetwork.region();
    }
}
