package ca.careorchestrator.app.observatory;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The recorder's refresh, on a virtual thread, every {@code care.observatory.refresh-interval}, or four times as long
 * as the last refresh took when that is longer (the day a province is first loaded, every slot is "published today"
 * and a refresh sums millions of rows): the observatory never takes more than a fifth of the database's time.
 */
@Component
class ObservatoryJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ObservatoryJobs.class);

    private final ObservatoryRecorder recorder;
    private final Duration every;
    private volatile boolean running;
    private Thread loop;

    ObservatoryJobs(ObservatoryRecorder recorder, @Value("${care.observatory.refresh-interval:60s}") Duration every) {
        this.recorder = recorder;
        this.every = every;
    }

    @Override
    public synchronized void start() {
        running = true;
        loop = Thread.ofVirtual().name("observatory-refresh").start(() -> {
            Duration pause = every;
            while (running) {
                try {
                    // Woken by stop(), never interrupted: an interrupt in the middle of a query breaks its connection.
                    synchronized (this) {
                        if (running) {
                            wait(Math.max(1, pause.toMillis()));
                        }
                    }
                    if (running) {
                        long start = System.nanoTime();
                        recorder.refresh();
                        Duration took = Duration.ofNanos(System.nanoTime() - start);
                        pause = took.multipliedBy(4).compareTo(every) > 0 ? took.multipliedBy(4) : every;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The database may be away for a moment: the next round rewrites the same days.
                    log.warn("observatory refresh: {}", e.toString());
                }
            }
        });
    }

    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            if (loop != null) {
                loop.join(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
