package ca.careorchestrator.app.waitlist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code care.waitlist.*}: a slot starting sooner than {@code minLead} is left to general search (nobody could act on
 * an offer in time); an offer runs {@code offerTtl} (its hold lasts exactly as long: see {@code Bookings.hold} with a
 * ttl); how often lapsed offers and ended windows are looked for.
 */
@ConfigurationProperties("care.waitlist")
public record WaitlistProperties(@DefaultValue("2h") Duration minLead, @DefaultValue("15m") Duration offerTtl,
        @DefaultValue("1s") Duration lapseInterval) {

    public WaitlistProperties {
        if (!offerTtl.isPositive() || !lapseInterval.isPositive()) {
            throw new IllegalArgumentException("care.waitlist.offer-ttl and lapse-interval are positive");
        }
        if (minLead.compareTo(offerTtl) <= 0) {
            // An offer must be answerable before its slot starts.
            throw new IllegalArgumentException("care.waitlist.min-lead must be longer than care.waitlist.offer-ttl");
        }
    }
}
