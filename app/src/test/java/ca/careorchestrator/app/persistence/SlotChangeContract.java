package ca.careorchestrator.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.availability.ApplyResult;
import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What applying source changes promises, on a given database: idempotent on (source, external id,
 * version), order-independent, one physical slot per clinic/professional/start whatever the channels, and a
 * full read noticing what vanished. Slots are placed in 2031 and later, away from the loaded province.
 */
final class SlotChangeContract {

    private static final Instant FAR = Instant.parse("2031-01-05T14:00:00Z");
    private static final ServiceTypeCode FOLLOW_UP = new ServiceTypeCode("follow-up");

    private final Availability availability;
    private final JdbcClient jdbc;
    private final Professional professional;

    SlotChangeContract(Availability availability, JdbcClient jdbc, Professional professional) {
        this.availability = availability;
        this.jdbc = jdbc;
        this.professional = professional;
    }

    SlotChange.Published published(SourceSystem source, String id, long version, Instant start, boolean free) {
        return new SlotChange.Published(new Listing(source, id, version), professional.clinic(), professional.id(), FOLLOW_UP,
                Modality.IN_PERSON, start, Duration.ofMinutes(15), free, null, null);
    }

    static SlotChange.Removed removed(SourceSystem source, String id, long version) {
        return new SlotChange.Removed(new Listing(source, id, version));
    }

    String state(SourceSystem source, String externalId) {
        return jdbc.sql("""
                        select s.state || coalesce('/' || s.booked_by, '') from availability_slot s
                        join availability_listing l on l.slot_id = s.id
                        where l.source_system = :source and l.external_id = :id""")
                .param("source", source.name()).param("id", externalId).query(String.class).single();
    }

    long slotsAt(Instant start) {
        return jdbc.sql("select count(*) from availability_slot where professional_id = :p and start_at = :start")
                .param("p", professional.id().value()).param("start", start.atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class).single();
    }

    void aNewListingMakesAFreeSlot() {
        ApplyResult result = availability.apply(SourceSystem.RVSQ, List.of(published(SourceSystem.RVSQ, "c-new", 1, FAR, true)), 0);

        assertThat(result).isEqualTo(new ApplyResult(1, 0, 0, 0));
        assertThat(state(SourceSystem.RVSQ, "c-new")).isEqualTo("FREE");
    }

    void anOlderOrEqualVersionChangesNothing() {
        Instant start = FAR.plus(Duration.ofHours(1));
        availability.apply(SourceSystem.RVSQ, List.of(published(SourceSystem.RVSQ, "c-old", 2, start, false)), 0);

        ApplyResult older = availability.apply(SourceSystem.RVSQ, List.of(published(SourceSystem.RVSQ, "c-old", 1, start, true)), 0);
        ApplyResult same = availability.apply(SourceSystem.RVSQ, List.of(published(SourceSystem.RVSQ, "c-old", 2, start, true)), 0);

        assertThat(older.stale()).isEqualTo(1);
        assertThat(same.stale()).isEqualTo(1);
        assertThat(state(SourceSystem.RVSQ, "c-old")).isEqualTo("BOOKED/SOURCE");
    }

    void twoChannelsPublishingOneTimeMakeOneSlotThatEitherCanTake() {
        Instant start = FAR.plus(Duration.ofHours(2));
        availability.apply(SourceSystem.OMNIMED, List.of(published(SourceSystem.OMNIMED, "CL1^P1^x", 1, start, true)), 0);

        ApplyResult second = availability.apply(SourceSystem.BONJOUR_SANTE,
                List.of(published(SourceSystem.BONJOUR_SANTE, "bjs:1:1:x", 1, start, true)), 0);
        assertThat(second).isEqualTo(new ApplyResult(0, 1, 0, 0));
        assertThat(slotsAt(start)).isEqualTo(1);

        availability.apply(SourceSystem.BONJOUR_SANTE, List.of(published(SourceSystem.BONJOUR_SANTE, "bjs:1:1:x", 2, start, false)), 0);
        assertThat(state(SourceSystem.OMNIMED, "CL1^P1^x")).as("taken on one channel, taken everywhere").isEqualTo("BOOKED/SOURCE");

        availability.apply(SourceSystem.BONJOUR_SANTE, List.of(published(SourceSystem.BONJOUR_SANTE, "bjs:1:1:x", 3, start, true)), 0);
        assertThat(state(SourceSystem.OMNIMED, "CL1^P1^x")).isEqualTo("FREE");
    }

    void aSlotIsWithdrawnWhenItsLastListingGoes() {
        Instant start = FAR.plus(Duration.ofHours(3));
        availability.apply(SourceSystem.OMNIMED, List.of(published(SourceSystem.OMNIMED, "w-emr", 1, start, true)), 0);
        availability.apply(SourceSystem.RVSQ, List.of(published(SourceSystem.RVSQ, "w-rvsq", 1, start, true)), 0);

        availability.apply(SourceSystem.RVSQ, List.of(removed(SourceSystem.RVSQ, "w-rvsq", 2)), 0);
        assertThat(state(SourceSystem.OMNIMED, "w-emr")).isEqualTo("FREE");

        availability.apply(SourceSystem.OMNIMED, List.of(removed(SourceSystem.OMNIMED, "w-emr", 2)), 0);
        assertThat(state(SourceSystem.OMNIMED, "w-emr")).isEqualTo("WITHDRAWN");
    }

