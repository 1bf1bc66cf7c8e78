package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.patient.CareRequestId;
import java.time.Instant;

/** A patient filed a care request (the observatory counts demand by service and area). */
public record CareRequestFiled(CareRequestId request, ServiceTypeCode service, Fsa area, Instant at) {
}
