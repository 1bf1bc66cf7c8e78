package ca.careorchestrator.app.booking;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Two loops on virtual threads: releasing holds that ran out, and reconciling bookings left without an answer. */
@Component
class BookingJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BookingJobs.class);

    private final Bookings bookings;
    private final BookingProperties properties;
    private volatile boolean running;
    private Thread expiry;
    private Thread reconciliation;

    BookingJobs(Bookings bookings, BookingProperties properties) {
        this.bookings = bookings;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        expiry = loop("booking-expiry", properties.expiryInterval(), bookings::expireHolds);
        reconciliation = loop("booking-reconcile", properties.reconcileInterval(), bookings::reconcile);
    }

    private Thread loop(String name, Duration every, java.util.function.IntSupplier job) {
        return Thread.ofVirtual().name(name).start(() -> {
            while (running) {
                try {
                    // Woken by stop(), never interrupted: an interrupt in the middle of a query breaks its connection.
                    synchronized (this) {
                        if (running) {
                            wait(Math.max(1, every.toMillis()));
                        }
                    }
                    if (running) {
                        job.getAsInt();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The database may be away for a moment: the next round tries again.
                    log.warn("{}: {}", name, e.toString());
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
            if (expiry != null) {
                expiry.join(Duration.ofSeconds(10));
                reconciliation.join(Duration.ofSeconds(10));
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
