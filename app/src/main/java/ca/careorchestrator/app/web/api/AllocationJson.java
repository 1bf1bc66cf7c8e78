package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.allocation.PolicyScope;
import ca.careorchestrator.app.allocation.SlotAdmission;
import ca.careorchestrator.app.allocation.StoredPolicy;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.AllocationTexts;
import ca.careorchestrator.core.allocation.Audience;
import ca.careorchestrator.core.allocation.Decision;
import ca.careorchestrator.core.allocation.Explanation;
import ca.careorchestrator.core.allocation.Opening;
import ca.careorchestrator.core.allocation.PolicyDefect;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.allocation.Territory;
import ca.careorchestrator.core.allocation.WhatIf;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Allocation policies, explanations and forecasts as JSON, and stages read from JSON (each mistake a catalogue problem). */
final class AllocationJson {

    private AllocationJson() {
    }

    /**
     * A stage. {@code audience}: REGISTERED_WITH_CLINIC, REGISTERED_WITH_PROFESSIONAL, REFERRED_ORPHAN (with
     * {@code priority} A-E), AGE_BAND ({@code fromYears}, {@code toYears}), RESIDENT_OF ({@code territory}: REGION or
     * LOCAL_NETWORK with {@code territoryCode}, or SLOT_REGION, SLOT_LOCAL_NETWORK), ANY_INSURED. {@code opensBefore}: an
     * ISO-8601 duration before the slot's start (PT72H, P3D), absent for "from publication". {@code description} is
     * written on the way out and ignored on the way in.
     */
    record StageJson(String audience, String priority, Integer fromYears, Integer toYears, String territory, String territoryCode,
            String opensBefore, String description) {

        static StageJson of(ReleaseStage stage, AllocationTexts texts, Locale locale) {
            String opensBefore = switch (stage.opening()) {
                case Opening.FromPublication p -> null;
                case Opening.BeforeStart(Duration lead) -> lead.toString();
            };
            String description = texts.stage(stage, locale);
            return switch (stage.audience()) {
                case Audience.ReferredOrphan(PriorityCode atLeast) ->
                        new StageJson("REFERRED_ORPHAN", atLeast.name(), null, null, null, null, opensBefore, description);
                case Audience.AgeBand(int from, int to) -> new StageJson("AGE_BAND", null, from, to, null, null, opensBefore, description);
                case Audience.ResidentOf(Territory territory) -> switch (territory) {
                    case Territory.Region(RegionCode code) -> new StageJson("RESIDENT_OF", null, null, null, "REGION", code.value(), opensBefore, description);
                    case Territory.LocalNetwork(LocalNetworkCode code) ->
                            new StageJson("RESIDENT_OF", null, null, null, "LOCAL_NETWORK", code.value(), opensBefore, description);
                    case Territory.SlotRegion r -> new StageJson("RESIDENT_OF", null, null, null, "SLOT_REGION", null, opensBefore, description);
                    case Territory.SlotLocalNetwork n -> new StageJson("RESIDENT_OF", null, null, null, "SLOT_LOCAL_NETWORK", null, opensBefore, description);
                };
                default -> new StageJson(stage.audience().code(), null, null, null, null, null, opensBefore, description);
            };
        }

        /** The stage; a missing or unknown member is {@code malformed-allocation-stage} naming the stage and the member. */
        ReleaseStage stage(int number) {
            return new ReleaseStage(audience(number), opening(number));
        }

        private Audience audience(int number) {
            if (audience == null) {
                throw malformed(number, "audience");
            }
            return switch (audience) {
                case "REGISTERED_WITH_CLINIC" -> new Audience.RegisteredWithClinic();
                case "REGISTERED_WITH_PROFESSIONAL" -> new Audience.RegisteredWithProfessional();
                case "REFERRED_ORPHAN" -> {
                    if (priority == null || !priority.matches("[A-E]")) {
                        throw malformed(number, "priority");
                    }
                    yield new Audience.ReferredOrphan(PriorityCode.valueOf(priority));
                }
                case "AGE_BAND" -> {
                    if (fromYears == null || toYears == null) {
                        throw malformed(number, "fromYears, toYears");
                    }
                    yield new Audience.AgeBand(fromYears, toYears); // a band out of range is the policy's defect, reported with the others
                }
                case "RESIDENT_OF" -> new Audience.ResidentOf(territory(number));
                case "ANY_INSURED" -> new Audience.AnyInsured();
                default -> throw malformed(number, "audience");
            };
        }

        private Territory territory(int number) {
            String kind = territory == null ? "" : territory;
            return switch (kind) {
                case "REGION" -> {
                    if (!RegionCode.isValid(territoryCode)) {
                        throw malformed(number, "territoryCode");
                    }
                    yield new Territory.Region(new RegionCode(territoryCode));
                }
                case "LOCAL_NETWORK" -> {
                    if (territoryCode == null || !territoryCode.matches("(0[1-9]|1[0-8])[0-9]{2}")) {
                        throw malformed(number, "territoryCode");
                    }
                    yield new Territory.LocalNetwork(new LocalNetworkCode(territoryCode));
                }
                case "SLOT_REGION" -> new Territory.SlotRegion();
                case "SLOT_LOCAL_NETWORK" -> new Territory.SlotLocalNetwork();
                default -> throw malformed(number, "territory");
            };
        }

        private Opening opening(int number) {
            if (opensBefore == null || opensBefore.isBlank()) {
                return Opening.fromPublication();
            }
            try {
                return Opening.before(Duration.parse(opensBefore.strip()));
            } catch (DateTimeParseException e) {
                throw malformed(number, "opensBefore");
            }
        }

        private static ProblemException malformed(int number, String member) {
            return new ProblemException(Problem.MALFORMED_POLICY_STAGE, number, member);
        }
    }

