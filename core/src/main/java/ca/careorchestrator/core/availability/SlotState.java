package ca.careorchestrator.core.availability;

import java.time.Instant;

/**
 * The life of a slot. Only the transitions offered by each state exist:
 * <pre>
 * Free ──hold──► Held ──book──► Booked ──cancel──► Free
 *  │  ◄─release/expire─┘  │                  ▲
 *  ├──taken at source────────────► Booked ───┘
 *  └──withdraw──► Withdrawn ◄──withdraw── Held   (the source removed the slot; final)
 * </pre>
 * The source system is the authority: it may take or withdraw a slot that is held here.
 */
public sealed interface SlotState {

    /** Stable name used in storage and APIs. */
    String code();

    /** True when {@code next} is reachable from this state in one legal step. */
    boolean canBecome(SlotState next);

    static SlotState free() {
        return new Free();
    }

    record Free() implements SlotState {
        public Held hold(HoldId hold, Instant expiresAt) {
            return new Held(hold, expiresAt);
        }

        public Booked takenAtSource() {
            return new Booked(BookedBy.SOURCE);
        }

        public Withdrawn withdraw() {
            return new Withdrawn();
        }

        @Override
        public String code() {
            return "FREE";
        }

        @Override
        public boolean canBecome(SlotState next) {
            return switch (next) {
                case Held held -> true;
                case Booked booked -> booked.by() == BookedBy.SOURCE;
                case Withdrawn withdrawn -> true;
                case Free free -> false;
            };
        }
    }

    record Held(HoldId hold, Instant expiresAt) implements SlotState {
        public Held {
            if (hold == null || expiresAt == null) {
                throw new IllegalArgumentException("a hold has an id and an expiry");
            }
        }

        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        public Free release() {
            return new Free();
        }

        public Booked book() {
            return new Booked(BookedBy.ORCHESTRATOR);
        }

        public Booked takenAtSource() {
            return new Booked(BookedBy.SOURCE);
        }

        public Withdrawn withdraw() {
            return new Withdrawn();
        }

        @Override
        public String code() {
            return "HELD";
        }

        @Override
        public boolean canBecome(SlotState next) {
            return switch (next) {
                case Free free -> true;
                case Booked booked -> true;
                case Withdrawn withdrawn -> true;
                case Held held -> false;
            };
        }
    }

    /** Booked through the orchestrator, or taken at the source (clinic desk, phone, another platform). */
    record Booked(BookedBy by) implements SlotState {
        public Booked {
            if (by == null) {
                throw new IllegalArgumentException("a booked slot says who booked it");
            }
        }

        public Free cancel() {
            return new Free();
        }

        @Override
        public String code() {
            return "BOOKED";
        }

        @Override
        public boolean canBecome(SlotState next) {
            return switch (next) {
                case Free free -> true;
                case Held held -> false;
                case Booked booked -> false;
                case Withdrawn withdrawn -> false;
            };
        }
    }

    /** Removed by its source. Final: a new publication is a new slot. */
    record Withdrawn() implements SlotState {
        @Override
        public String code() {
            return "WITHDRAWN";
        }

        @Override
        public boolean canBecome(SlotState next) {
            return false;
        }
    }

    enum BookedBy {
        ORCHESTRATOR, SOURCE
    }
}
