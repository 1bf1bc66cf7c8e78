package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.geo.Region;

/** A region with the size of its network and of its care supply. */
public record RegionOverview(Region region, int localNetworks, int clinics, int professionals, int physicians) {
}
