package ca.careorchestrator.app.directory;

/** A zero-based page of at most {@link #MAX_SIZE} items. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 100_000;

    public PageRequest {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page 0.." + MAX_PAGE + ", size 1.." + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
