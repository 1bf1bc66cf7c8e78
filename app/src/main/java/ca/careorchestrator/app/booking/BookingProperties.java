package ca.careorchestrator.app.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code care.booking.*}: how long a hold lasts, how often expired holds are released and unanswered
 * bookings or cancellations are asked again, and how many upcoming appointments a patient may have per service
 * (fairness: nobody collects slots "just in case").
 */
@ConfigurationProperties("care.booking")
public record BookingProperties(@DefaultValue("5m") Duration holdTtl, @DefaultValue("1s") Duration expiryInterval,
        @DefaultValue("2s") Duration reconcileInterval, @DefaultValue("2s") Duration firstRetry, @DefaultValue("5m") Duration maxRetry,
        @DefaultValue("2") int maxFuturePerService) {

    public BookingProperties {
        if (maxFuturePerService < 1) {
            throw new IllegalArgumentException("care.booking.max-future-per-service is at least 1");
        }
    }
}
