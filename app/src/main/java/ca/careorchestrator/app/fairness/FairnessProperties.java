package ca.careorchestrator.app.fairness;

import ca.careorchestrator.core.fairness.Thresholds;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code care.fairness.*}: the thresholds of the hoarding flags (defaults: {@link Thresholds#standard()}). Public. */
@ConfigurationProperties("care.fairness")
public record FairnessProperties(@DefaultValue("5m") Duration window, @DefaultValue("10") int churnDrops,
        @DefaultValue("0.5") double churnShare, @DefaultValue("5s") Duration snipeDelay, @DefaultValue("5") int snipes,
        @DefaultValue("24h") Duration bookingsWindow, @DefaultValue("4") int bookingsPerIdentity,
        @DefaultValue("30m") Duration quickCancel, @DefaultValue("5") int quickCancellations,
        @DefaultValue("5") int failedVerifications) {

    public Thresholds thresholds() {
        return new Thresholds(window, churnDrops, churnShare, snipeDelay, snipes, bookingsWindow, bookingsPerIdentity,
                quickCancel, quickCancellations, failedVerifications);
    }
}
