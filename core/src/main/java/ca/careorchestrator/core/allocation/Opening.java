package ca.careorchestrator.core.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a stage opens, relative to the slot: as soon as it is published, or a lead time before its start. */
public sealed interface Opening extends Comparable<Opening> {

    /** The longest lead time a stage may have: a search never looks further ahead than 90 days. */
    Duration LONGEST_LEAD = Duration.ofDays(90);

    /** The instant the stage opens for a slot starting at {@code start}; empty: open since publication. */
    Optional<Instant> opensAt(Instant start);

    default boolean isOpen(Instant start, Instant now) {
        return opensAt(start).map(at -> !now.isBefore(at)).orElse(true);
    }

    /** Earlier-opening first: publication, then the longest lead time down to the shortest. */
    @Override
    default int compareTo(Opening other) {
        return switch (this) {
            case FromPublication p -> other instanceof FromPublication ? 0 : -1;
            case BeforeStart(Duration lead) -> switch (other) {
                case FromPublication p -> 1;
                case BeforeStart(Duration otherLead) -> otherLead.compareTo(lead);
            };
        };
    }

    static Opening fromPublication() {
        return new FromPublication();
    }

    static Opening before(Duration lead) {
        return new BeforeStart(lead);
    }

    record FromPublication() implements Opening {
        @Override
        public Optional<Instant> opensAt(Instant start) {
            return Optional.empty();
        }
    }

    /** {@code lead} before the slot's start (0 to 90 days, checked with the policy). */
    record BeforeStart(Duration lead) implements Opening {
        public BeforeStart {
            if (lead == null) {
                throw new IllegalArgumentException("a stage opening before the start says how long before");
            }
        }

        public boolean inRange() {
            return !lead.isNegative() && lead.compareTo(LONGEST_LEAD) <= 0;
        }

        @Override
        public Optional<Instant> opensAt(Instant start) {
            return Optional.of(start.minus(lead));
        }
    }
}
