package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Instant;

/**
 * Which free slots a searcher may see (the allocation module answers for one searcher at one instant). Called for
 * every candidate slot of a search, so it must answer from memory: a map lookup, never a query.
 */
@FunctionalInterface
public interface Visibility {

    /** No rule: every free slot (operators, counts, alternatives computed for no one in particular). */
    Visibility EVERYTHING = (clinic, professional, service, start) -> true;

    boolean visible(ClinicId clinic, ProfessionalId professional, ServiceTypeCode service, Instant start);
}
