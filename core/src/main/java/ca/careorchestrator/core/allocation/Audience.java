package ca.careorchestrator.core.allocation;

import ca.careorchestrator.core.patient.PatientProfile;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Who a release stage is for. Each audience reads only the {@link PatientProfile}'s facts and the slot's (never
 * payment, subscription or channel) and answers with a {@link Reason}.
 */
public sealed interface Audience {

    /** The clinic's day: an age is taken on the appointment's day in Quebec. */
    ZoneId QUEBEC = ZoneId.of("America/Montreal");

    /** Stable code of the audience kind (JSON, SQL, messages). */
    String code();

    /** Why this audience takes in (or not) this patient for this slot. */
    Reason reasonFor(PatientProfile patient, SlotFacts slot);

    /**
     * Every patient this audience admits for a slot is also admitted by {@code other}, whatever the slot: a stage
     * with this audience after one with {@code other} would admit nobody new (see {@link AllocationPolicy}).
     */
    boolean within(Audience other);

    /** Why this audience does or does not take in this applicant: anonymous visitors are taken in by "any insured" only. */
    default Reason reasonFor(Applicant applicant, SlotFacts slot) {
        return switch (applicant) {
            case Applicant.Patient(PatientProfile profile) -> reasonFor(profile, slot);
            case Applicant.UnknownInsured unknown -> this instanceof AnyInsured ? Reason.INSURED : Reason.PROFILE_UNKNOWN;
            case Applicant.Anonymous anonymous -> this instanceof AnyInsured ? Reason.OPEN_TO_EVERYONE : Reason.IDENTITY_NEEDED;
        };
    }

    /** Patients registered with the slot's clinic (with any of its professionals). */
    record RegisteredWithClinic() implements Audience {
        @Override
        public String code() {
            return "REGISTERED_WITH_CLINIC";
        }

        @Override
        public Reason reasonFor(PatientProfile patient, SlotFacts slot) {
            return patient.registeredClinic().filter(slot.clinic()::equals).isPresent()
                    ? Reason.REGISTERED_WITH_CLINIC : Reason.NOT_REGISTERED_WITH_CLINIC;
        }

        @Override
        public boolean within(Audience other) {
            return other instanceof RegisteredWithClinic || other instanceof AnyInsured;
        }
    }

    /** Patients registered with the slot's own professional. */
    record RegisteredWithProfessional() implements Audience {
        @Override
        public String code() {
            return "REGISTERED_WITH_PROFESSIONAL";
        }

        @Override
        public Reason reasonFor(PatientProfile patient, SlotFacts slot) {
            return patient.registeredProfessional().filter(slot.professional()::equals).isPresent()
                    ? Reason.REGISTERED_WITH_PROFESSIONAL : Reason.NOT_REGISTERED_WITH_PROFESSIONAL;
        }

        /** A professional works at one clinic, so their registered patients are registered with it. */
        @Override
        public boolean within(Audience other) {
            return other instanceof RegisteredWithProfessional || other instanceof RegisteredWithClinic || other instanceof AnyInsured;
        }
    }

    /** Orphan patients (no family doctor) the access desk referred with priority {@code atLeast} or more urgent. */
    record ReferredOrphan(PriorityCode atLeast) implements Audience {
        public ReferredOrphan {
            if (atLeast == null) {
                throw new IllegalArgumentException("a referred-orphan audience names its lowest priority");
            }
        }

        @Override
        public String code() {
            return "REFERRED_ORPHAN";
        }

        @Override
        public Reason reasonFor(PatientProfile patient, SlotFacts slot) {
            if (!patient.isOrphan()) {
                return Reason.NOT_ORPHAN;
            }
            return patient.referral().map(priority -> priority.atLeast(atLeast) ? Reason.REFERRED_WITH_PRIORITY : Reason.REFERRAL_PRIORITY_TOO_LOW)
                    .orElse(Reason.NOT_REFERRED);
        }

        @Override
        public boolean within(Audience other) {
            return other instanceof AnyInsured || other instanceof ReferredOrphan(PriorityCode wider) && atLeast.atLeast(wider);
        }
    }

    /** Patients aged {@code fromYears} to {@code toYears} inclusive on the appointment's day. */
    record AgeBand(int fromYears, int toYears) implements Audience {
        public static final int OLDEST = 130;

        @Override
        public String code() {
            return "AGE_BAND";
        }

        /** Whether the band is a range of ages (checked with the policy, so that a defect is reported, not thrown). */
        public boolean wellFormed() {
            return fromYears >= 0 && toYears <= OLDEST && fromYears <= toYears;
        }

        @Override
        public Reason reasonFor(PatientProfile patient, SlotFacts slot) {
            int age = patient.ageOn(LocalDate.ofInstant(slot.start(), QUEBEC));
            return age >= fromYears && age <= toYears ? Reason.AGE_IN_BAND : Reason.AGE_OUTSIDE_BAND;
        }

        @Override
        public boolean within(Audience other) {
            return other instanceof AnyInsured || other instanceof AgeBand(int from, int to) && from <= fromYears && toYears <= to;
        }
    }

    /** Residents of a territory (where the registry says they live). */
    record ResidentOf(Territory territory) implements Audience {
        public ResidentOf {
            if (territory == null) {
                throw new IllegalArgumentException("a residents' audience names its territory");
            }
        }

        @Override
        public String code() {
            return "RESIDENT_OF";
        }

        @Override
        public Reason reasonFor(PatientProfile patient, SlotFacts slot) {
            return territory.contains(patient.localNetwork(), slot.localNetwork()) ? Reason.RESIDENT : Reason.NOT_RESIDENT;
        }

        @Override
        public boolean within(Audience other) {
            return other instanceof AnyInsured || other instanceof ResidentOf(Territory wider) && territory.within(wider);
        }
    }

    /** Every insured person. */
    record AnyInsured() implements Audience {
        @Override
        public String code() {
            return "ANY_INSURED";
        }

        @Override
        public Reason reasonFor(PatientProfile patient, SlotFacts slot) {
            return Reason.INSURED;
        }

        @Override
        public boolean within(Audience other) {
            return other instanceof AnyInsured;
        }
    }
}
