package ca.careorchestrator.app.provisioning;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Writes chunks (of slots, of residents) on up to {@link #WRITERS} threads while the caller keeps generating; at most that
 * many chunks are in flight, so memory stays bounded. The first failure stops further writes and is thrown
 * by {@link #close()}, which also waits for the chunks still in flight.
 */
final class ChunkWriter<T> implements AutoCloseable {

    static final int WRITERS = 2;

    private final Consumer<List<T>> write;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(WRITERS);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    ChunkWriter(Consumer<List<T>> write) {
        this.write = write;
    }

    void submit(List<T> chunk) {
        throwIfFailed();
        if (chunk.isEmpty()) {
            return;
        }
        inFlight.acquireUninterruptibly();
        threads.execute(() -> {
            try {
                if (failure.get() == null) {
                    write.accept(chunk);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        threads.close(); // waits for the chunks in flight
        throwIfFailed();
    }
}
