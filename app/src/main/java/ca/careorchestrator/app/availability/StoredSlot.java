package ca.careorchestrator.app.availability;

import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.SourceSystem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A slot as stored, with the listings its sources still publish (how it can be booked, and where). */
public record StoredSlot(Slot slot, List<LiveListing> liveListings) {

    public StoredSlot {
        liveListings = List.copyOf(liveListings);
    }

    /** A listing a source still publishes: whether it says free, and its deep link or phone if it gave one. */
    public record LiveListing(Listing listing, boolean free, Optional<String> deepLink, Optional<String> bookingPhone) {

        public BookingChannel channel() {
            return StoredSlot.channel(listing.source(), deepLink.isPresent());
        }
    }

    /** A listing books through its system's API if it has one, else through the deep link it gave, else by phone. */
    public static BookingChannel channel(SourceSystem system, boolean hasDeepLink) {
        if (system.bookingChannel() == BookingChannel.API) {
            return BookingChannel.API;
        }
        return hasDeepLink ? BookingChannel.DEEP_LINK : BookingChannel.PHONE;
    }

    /** The listing to book through: an API one first, then a deep link, then a phone; empty when none is live. */
    public Optional<LiveListing> bestListing() {
        return best(liveListings);
    }

    public static Optional<LiveListing> best(List<LiveListing> listings) {
        return listings.stream().min(Comparator.comparing(LiveListing::channel));
    }
}
