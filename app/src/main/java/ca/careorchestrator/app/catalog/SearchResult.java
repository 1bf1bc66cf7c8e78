package ca.careorchestrator.app.catalog;

import java.util.List;

/** One page of hits; {@code hasNext} when at least one more matches after it. */
public record SearchResult(List<SlotHit> hits, int page, int size, boolean hasNext) {

    public SearchResult {
        hits = List.copyOf(hits);
    }
}
