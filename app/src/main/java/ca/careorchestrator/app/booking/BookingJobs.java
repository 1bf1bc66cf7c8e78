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
                    Thread.sleep(every);
                    job.getAsInt();
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
    public synchronized void stop() {
        running = false;
        if (expiry != null) {
            expiry.interrupt();
            reconciliation.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
