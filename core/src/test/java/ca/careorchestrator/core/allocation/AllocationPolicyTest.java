package ca.careorchestrator.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.allocation.Audience.AgeBand;
import ca.careorchestrator.core.allocation.Audience.AnyInsured;
import ca.careorchestrator.core.allocation.Audience.ReferredOrphan;
import ca.careorchestrator.core.allocation.Audience.RegisteredWithClinic;
import ca.careorchestrator.core.allocation.Audience.RegisteredWithProfessional;
import ca.careorchestrator.core.allocation.Audience.ResidentOf;
import ca.careorchestrator.core.allocation.PolicyDefect.Kind;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PatientProfile;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AllocationPolicyTest {

    private static final ClinicId CLINIC = new ClinicId(new UUID(1, 1));
    private static final ClinicId OTHER_CLINIC = new ClinicId(new UUID(1, 2));
    private static final ProfessionalId DOCTOR = new ProfessionalId(new UUID(2, 1));
    private static final ProfessionalId OTHER_DOCTOR = new ProfessionalId(new UUID(2, 2));
    private static final LocalNetworkCode GASPE = new LocalNetworkCode("1102");
    private static final LocalNetworkCode ROCHER_PERCE = new LocalNetworkCode("1103");
    private static final LocalNetworkCode SHERBROOKE = new LocalNetworkCode("0501");
    private static final Instant START = Instant.parse("2026-12-10T15:00:00Z");
    private static final SlotFacts SLOT = new SlotFacts(CLINIC, DOCTOR, GASPE, new ServiceTypeCode("follow-up"), START);

    // ---- fixtures ----------------------------------------------------------------------------------------

    private static PatientProfileBuilder aPatient() {
        return new PatientProfileBuilder();
    }

    private static final class PatientProfileBuilder {
        LocalDate birthDate = LocalDate.of(1980, 5, 1);
        LocalNetworkCode network = GASPE;
        Optional<ClinicId> clinic = Optional.empty();
        Optional<ProfessionalId> professional = Optional.empty();
        Optional<PriorityCode> referral = Optional.empty();

        PatientProfileBuilder registeredWith(ClinicId c, ProfessionalId p) {
            clinic = Optional.of(c);
            professional = Optional.of(p);
            return this;
        }

        PatientProfileBuilder referredWith(PriorityCode code) {
            referral = Optional.of(code);
            return this;
        }

        PatientProfileBuilder bornOn(LocalDate date) {
            birthDate = date;
            return this;
        }

        PatientProfileBuilder livingIn(LocalNetworkCode code) {
            network = code;
            return this;
        }

        Applicant applicant() {
            return Applicant.of(profile());
        }

        PatientProfile profile() {
            return new PatientProfile(new PatientId(new UUID(9, 9)), birthDate, network.region(), network, clinic, professional, referral);
        }
    }

    private static ReleaseStage stage(Audience audience, Opening opening) {
        return new ReleaseStage(audience, opening);
    }

    private static Opening hoursBefore(long hours) {
        return Opening.before(Duration.ofHours(hours));
    }

    private static List<PolicyDefect> defectsOf(ReleaseStage... stages) {
        PolicyCheck check = AllocationPolicy.check(List.of(stages));
        assertThat(check).isInstanceOf(PolicyCheck.Invalid.class);
        return ((PolicyCheck.Invalid) check).defects();
    }

    private static AllocationPolicy policy(ReleaseStage... stages) {
        return ((PolicyCheck.Valid) AllocationPolicy.check(List.of(stages))).policy();
    }

    // ---- the example policy --------------------------------------------------------------------------------

    @Test
    void theClinicsOwnPatientsMayTakeTheSlotFromPublication() {
        Applicant own = aPatient().registeredWith(CLINIC, OTHER_DOCTOR).applicant();

        assertThat(AllocationPolicy.EXAMPLE.decide(own, SLOT, START.minus(Duration.ofDays(30))))
                .isEqualTo(new Decision.Admitted(1, AllocationPolicy.EXAMPLE.stages().get(0)));
    }

    @Test
    void aReferredOrphanWithPriorityBMayTakeItFrom72HoursBeforeNotEarlier() {
        Applicant orphan = aPatient().referredWith(PriorityCode.B).applicant();
        ReleaseStage orphans = AllocationPolicy.EXAMPLE.stages().get(1);

        assertThat(AllocationPolicy.EXAMPLE.decide(orphan, SLOT, START.minus(Duration.ofHours(73))))
                .isEqualTo(new Decision.NotYet(2, orphans, START.minus(Duration.ofHours(72))));
        assertThat(AllocationPolicy.EXAMPLE.decide(orphan, SLOT, START.minus(Duration.ofHours(72))))
                .isEqualTo(new Decision.Admitted(2, orphans));
    }

    @Test
    void aReferredOrphanWithPriorityCWaitsForTheLastStageLikeEveryoneElse() {
        Applicant orphan = aPatient().referredWith(PriorityCode.C).applicant();

        assertThat(AllocationPolicy.EXAMPLE.decide(orphan, SLOT, START.minus(Duration.ofHours(48))))
                .isEqualTo(new Decision.NotYet(3, AllocationPolicy.EXAMPLE.stages().get(2), START.minus(Duration.ofHours(24))));
    }

    @Test
    void anyInsuredPersonMayTakeItFrom24HoursBefore() {
        Applicant stranger = aPatient().registeredWith(OTHER_CLINIC, OTHER_DOCTOR).applicant();

        assertThat(AllocationPolicy.EXAMPLE.decide(stranger, SLOT, START.minus(Duration.ofHours(24)))).isInstanceOf(Decision.Admitted.class);
        assertThat(AllocationPolicy.EXAMPLE.decide(stranger, SLOT, START.minus(Duration.ofHours(25)))).isInstanceOf(Decision.NotYet.class);
    }

    @Test
    void anAnonymousVisitorSeesOnlyWhatIsOpenToEveryone() {
        assertThat(AllocationPolicy.EXAMPLE.openToEveryone(SLOT, START.minus(Duration.ofHours(25)))).isFalse();
        assertThat(AllocationPolicy.EXAMPLE.openToEveryone(SLOT, START.minus(Duration.ofHours(23)))).isTrue();
        assertThat(AllocationPolicy.OPEN_TO_ALL.openToEveryone(SLOT, START.minus(Duration.ofDays(60)))).isTrue();

        Explanation why = AllocationPolicy.EXAMPLE.explain(Applicant.anonymous(), SLOT, START.minus(Duration.ofHours(25)));
        assertThat(why.stages()).extracting(Explanation.StageVerdict::reason)
                .containsExactly(Reason.IDENTITY_NEEDED, Reason.IDENTITY_NEEDED, Reason.OPEN_TO_EVERYONE);
    }

    @Test
    void withoutAPolicyAnyInsuredPersonMayTakeTheSlotFromPublication() {
        assertThat(AllocationPolicy.OPEN_TO_ALL.decide(new Applicant.UnknownInsured(), SLOT, START.minus(Duration.ofDays(80))))
                .isInstanceOf(Decision.Admitted.class);
    }

    @Test
    void aPolicyWithoutAnyInsuredStageAdmitsNobodyElse() {
        AllocationPolicy ownOnly = policy(stage(new RegisteredWithProfessional(), Opening.fromPublication()));

        assertThat(ownOnly.decide(aPatient().registeredWith(CLINIC, DOCTOR).applicant(), SLOT, START.minusSeconds(60))).isInstanceOf(Decision.Admitted.class);
        assertThat(ownOnly.decide(aPatient().registeredWith(CLINIC, OTHER_DOCTOR).applicant(), SLOT, START.minusSeconds(60)))
                .isEqualTo(new Decision.NotAdmitted());
    }

    // ---- each audience ---------------------------------------------------------------------------------------

    @Test
    void theExplanationSaysForEachStageWhyItDoesOrDoesNotAdmitThePatient() {
        Applicant registeredElsewhere = aPatient().registeredWith(OTHER_CLINIC, OTHER_DOCTOR).applicant();

        Explanation why = AllocationPolicy.EXAMPLE.explain(registeredElsewhere, SLOT, START.minus(Duration.ofHours(30)));

        assertThat(why.decision()).isInstanceOf(Decision.NotYet.class);
        assertThat(why.stages()).extracting(Explanation.StageVerdict::reason)
                .containsExactly(Reason.NOT_REGISTERED_WITH_CLINIC, Reason.NOT_ORPHAN, Reason.INSURED);
        assertThat(why.stages()).extracting(Explanation.StageVerdict::open).containsExactly(true, true, false);
        assertThat(why.stages().get(2).opensAt()).contains(START.minus(Duration.ofHours(24)));
    }

    @Test
    void anOrphanWithoutReferralIsNotInTheReferredAudience() {
        assertThat(new ReferredOrphan(PriorityCode.E).reasonFor(aPatient().profile(), SLOT)).isEqualTo(Reason.NOT_REFERRED);
        assertThat(new ReferredOrphan(PriorityCode.B).reasonFor(aPatient().referredWith(PriorityCode.A).profile(), SLOT))
                .isEqualTo(Reason.REFERRED_WITH_PRIORITY);
        assertThat(new ReferredOrphan(PriorityCode.B).reasonFor(aPatient().referredWith(PriorityCode.D).profile(), SLOT))
                .isEqualTo(Reason.REFERRAL_PRIORITY_TOO_LOW);
    }

    @Test
    void anAgeBandCountsTheAgeOnTheAppointmentsDayInQuebec() {
        // 10 December 2026 at 10:00 in Quebec: born 10 December 2021 is 5 that day, born 11 December 2021 still 4.
        AgeBand children = new AgeBand(0, 4);

        assertThat(children.reasonFor(aPatient().bornOn(LocalDate.of(2021, 12, 11)).profile(), SLOT)).isEqualTo(Reason.AGE_IN_BAND);
        assertThat(children.reasonFor(aPatient().bornOn(LocalDate.of(2021, 12, 10)).profile(), SLOT)).isEqualTo(Reason.AGE_OUTSIDE_BAND);
    }

    @Test
    void residentsAreThoseOfTheNamedTerritoryOrOfTheSlotsOwn() {
        PatientProfile inGaspe = aPatient().livingIn(GASPE).profile();
        PatientProfile inPerce = aPatient().livingIn(ROCHER_PERCE).profile();
        PatientProfile inSherbrooke = aPatient().livingIn(SHERBROOKE).profile();

        assertThat(new ResidentOf(new Territory.SlotLocalNetwork()).reasonFor(inGaspe, SLOT)).isEqualTo(Reason.RESIDENT);
        assertThat(new ResidentOf(new Territory.SlotLocalNetwork()).reasonFor(inPerce, SLOT)).isEqualTo(Reason.NOT_RESIDENT);
        assertThat(new ResidentOf(new Territory.SlotRegion()).reasonFor(inPerce, SLOT)).isEqualTo(Reason.RESIDENT);
        assertThat(new ResidentOf(new Territory.Region(new RegionCode("11"))).reasonFor(inSherbrooke, SLOT)).isEqualTo(Reason.NOT_RESIDENT);
        assertThat(new ResidentOf(new Territory.LocalNetwork(SHERBROOKE)).reasonFor(inSherbrooke, SLOT)).isEqualTo(Reason.RESIDENT);
    }

    // ---- validation ---------------------------------------------------------------------------------------

    @Test
    void aPolicyHasAtLeastOneStage() {
        assertThat(defectsOf()).containsExactly(new PolicyDefect(Kind.NO_STAGES, OptionalInt.empty(), OptionalInt.empty()));
    }

    @Test
    void aStageMayNotOpenBeforeTheOneBeforeIt() {
        assertThat(defectsOf(stage(new RegisteredWithClinic(), hoursBefore(24)), stage(new AnyInsured(), hoursBefore(72))))
                .containsExactly(new PolicyDefect(Kind.UNORDERED, OptionalInt.of(2), OptionalInt.of(1)));
        assertThat(defectsOf(stage(new RegisteredWithClinic(), hoursBefore(24)), stage(new AnyInsured(), Opening.fromPublication())))
                .extracting(PolicyDefect::kind).containsExactly(Kind.UNORDERED);
    }

    @Test
    void twoStagesMayOpenAtTheSameTime() {
        assertThat(AllocationPolicy.check(List.of(stage(new RegisteredWithClinic(), hoursBefore(24)), stage(new AgeBand(0, 5), hoursBefore(24)))))
                .isInstanceOf(PolicyCheck.Valid.class);
    }

    @Test
    void aStageWhoseAudienceIsWithinAnEarlierOnesAdmitsNobodyNewAndIsRefused() {
        assertThat(defectsOf(stage(new RegisteredWithClinic(), Opening.fromPublication()), stage(new RegisteredWithClinic(), hoursBefore(2))))
                .containsExactly(new PolicyDefect(Kind.OVERLAPPING, OptionalInt.of(2), OptionalInt.of(1)));
        assertThat(defectsOf(stage(new RegisteredWithClinic(), Opening.fromPublication()), stage(new RegisteredWithProfessional(), hoursBefore(2))))
                .extracting(PolicyDefect::kind).containsExactly(Kind.OVERLAPPING);
        assertThat(defectsOf(stage(new ReferredOrphan(PriorityCode.C), hoursBefore(72)), stage(new ReferredOrphan(PriorityCode.A), hoursBefore(24))))
                .extracting(PolicyDefect::kind).containsExactly(Kind.OVERLAPPING);
        assertThat(defectsOf(stage(new AnyInsured(), hoursBefore(72)), stage(new AgeBand(0, 5), hoursBefore(24))))
                .extracting(PolicyDefect::kind).containsExactly(Kind.OVERLAPPING);
        assertThat(defectsOf(stage(new ResidentOf(new Territory.Region(new RegionCode("11"))), hoursBefore(72)),
                stage(new ResidentOf(new Territory.LocalNetwork(GASPE)), hoursBefore(24)))).extracting(PolicyDefect::kind).containsExactly(Kind.OVERLAPPING);
    }

    @Test
    void wideningAnAudienceStageByStageIsNotAnOverlap() {
        assertThat(AllocationPolicy.check(List.of(stage(new RegisteredWithProfessional(), Opening.fromPublication()),
                stage(new RegisteredWithClinic(), hoursBefore(96)), stage(new ReferredOrphan(PriorityCode.A), hoursBefore(96)),
                stage(new ReferredOrphan(PriorityCode.C), hoursBefore(48)), stage(new ResidentOf(new Territory.SlotLocalNetwork()), hoursBefore(36)),
                stage(new ResidentOf(new Territory.SlotRegion()), hoursBefore(30)), stage(new AnyInsured(), hoursBefore(24)))))
                .isInstanceOf(PolicyCheck.Valid.class);
    }

    @Test
    void leadTimesAreFromZeroTo90DaysAndAgeBandsAreRanges() {
        assertThat(defectsOf(stage(new RegisteredWithClinic(), Opening.before(Duration.ofDays(91))),
                stage(new AgeBand(10, 5), Opening.before(Duration.ofHours(-1)))))
                .containsExactly(new PolicyDefect(Kind.LEAD_OUT_OF_RANGE, OptionalInt.of(1), OptionalInt.empty()),
                        new PolicyDefect(Kind.LEAD_OUT_OF_RANGE, OptionalInt.of(2), OptionalInt.empty()),
                        new PolicyDefect(Kind.BAD_AGE_BAND, OptionalInt.of(2), OptionalInt.empty()));
        assertThat(AllocationPolicy.check(List.of(stage(new AnyInsured(), Opening.before(Duration.ofDays(90))))))
                .isInstanceOf(PolicyCheck.Valid.class);
    }

    @Test
    void everyDefectIsListedNotOnlyTheFirst() {
        List<PolicyDefect> defects = defectsOf(stage(new AnyInsured(), hoursBefore(24)), stage(new AnyInsured(), hoursBefore(72)),
                stage(new AgeBand(-1, 3), Opening.before(Duration.ofDays(100))));

        assertThat(defects).extracting(PolicyDefect::kind)
                .containsExactly(Kind.UNORDERED, Kind.OVERLAPPING, Kind.LEAD_OUT_OF_RANGE, Kind.BAD_AGE_BAND, Kind.UNORDERED, Kind.OVERLAPPING);
    }

    @Test
    void aPolicyCannotBeMadeAroundTheCheck() {
        assertThatThrownBy(() -> new AllocationPolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- what-if -------------------------------------------------------------------------------------------

    @Test
    void whatIfCountsTheSlotsThatOpenToEachStageAndWhen() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        List<SlotFacts> week = List.of(slotAt("2026-12-08T14:00:00Z"), slotAt("2026-12-09T14:00:00Z"), slotAt("2026-12-11T14:00:00Z"),
                slotAt("2026-12-07T11:00:00Z"));

        WhatIf.Forecast forecast = WhatIf.of(AllocationPolicy.EXAMPLE, week, now);

        assertThat(forecast.slots()).isEqualTo(4);
        WhatIf.StageForecast own = forecast.stages().get(0);
        WhatIf.StageForecast orphans = forecast.stages().get(1);
        WhatIf.StageForecast everyone = forecast.stages().get(2);
        assertThat(own.slots()).isEqualTo(3);
        assertThat(own.openNow()).isEqualTo(3);
        assertThat(orphans.openNow()).isEqualTo(2); // the 8th and 9th are within 72 h
        assertThat(orphans.opening()).containsExactly(java.util.Map.entry(LocalDate.of(2026, 12, 8), 1));
        assertThat(everyone.openNow()).isZero();
        assertThat(everyone.opening()).containsOnlyKeys(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 10));
    }

    private static SlotFacts slotAt(String start) {
        return new SlotFacts(CLINIC, DOCTOR, GASPE, new ServiceTypeCode("follow-up"), Instant.parse(start));
    }

    // ---- properties over random policies, patients and slots -------------------------------------------------

    @Test
    void onceAdmittedAPatientStaysAdmittedLaterForTheSameSlot() {
        Random random = new Random(20261123);
        int decided = 0;
        for (int i = 0; i < 5_000; i++) {
            Optional<AllocationPolicy> candidate = randomPolicy(random);
            if (candidate.isEmpty()) {
                continue;
            }
            AllocationPolicy policy = candidate.get();
            Applicant applicant = randomApplicant(random);
            SlotFacts slot = randomSlot(random);
            Instant earlier = slot.start().minus(Duration.ofMinutes(random.nextInt(100 * 24 * 60)));
            Instant later = earlier.plus(Duration.ofMinutes(random.nextInt(100 * 24 * 60)));
            Decision first = policy.decide(applicant, slot, earlier);
            Decision second = policy.decide(applicant, slot, later);
            if (first instanceof Decision.Admitted) {
                assertThat(second).as("policy %s, seed iteration %d", policy, i).isInstanceOf(Decision.Admitted.class);
            }
            if (first instanceof Decision.NotAdmitted) {
                assertThat(second).as("time never adds an audience").isInstanceOf(Decision.NotAdmitted.class);
            }
            if (first instanceof Decision.NotYet(int stage, ReleaseStage s, Instant opensAt)) {
                assertThat(policy.decide(applicant, slot, opensAt)).as("admitted when the stage opens").isEqualTo(new Decision.Admitted(stage, s));
                assertThat(opensAt).isAfter(earlier);
            }
            decided++;
        }
        assertThat(decided).isGreaterThan(1_000);
    }

    @Test
    void theExplanationAgreesWithTheDecision() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Optional<AllocationPolicy> candidate = randomPolicy(random);
            if (candidate.isEmpty()) {
                continue;
            }
            AllocationPolicy policy = candidate.get();
            Applicant applicant = randomApplicant(random);
            SlotFacts slot = randomSlot(random);
            Instant now = slot.start().minus(Duration.ofMinutes(random.nextInt(100 * 24 * 60)));
            Explanation why = policy.explain(applicant, slot, now);
            boolean anyOpenAdmitting = why.stages().stream().anyMatch(v -> v.admitsApplicant() && v.open());
            boolean anyAdmitting = why.stages().stream().anyMatch(Explanation.StageVerdict::admitsApplicant);
            assertThat(why.decision()).isEqualTo(policy.decide(applicant, slot, now));
            assertThat(why.decision() instanceof Decision.Admitted).isEqualTo(anyOpenAdmitting);
            assertThat(why.decision() instanceof Decision.NotAdmitted).isEqualTo(!anyAdmitting);
        }
    }

    @Test
    void whatIfOpenNowCountsAgreeWithTheDecisionForAnAudienceMember() {
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            Optional<AllocationPolicy> candidate = randomPolicy(random);
            if (candidate.isEmpty()) {
                continue;
            }
            AllocationPolicy policy = candidate.get();
            Instant now = Instant.parse("2026-12-01T12:00:00Z");
            List<SlotFacts> slots = new ArrayList<>();
            for (int s = 0; s < 30; s++) {
                slots.add(slotAt(now.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60))).toString()));
            }
            WhatIf.Forecast forecast = WhatIf.of(policy, slots, now);
            int last = policy.stages().size() - 1;
            if (policy.stages().get(last).audience() instanceof AnyInsured) {
                long open = slots.stream().filter(slot -> policy.openToEveryone(slot, now)).count();
                assertThat(forecast.stages().get(last).openNow()).isEqualTo((int) open);
            }
            for (WhatIf.StageForecast stage : forecast.stages()) {
                assertThat(stage.openNow() + stage.opening().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(stage.slots());
            }
        }
    }

    private static Optional<AllocationPolicy> randomPolicy(Random random) {
        List<ReleaseStage> stages = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        long lead = random.nextBoolean() ? -1 : 90L * 24;
        for (int i = 0; i < count; i++) {
            Opening opening;
            if (lead < 0 && random.nextBoolean()) {
                opening = Opening.fromPublication();
            } else {
                long max = lead < 0 ? 90L * 24 : lead;
                lead = (long) (random.nextDouble() * max);
                opening = hoursBefore(lead);
            }
            stages.add(stage(randomAudience(random), opening));
        }
        return AllocationPolicy.check(stages) instanceof PolicyCheck.Valid(AllocationPolicy policy) ? Optional.of(policy) : Optional.empty();
    }

    private static Audience randomAudience(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> new RegisteredWithClinic();
            case 1 -> new RegisteredWithProfessional();
            case 2 -> new ReferredOrphan(PriorityCode.values()[random.nextInt(5)]);
            case 3 -> {
                int from = random.nextInt(80);
                yield new AgeBand(from, from + random.nextInt(40));
            }
            case 4 -> new ResidentOf(random.nextBoolean() ? new Territory.SlotLocalNetwork() : new Territory.Region(new RegionCode("11")));
            default -> new AnyInsured();
        };
    }

    private static Applicant randomApplicant(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Applicant.anonymous();
            case 1 -> new Applicant.UnknownInsured();
            default -> {
                PatientProfileBuilder patient = aPatient().bornOn(LocalDate.of(1930 + random.nextInt(95), 1 + random.nextInt(12), 1 + random.nextInt(28)))
                        .livingIn(random.nextBoolean() ? GASPE : SHERBROOKE);
                switch (random.nextInt(4)) {
                    case 0 -> patient.registeredWith(CLINIC, random.nextBoolean() ? DOCTOR : OTHER_DOCTOR);
                    case 1 -> patient.registeredWith(OTHER_CLINIC, OTHER_DOCTOR);
                    case 2 -> patient.referredWith(PriorityCode.values()[random.nextInt(5)]);
                    default -> {
                    }
                }
                yield patient.applicant();
            }
        };
    }

    private static SlotFacts randomSlot(Random random) {
        return slotAt(START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30))).toString());
    }
}
