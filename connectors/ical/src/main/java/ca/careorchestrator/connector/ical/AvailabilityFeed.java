package ca.careorchestrator.connector.ical;

import ca.careorchestrator.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole feed read into records: sites first, then one record per slot, then what could not be read.
 * The feed is one snapshot, so a slot named twice (a component repeated, or free in an AVAILABLE and taken
 * by a VEVENT) is one record: taken wins over free, and it carries the higher of the two versions so that
 * it is not ignored against an earlier reading of the free occurrence.
 */
final class AvailabilityFeed {

    private static final Pattern UID = Pattern.compile("(?im)^UID:(.+)$");

    private AvailabilityFeed() {
    }

    static List<SourceRecord> read(String feed, ICalSettings settings, Instant from, Instant to) {
        PartReader reader = new PartReader(settings, from, to);
        Map<String, SourceRecord.SiteSeen> sites = new LinkedHashMap<>();
        Map<String, SourceRecord.SlotSeen> slots = new LinkedHashMap<>();
        List<SourceRecord> unreadable = new ArrayList<>();
        for (FeedParts.Part part : FeedParts.split(feed)) {
            PartReader.Reading reading;
            try {
                reading = reader.read(part);
            } catch (Recurrence.Unusable e) {
                unreadable.add(new SourceRecord.Unreadable(uid(part.text()), e.getMessage(), part.text()));
                continue;
            }
            sites.putIfAbsent(reading.site().siteRef(), reading.site());
            for (SourceRecord.SlotSeen slot : reading.slots()) {
                slots.merge(slot.externalId(), slot, AvailabilityFeed::sameSnapshot);
            }
        }
        List<SourceRecord> records = new ArrayList<>(sites.size() + slots.size() + unreadable.size());
        records.addAll(sites.values());
        records.addAll(slots.values());
        records.addAll(unreadable);
        return records;
    }

    private static SourceRecord.SlotSeen sameSnapshot(SourceRecord.SlotSeen one, SourceRecord.SlotSeen other) {
        if (one.free() == other.free()) {
            return one.version() >= other.version() ? one : other;
        }
        SourceRecord.SlotSeen taken = one.free() ? other : one;
        long version = Math.max(one.version(), other.version());
        return new SourceRecord.SlotSeen(taken.externalId(), version, taken.siteRef(), taken.professionalRef(), taken.serviceCode(),
                taken.professionCode(), taken.modalityCode(), taken.start(), taken.duration(), false, taken.booking(), taken.raw());
    }

    /** The UID of the innermost component of a part, for the quarantine's benefit (null when none). */
    private static String uid(String text) {
        Matcher matcher = UID.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1).trim();
        }
        return last == null || last.isBlank() ? null : last;
    }
}
