package ca.careorchestrator.app.catalog;

import java.util.List;

/**
 * One page of hits; {@code hasNext} when at least one more matches after it. {@code hiddenByPolicy}: the searcher's
 * {@link Visibility} left out at least one slot that matched otherwise (an anonymous visitor may see more once signed in).
 */
public record SearchResult(List<SlotHit> hits, int page, int size, boolean hasNext, boolean hiddenByPolicy) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    public SearchResult(List<SlotHit> hits, int page, int size, boolean hasNext) {
        this(hits, page, size, hasNext, false);
    }
}
