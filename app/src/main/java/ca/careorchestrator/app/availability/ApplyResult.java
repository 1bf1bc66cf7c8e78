package ca.careorchestrator.app.availability;

/**
 * What applying a batch of changes did: {@code created} new slots, {@code merged} listings attached to a
 * slot another channel already published, {@code updated} listings moved to a newer version, {@code stale}
 * records ignored because a version at least as new was already applied.
 */
public record ApplyResult(int created, int merged, int updated, int stale) {

    public static final ApplyResult NONE = new ApplyResult(0, 0, 0, 0);

    public int applied() {
        return created + merged + updated;
    }

    public ApplyResult plus(ApplyResult other) {
        return new ApplyResult(created + other.created, merged + other.merged, updated + other.updated, stale + other.stale);
    }
}