    static List<ReleaseStage> stages(List<StageJson> json) {
        if (json == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "stages");
        }
        List<ReleaseStage> stages = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            if (json.get(i) == null) {
                throw new ProblemException(Problem.MALFORMED_POLICY_STAGE, i + 1, "audience");
            }
            stages.add(json.get(i).stage(i + 1));
        }
        return stages;
    }

    record ScopeJson(String clinicId, String professionalId, String service) {

        static ScopeJson of(PolicyScope scope) {
            return new ScopeJson(scope.clinic().toString(), scope.professional().map(ProfessionalId::toString).orElse(null),
                    scope.service().map(ServiceTypeCode::value).orElse(null));
        }
    }

    record PolicyJson(String id, ScopeJson scope, int version, List<StageJson> stages, Instant savedAt, String savedBy, Instant replacedAt) {

        static PolicyJson of(StoredPolicy policy, AllocationTexts texts, Locale locale) {
            return new PolicyJson(policy.id().toString(), ScopeJson.of(policy.scope()), policy.version(),
                    policy.policy().stages().stream().map(stage -> StageJson.of(stage, texts, locale)).toList(), policy.savedAt(), policy.savedBy(),
                    policy.replacedAt().orElse(null));
        }
    }

    record DefectJson(String code, Integer stage, Integer conflictsWith, String message) {

        static DefectJson of(PolicyDefect defect, AllocationTexts texts, Locale locale) {
            return new DefectJson(Problem.of(defect.kind()).code(), defect.stage().isPresent() ? defect.stage().getAsInt() : null,
                    defect.other().isPresent() ? defect.other().getAsInt() : null, texts.defect(defect, locale));
        }
    }

    /** The problem of the first defect, listing every defect under {@code defects}. */
    static ProblemException invalid(List<PolicyDefect> defects, AllocationTexts texts, Locale locale) {
        return new ProblemException(Problem.of(defects.get(0).kind()))
                .with("defects", defects.stream().map(d -> DefectJson.of(d, texts, locale)).toList());
    }

    record StageVerdictJson(int number, StageJson stage, boolean admitsYou, String reason, String reasonText, Instant opensAt, boolean open) {
    }

    /**
     * A decision and each stage's reason. {@code decision}: ADMITTED (with {@code stage}), NOT_YET ({@code stage} and
     * {@code opensAt}) or NOT_ADMITTED; {@code policy} null when none is set for the slot (any insured person from publication).
     */
    record ExplanationJson(String decision, Integer stage, Instant opensAt, String summary, PolicyJson policy, List<StageVerdictJson> stages) {
    }

    static ExplanationJson explanation(Explanation explanation, java.util.Optional<StoredPolicy> policy, AllocationTexts texts, Locale locale) {
        Decision decision = explanation.decision();
        List<StageVerdictJson> stages = explanation.stages().stream().map(v -> new StageVerdictJson(v.number(), StageJson.of(v.stage(), texts, locale),
                v.admitsApplicant(), v.reason().name(), texts.reason(v.reason(), locale), v.opensAt().orElse(null), v.open())).toList();
        PolicyJson policyJson = policy.map(p -> PolicyJson.of(p, texts, locale)).orElse(null);
        String summary = texts.decision(decision, locale);
        return switch (decision) {
            case Decision.Admitted(int stage, var by) -> new ExplanationJson("ADMITTED", stage, null, summary, policyJson, stages);
            case Decision.NotYet(int stage, var by, Instant opensAt) -> new ExplanationJson("NOT_YET", stage, opensAt, summary, policyJson, stages);
            case Decision.NotAdmitted n -> new ExplanationJson("NOT_ADMITTED", null, null, summary, policyJson, stages);
        };
    }

    static ExplanationJson explanation(SlotAdmission admission, AllocationTexts texts, Locale locale) {
        return explanation(admission.explanation(), admission.policy(), texts, locale);
    }

    record StageForecastJson(int number, StageJson stage, int slots, int openNow, Map<LocalDate, Integer> opening) {
    }

    /** A what-if: the scope's free slots in [from, to) that the candidate would govern, and per stage how many open and when. */
    record ForecastJson(ScopeJson scope, Instant from, Instant to, int slots, List<StageForecastJson> stages) {

        static ForecastJson of(PolicyScope scope, Instant from, Instant to, WhatIf.Forecast forecast, AllocationTexts texts, Locale locale) {
            return new ForecastJson(ScopeJson.of(scope), from, to, forecast.slots(), forecast.stages().stream()
                    .map(s -> new StageForecastJson(s.number(), StageJson.of(s.stage(), texts, locale), s.slots(), s.openNow(), s.opening()))
                    .toList());
        }
    }
}
