package ca.careorchestrator.core.allocation;

import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Règles d'octroi: ordered release stages, each an audience and an opening time relative to the slot's start. An
 * applicant may see and take a slot when a stage that admits them is open. Only {@link #check} makes one, so a
 * policy in hand is always valid:
 * <ul>
 * <li>at least one stage, at most {@value #MOST_STAGES};</li>
 * <li>ordered: each stage opens no earlier than the one before (publication first, then longer lead times first);</li>
 * <li>no overlap: a stage whose audience is within an earlier stage's audience (the same audience, or a narrower one:
 * a professional's patients within the clinic's, priority A within "B or higher", an age band inside another, an RLS
 * inside its RSS, anything within "any insured") would admit nobody new, since the earlier stage opens no later;
 * such a policy is refused as a mistake rather than kept as dead weight;</li>
 * <li>lead times from 0 to 90 days; age bands within 0..130 years.</li>
 * </ul>
 */
public record AllocationPolicy(List<ReleaseStage> stages) {

    public static final int MOST_STAGES = 10;

    /** No policy set: any insured person, from publication. */
    public static final AllocationPolicy OPEN_TO_ALL = valid(List.of(
            new ReleaseStage(new Audience.AnyInsured(), Opening.fromPublication())));

    /**
     * The example of issue #5 and DESIGN.md: the clinic's registered patients from publication; orphan patients referred
     * by the access desk with priority B or higher from 72 h before; any insured person from 24 h before.
     */
    public static final AllocationPolicy EXAMPLE = valid(List.of(
            new ReleaseStage(new Audience.RegisteredWithClinic(), Opening.fromPublication()),
            new ReleaseStage(new Audience.ReferredOrphan(PriorityCode.B), Opening.before(Duration.ofHours(72))),
            new ReleaseStage(new Audience.AnyInsured(), Opening.before(Duration.ofHours(24)))));

    public AllocationPolicy {
        stages = List.copyOf(stages);
        if (!defects(stages).isEmpty()) {
            throw new IllegalArgumentException("an allocation policy is made through check(): " + defects(stages));
        }
    }

    /** The policy, or every defect of the proposed stages. */
    public static PolicyCheck check(List<ReleaseStage> stages) {
        List<PolicyDefect> defects = defects(stages);
        return defects.isEmpty() ? new PolicyCheck.Valid(new AllocationPolicy(stages)) : new PolicyCheck.Invalid(defects);
    }

    private static AllocationPolicy valid(List<ReleaseStage> stages) {
        return ((PolicyCheck.Valid) check(stages)).policy();
    }

    private static List<PolicyDefect> defects(List<ReleaseStage> stages) {
        List<PolicyDefect> defects = new ArrayList<>();
        if (stages == null || stages.isEmpty()) {
            defects.add(PolicyDefect.ofPolicy(PolicyDefect.Kind.NO_STAGES));
            return defects;
        }
        if (stages.size() > MOST_STAGES) {
            defects.add(PolicyDefect.ofPolicy(PolicyDefect.Kind.TOO_MANY_STAGES));
        }
        for (int i = 0; i < stages.size(); i++) {
            ReleaseStage stage = stages.get(i);
            int number = i + 1;
            if (stage.opening() instanceof Opening.BeforeStart before && !before.inRange()) {
                defects.add(PolicyDefect.ofStage(PolicyDefect.Kind.LEAD_OUT_OF_RANGE, number));
            }
            if (stage.audience() instanceof Audience.AgeBand band && !band.wellFormed()) {
                defects.add(PolicyDefect.ofStage(PolicyDefect.Kind.BAD_AGE_BAND, number));
            }
            if (i > 0 && stage.opening().compareTo(stages.get(i - 1).opening()) < 0) {
                defects.add(PolicyDefect.between(PolicyDefect.Kind.UNORDERED, number, number - 1));
            }
            for (int j = 0; j < i; j++) {
                if (stage.audience().within(stages.get(j).audience())) {
                    defects.add(PolicyDefect.between(PolicyDefect.Kind.OVERLAPPING, number, j + 1));
                    break;
                }
            }
        }
        return defects;
    }

    /**
     * The decision alone (the search's path: no explanation built). The first stage, in order, whose audience admits
     * the applicant decides: admitted if it is open; otherwise a later admitting stage that is open cannot exist
     * (stages open in order), so it says when that first stage opens.
     */
    public Decision decide(Applicant applicant, SlotFacts slot, Instant now) {
        for (int i = 0; i < stages.size(); i++) {
            ReleaseStage stage = stages.get(i);
            if (stage.audience().reasonFor(applicant, slot).admits()) {
                return stage.opening().isOpen(slot.start(), now)
                        ? new Decision.Admitted(i + 1, stage)
                        : new Decision.NotYet(i + 1, stage, stage.opening().opensAt(slot.start()).orElseThrow());
            }
        }
        return new Decision.NotAdmitted();
    }

    /** The decision and, for every stage, whether it admits this applicant (and why) and whether it is open. */
    public Explanation explain(Applicant applicant, SlotFacts slot, Instant now) {
        List<Explanation.StageVerdict> verdicts = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            ReleaseStage stage = stages.get(i);
            verdicts.add(new Explanation.StageVerdict(i + 1, stage, stage.audience().reasonFor(applicant, slot),
                    stage.opening().opensAt(slot.start()), stage.opening().isOpen(slot.start(), now)));
        }
        return new Explanation(decide(applicant, slot, now), verdicts);
    }

    /** Whether the slot is open to every insured person now ("open to everyone": what an anonymous search shows). */
    public boolean openToEveryone(SlotFacts slot, Instant now) {
        return decide(Applicant.anonymous(), slot, now).admitted();
    }
}