    void aFullReadNoticesASlotDeletedSilentlyAndSeeingItAgainRevivesIt() {
        Instant start = FAR.plus(Duration.ofDays(1));
        SlotChange.Published kept = published(SourceSystem.TAP_MEDICAL, "tap-kept", 1, start, true);
        SlotChange.Published vanished = published(SourceSystem.TAP_MEDICAL, "tap-vanished", 1, start.plus(Duration.ofMinutes(15)), true);
        availability.apply(SourceSystem.TAP_MEDICAL, List.of(kept, vanished), 7);

        availability.apply(SourceSystem.TAP_MEDICAL, List.of(kept), 8);
        int gone = availability.withdrawUnseen(SourceSystem.TAP_MEDICAL, 8, FAR);

        assertThat(gone).isEqualTo(1);
        assertThat(state(SourceSystem.TAP_MEDICAL, "tap-vanished")).isEqualTo("WITHDRAWN");
        assertThat(state(SourceSystem.TAP_MEDICAL, "tap-kept")).isEqualTo("FREE");

        availability.apply(SourceSystem.TAP_MEDICAL, List.of(kept, vanished), 9);
        assertThat(availability.withdrawUnseen(SourceSystem.TAP_MEDICAL, 9, FAR)).isZero();
        assertThat(state(SourceSystem.TAP_MEDICAL, "tap-vanished")).isEqualTo("FREE");
    }

    /**
     * Property: for many seeded histories over two channels, delivering every change in a shuffled order,
     * with duplicates, cut into random batches, ends in the same state as delivering them in order.
     */
    void anyOrderWithDuplicatesConvergesOnTheInOrderState(int histories) {
        for (int seed = 1; seed <= histories; seed++) {
            Random random = new Random(seed);
            Instant base = FAR.plus(Duration.ofDays(10L + seed));
            List<SlotChange> history = history(random, base, "h" + seed);
            Map<String, String> inOrder = deliverAndRead(history, List.of(history.size()), "a" + seed, base);

            List<SlotChange> shuffled = new ArrayList<>(history);
            for (int i = 0; i < history.size() / 2; i++) {
                shuffled.add(history.get(random.nextInt(history.size())));
            }
            Collections.shuffle(shuffled, random);
            List<Integer> cuts = new ArrayList<>();
            for (int left = shuffled.size(); left > 0; ) {
                int cut = 1 + random.nextInt(Math.min(left, 4));
                cuts.add(cut);
                left -= cut;
            }
            Map<String, String> anyOrder = deliverAndRead(shuffled, cuts, "b" + seed, base.plus(Duration.ofDays(400)));

            assertThat(anyOrder).as("seed %d", seed).isEqualTo(inOrder);
        }
    }

    /** A few listings on two channels (some on the same physical slot), each through several versions. */
    private List<SlotChange> history(Random random, Instant base, String prefix) {
        List<SlotChange> history = new ArrayList<>();
        for (int slot = 0; slot < 4; slot++) {
            Instant start = base.plus(Duration.ofMinutes(15L * slot));
            for (SourceSystem source : List.of(SourceSystem.OMNIMED, SourceSystem.BONJOUR_SANTE)) {
                if (source == SourceSystem.BONJOUR_SANTE && random.nextBoolean()) {
                    continue;
                }
                String id = prefix + "-" + slot;
                int versions = 1 + random.nextInt(4);
                for (int v = 1; v <= versions; v++) {
                    history.add(v == versions && random.nextInt(5) == 0 ? removed(source, id, v)
                            : published(source, id, v, start, random.nextBoolean()));
                }
            }
        }
        return history;
    }

    /** Delivers {@code changes} in batches, each source's changes to its own apply, under a fresh id space. */
    private Map<String, String> deliverAndRead(List<SlotChange> changes, List<Integer> cuts, String space, Instant base) {
        int at = 0;
        for (int cut : cuts) {
            for (SourceSystem source : List.of(SourceSystem.OMNIMED, SourceSystem.BONJOUR_SANTE)) {
                List<SlotChange> batch = changes.subList(at, at + cut).stream().filter(c -> c.listing().source() == source)
                        .map(c -> relocate(c, space, base)).toList();
                availability.apply(source, batch, 0);
            }
            at += cut;
        }
        Map<String, String> states = new TreeMap<>();
        for (SlotChange change : changes) {
            SlotChange moved = relocate(change, space, base);
            String key = change.listing().source() + ":" + change.listing().externalId();
            // A listing removed before it was ever applied leaves no row: for the comparison, that is "gone" too.
            states.put(key, jdbc.sql("""
                            select case when l.gone then 'gone' else s.state || coalesce('/' || s.booked_by, '') || ' v' || l.source_version end
                            from availability_listing l join availability_slot s on s.id = l.slot_id
                            where l.source_system = :source and l.external_id = :id""")
                    .param("source", moved.listing().source().name()).param("id", moved.listing().externalId())
                    .query(String.class).optional().orElse("gone"));
        }
        return states;
    }

    /** The same change under another id prefix and time, so two deliveries of one history do not meet. */
    private SlotChange relocate(SlotChange change, String space, Instant base) {
        Listing listing = new Listing(change.listing().source(), space + ":" + change.listing().externalId(), change.listing().sourceVersion());
        return switch (change) {
            case SlotChange.Removed r -> new SlotChange.Removed(listing);
            case SlotChange.Published p -> new SlotChange.Published(listing, p.clinic(), p.professional(), p.service(), p.modality(),
                    base.plus(Duration.between(FAR, p.start()).toMinutes() % (24 * 60), java.time.temporal.ChronoUnit.MINUTES),
                    p.duration(), p.free(), null, null);
        };
    }
}
