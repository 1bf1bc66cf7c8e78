package ca.careorchestrator.app.web.allocation;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.allocation.Audience;
import ca.careorchestrator.core.allocation.Opening;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.allocation.Territory;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The editor's form as sent: a scope (professional, service: blank for all) and up to {@link #ROWS} stage rows, each
 * an audience with its parameters and an opening in hours before the start (blank: from publication). Blank rows are
 * skipped; what cannot be read is {@code malformed-allocation-stage} naming the row.
 */
public record PolicyForm(String professional, String service, List<Row> rows) {

    public static final int ROWS = 6;

    public record Row(String audience, String priority, String fromYears, String toYears, String territory, String territoryCode, String hours) {

        public boolean blank() {
            return audience == null || audience.isBlank();
        }

        static Row of(ReleaseStage stage) {
            String hours = switch (stage.opening()) {
                case Opening.FromPublication p -> "";
                case Opening.BeforeStart(Duration lead) -> lead.toMinutes() % 60 == 0 ? Long.toString(lead.toHours())
                        : String.valueOf(lead.toMinutes() / 60.0);
            };
            return switch (stage.audience()) {
                case Audience.ReferredOrphan(PriorityCode atLeast) -> new Row("REFERRED_ORPHAN", atLeast.name(), "", "", "", "", hours);
                case Audience.AgeBand(int from, int to) -> new Row("AGE_BAND", "", Integer.toString(from), Integer.toString(to), "", "", hours);
                case Audience.ResidentOf(Territory territory) -> switch (territory) {
                    case Territory.Region(RegionCode code) -> new Row("RESIDENT_OF", "", "", "", "REGION", code.value(), hours);
                    case Territory.LocalNetwork(LocalNetworkCode code) -> new Row("RESIDENT_OF", "", "", "", "LOCAL_NETWORK", code.value(), hours);
                    case Territory.SlotRegion r -> new Row("RESIDENT_OF", "", "", "", "SLOT_REGION", "", hours);
                    case Territory.SlotLocalNetwork n -> new Row("RESIDENT_OF", "", "", "", "SLOT_LOCAL_NETWORK", "", hours);
                };
                default -> new Row(stage.audience().code(), "", "", "", "", "", hours);
            };
        }
    }

    static PolicyForm of(Map<String, String> params) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            rows.add(new Row(params.get("audience" + i), params.get("priority" + i), params.get("fromYears" + i), params.get("toYears" + i),
                    params.get("territory" + i), params.get("territoryCode" + i), params.get("hours" + i)));
        }
        return new PolicyForm(params.get("professional"), params.get("service"), rows);
    }

    static PolicyForm of(String professional, String service, List<ReleaseStage> stages) {
        List<Row> rows = new ArrayList<>(stages.stream().map(Row::of).toList());
        while (rows.size() < ROWS) {
            rows.add(new Row("", "", "", "", "", "", ""));
        }
        return new PolicyForm(professional, service, rows);
    }

    /** The stages of the non-blank rows, numbered as they will be stored (1, 2, …). */
    List<ReleaseStage> stages() {
        List<ReleaseStage> stages = new ArrayList<>();
        for (Row row : rows) {
            if (!row.blank()) {
                stages.add(stage(row, stages.size() + 1));
            }
        }
        return stages;
    }

    private static ReleaseStage stage(Row row, int number) {
        Audience audience = switch (row.audience()) {
            case "REGISTERED_WITH_CLINIC" -> new Audience.RegisteredWithClinic();
            case "REGISTERED_WITH_PROFESSIONAL" -> new Audience.RegisteredWithProfessional();
            case "REFERRED_ORPHAN" -> {
                if (row.priority() == null || !row.priority().matches("[A-E]")) {
                    throw malformed(number, "priority");
                }
                yield new Audience.ReferredOrphan(PriorityCode.valueOf(row.priority()));
            }
            case "AGE_BAND" -> new Audience.AgeBand(integer(row.fromYears(), number, "fromYears"), integer(row.toYears(), number, "toYears"));
            case "RESIDENT_OF" -> new Audience.ResidentOf(switch (row.territory() == null ? "" : row.territory()) {
                case "REGION" -> {
                    if (!RegionCode.isValid(strip(row.territoryCode()))) {
                        throw malformed(number, "territoryCode");
                    }
                    yield new Territory.Region(new RegionCode(strip(row.territoryCode())));
                }
                case "LOCAL_NETWORK" -> {
                    if (!strip(row.territoryCode()).matches("(0[1-9]|1[0-8])[0-9]{2}")) {
                        throw malformed(number, "territoryCode");
                    }
                    yield new Territory.LocalNetwork(new LocalNetworkCode(strip(row.territoryCode())));
                }
                case "SLOT_REGION" -> new Territory.SlotRegion();
                case "SLOT_LOCAL_NETWORK" -> new Territory.SlotLocalNetwork();
                default -> throw malformed(number, "territory");
            });
            case "ANY_INSURED" -> new Audience.AnyInsured();
            default -> throw malformed(number, "audience");
        };
        String hours = strip(row.hours());
        if (hours.isEmpty()) {
            return new ReleaseStage(audience, Opening.fromPublication());
        }
        try {
            double value = Double.parseDouble(hours.replace(',', '.'));
            if (Double.isNaN(value) || Math.abs(value) > 1_000_000) {
                throw malformed(number, "hours");
            }
            return new ReleaseStage(audience, Opening.before(Duration.ofMinutes(Math.round(value * 60))));
        } catch (NumberFormatException e) {
            throw malformed(number, "hours");
        }
    }

    private static int integer(String raw, int number, String member) {
        try {
            return Integer.parseInt(strip(raw));
        } catch (NumberFormatException e) {
            throw malformed(number, member);
        }
    }

    private static String strip(String raw) {
        return raw == null ? "" : raw.strip();
    }

    private static ProblemException malformed(int number, String member) {
        return new ProblemException(Problem.MALFORMED_POLICY_STAGE, number, member);
    }
}
