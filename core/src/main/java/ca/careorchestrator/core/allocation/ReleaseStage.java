package ca.careorchestrator.core.allocation;

/** One stage of a policy: an audience, and when the slot opens to it. */
public record ReleaseStage(Audience audience, Opening opening) {

    public ReleaseStage {
        if (audience == null || opening == null) {
            throw new IllegalArgumentException("a release stage has an audience and an opening");
        }
    }
}
