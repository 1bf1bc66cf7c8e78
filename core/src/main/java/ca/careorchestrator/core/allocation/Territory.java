package ca.careorchestrator.core.allocation;

import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;

/**
 * Where a {@link Audience.ResidentOf} audience lives: a named health region (RSS) or local network (RLS), or the
 * slot's own (one policy then serves every site of a clinic group without naming places).
 */
public sealed interface Territory {

    /** Whether a patient living in {@code network} lives here, for a slot in {@code slotNetwork}. */
    boolean contains(LocalNetworkCode network, LocalNetworkCode slotNetwork);

    /** Every resident of this territory is a resident of {@code other} (for a slot anywhere). */
    boolean within(Territory other);

    record Region(RegionCode code) implements Territory {
        public Region {
            if (code == null) {
                throw new IllegalArgumentException("a region territory names its RSS");
            }
        }

        @Override
        public boolean contains(LocalNetworkCode network, LocalNetworkCode slotNetwork) {
            return network.region().equals(code);
        }

        @Override
        public boolean within(Territory other) {
            return other.equals(this);
        }
    }

    record LocalNetwork(LocalNetworkCode code) implements Territory {
        public LocalNetwork {
            if (code == null) {
                throw new IllegalArgumentException("a network territory names its RLS");
            }
        }

        @Override
        public boolean contains(LocalNetworkCode network, LocalNetworkCode slotNetwork) {
            return network.equals(code);
        }

        @Override
        public boolean within(Territory other) {
            return other.equals(this) || other instanceof Region(RegionCode region) && region.equals(code.region());
        }
    }

    /** The health region of the slot's clinic. */
    record SlotRegion() implements Territory {
        @Override
        public boolean contains(LocalNetworkCode network, LocalNetworkCode slotNetwork) {
            return network.region().equals(slotNetwork.region());
        }

        @Override
        public boolean within(Territory other) {
            return other instanceof SlotRegion;
        }
    }

    /** The local network of the slot's clinic. */
    record SlotLocalNetwork() implements Territory {
        @Override
        public boolean contains(LocalNetworkCode network, LocalNetworkCode slotNetwork) {
            return network.equals(slotNetwork);
        }

        @Override
        public boolean within(Territory other) {
            return other instanceof SlotLocalNetwork || other instanceof SlotRegion;
        }
    }
}
