package ca.careorchestrator.simulator.reference;

import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetworkCode;

/** A real primary-care site (mostly CLSCs) used as an anchor for synthetic clinics: place only, no name. */
public record Facility(String sourceId, String city, Fsa fsa, GeoPoint location, LocalNetworkCode localNetwork) {
}
