package ca.careorchestrator.app.waitlist;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Two loops on virtual threads: the matcher, which offers the slots the events queued, one at a time (so no two matches
 * race for one request); and the lapse loop, which passes on offers nobody answered and expires requests whose window
 * ended.
 */
@Component
class WaitlistJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WaitlistJobs.class);

    private final SlotOffers offers;
    private final Waitlist waitlist;
    private final WaitlistProperties properties;
    private volatile boolean running;
    private Thread matcher;
    private Thread lapses;

    WaitlistJobs(SlotOffers offers, Waitlist waitlist, WaitlistProperties properties) {
        this.offers = offers;
        this.waitlist = waitlist;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        matcher = Thread.ofVirtual().name("waitlist-matcher").start(() -> {
            while (running) {
                try {
                    offers.offerWaiting(1_000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The database may be away for a moment: the next round goes on with the next slots.
                    log.warn("waitlist-matcher: {}", e.toString());
                }
            }
        });
        lapses = Thread.ofVirtual().name("waitlist-lapses").start(() -> {
            while (running) {
                try {
                    // Woken by stop(), never interrupted: an interrupt in the middle of a query breaks its connection.
                    synchronized (this) {
                        if (running) {
                            wait(Math.max(1, properties.lapseInterval().toMillis()));
                        }
                    }
                    if (running) {
                        offers.lapseDue();
                        waitlist.expireEnded();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("waitlist-lapses: {}", e.toString());
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
        offers.wake();
        try {
            if (matcher != null) {
                matcher.join(Duration.ofSeconds(10));
                lapses.join(Duration.ofSeconds(10));
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
