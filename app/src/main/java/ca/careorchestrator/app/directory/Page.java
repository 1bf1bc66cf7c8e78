package ca.careorchestrator.app.directory;

import java.util.List;

/** One page of results: zero-based page number, page size and the total behind it. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return totalItems == 0 ? 0 : (totalItems + size - 1) / size;
    }
}
