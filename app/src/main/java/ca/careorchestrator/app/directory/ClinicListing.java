package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.care.Clinic;
import java.util.OptionalDouble;

/** A clinic as listed: with its distance when the query named a point. */
public record ClinicListing(Clinic clinic, OptionalDouble distanceKm) {
}
