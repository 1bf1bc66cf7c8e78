package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.Region;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.List;
import java.util.Optional;

/** Reads and loads the directory. */
public interface Directory {

    List<RegionOverview> regions();

    Optional<Region> region(RegionCode code);

    List<LocalNetwork> localNetworks(RegionCode region);

    Optional<LocalNetwork> localNetwork(LocalNetworkCode code);

    Optional<PostalArea> postalArea(Fsa fsa);

    /** Every postal area (about 420 for the province), for the waitlist's index. */
    List<PostalArea> postalAreas();

    Page<ClinicListing> clinics(ClinicQuery query);

    Optional<Clinic> clinic(ClinicId id);

    Page<Professional> professionals(ProfessionalQuery query);

    /** Every clinic (about 1,300 for the province), for the search index. */
    List<Clinic> allClinics();

    /** Every professional (about 15,000 for the province), for the search index. */
    List<Professional> allProfessionals();

    /** Replaces the geography (regions, networks, postal areas); only on an empty directory. */
    void loadGeography(List<Region> regions, List<LocalNetwork> networks, List<PostalArea> areas);

    void addClinics(List<Clinic> clinics);

    void addProfessionals(List<Professional> professionals);

    /** Records how sources name clinics and professionals. */
    void addSourceRefs(List<SourceRef> refs);

    /** How {@code source} names our clinics and professionals. */
    SourceIdentities sourceIdentities(SourceSystem source);

    /** Empties the directory; the caller has emptied what refers to it first. */
    void clear();
}
