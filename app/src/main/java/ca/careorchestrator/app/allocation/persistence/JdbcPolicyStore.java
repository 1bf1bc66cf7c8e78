package ca.careorchestrator.app.allocation.persistence;

import ca.careorchestrator.app.allocation.PolicyScope;
import ca.careorchestrator.app.allocation.PolicyStore;
import ca.careorchestrator.app.allocation.StoredPolicy;
import ca.careorchestrator.core.allocation.AllocationPolicy;
import ca.careorchestrator.core.allocation.Audience;
import ca.careorchestrator.core.allocation.Opening;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.allocation.Territory;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PriorityCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPolicyStore implements PolicyStore {

    private static final String POLICY = """
            select id, clinic_id, professional_id, service_code, version, saved_at, saved_by, replaced_at
            from allocation_policy""";

    private final JdbcClient jdbc;

    JdbcPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A policy row before its stages are read. */
    private record Head(UUID id, PolicyScope scope, int version, Instant savedAt, String savedBy, Optional<Instant> replacedAt) {
    }

    @Override
    public List<StoredPolicy> current() {
        return withStages(jdbc.sql(POLICY + " where current_scope is not null").query(JdbcPolicyStore::head).list());
    }

    @Override
    public List<StoredPolicy> currentOf(ClinicId clinic) {
        return withStages(jdbc.sql(POLICY + " where current_scope is not null and clinic_id = :clinic order by scope_key")
                .param("clinic", clinic.value()).query(JdbcPolicyStore::head).list());
    }

    @Override
    public List<StoredPolicy> history(PolicyScope scope) {
        return withStages(jdbc.sql(POLICY + " where scope_key = :key order by version desc")
                .param("key", scope.key()).query(JdbcPolicyStore::head).list());
    }

    @Override
    public int nextVersion(PolicyScope scope) {
        return jdbc.sql("select coalesce(max(version), 0) + 1 from allocation_policy where scope_key = :key")
                .param("key", scope.key()).query(Integer.class).single();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from allocation_policy").query(Long.class).single();
    }

    @Override
    public void replace(StoredPolicy next) {
        PolicyScope scope = next.scope();
        jdbc.sql("update allocation_policy set current_scope = null, replaced_at = :at where current_scope = :key")
                .param("at", utc(next.savedAt())).param("key", scope.key()).update();
        jdbc.sql("""
                        insert into allocation_policy (id, clinic_id, professional_id, service_code, scope_key, current_scope, version, saved_at, saved_by)
                        values (:id, :clinic, :professional, :service, :key, :key, :version, :saved, :by)""")
                .param("id", next.id())
                .param("clinic", scope.clinic().value())
                .param("professional", scope.professional().map(ProfessionalId::value).orElse(null))
                .param("service", scope.service().map(ServiceTypeCode::value).orElse(null))
                .param("key", scope.key())
                .param("version", next.version())
                .param("saved", utc(next.savedAt()))
                .param("by", next.savedBy())
                .update();
        List<ReleaseStage> stages = next.policy().stages();
        for (int i = 0; i < stages.size(); i++) {
            ReleaseStage stage = stages.get(i);
            Row row = Row.of(stage);
            jdbc.sql("""
                            insert into allocation_stage (policy_id, position, audience, priority, age_from, age_to, territory, territory_code, lead_minutes)
                            values (:policy, :position, :audience, :priority, :ageFrom, :ageTo, :territory, :code, :lead)""")
                    .param("policy", next.id())
                    .param("position", i + 1)
                    .param("audience", stage.audience().code())
                    .param("priority", row.priority())
                    .param("ageFrom", row.ageFrom())
                    .param("ageTo", row.ageTo())
                    .param("territory", row.territory())
                    .param("code", row.territoryCode())
                    .param("lead", row.leadMinutes())
                    .update();
        }
    }

    /** A stage's columns: only those of its audience are set. */
    private record Row(String priority, Integer ageFrom, Integer ageTo, String territory, String territoryCode, Long leadMinutes) {

        static Row of(ReleaseStage stage) {
            Long lead = switch (stage.opening()) {
                case Opening.FromPublication p -> null;
                case Opening.BeforeStart(Duration duration) -> duration.toMinutes();
            };
            return switch (stage.audience()) {
                case Audience.ReferredOrphan(PriorityCode atLeast) -> new Row(atLeast.name(), null, null, null, null, lead);
                case Audience.AgeBand(int from, int to) -> new Row(null, from, to, null, null, lead);
                case Audience.ResidentOf(Territory territory) -> switch (territory) {
                    case Territory.Region(RegionCode code) -> new Row(null, null, null, "REGION", code.value(), lead);
                    case Territory.LocalNetwork(LocalNetworkCode code) -> new Row(null, null, null, "LOCAL_NETWORK", code.value(), lead);
                    case Territory.SlotRegion r -> new Row(null, null, null, "SLOT_REGION", null, lead);
                    case Territory.SlotLocalNetwork n -> new Row(null, null, null, "SLOT_LOCAL_NETWORK", null, lead);
                };
                case Audience.RegisteredWithClinic a -> new Row(null, null, null, null, null, lead);
                case Audience.RegisteredWithProfessional a -> new Row(null, null, null, null, null, lead);
                case Audience.AnyInsured a -> new Row(null, null, null, null, null, lead);
            };
        }
    }

    private List<StoredPolicy> withStages(List<Head> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ReleaseStage>> stages = new HashMap<>();
        // Stages of every listed policy in one query per chunk (the province's seeding gives ~600 policies).
        for (int from = 0; from < heads.size(); from += 500) {
            List<UUID> ids = heads.subList(from, Math.min(heads.size(), from + 500)).stream().map(Head::id).toList();
            jdbc.sql("""
                            select policy_id, position, audience, priority, age_from, age_to, territory, territory_code, lead_minutes
                            from allocation_stage where policy_id in (:ids) order by policy_id, position""")
                    .param("ids", ids)
                    .query((ResultSet rs) -> { // a row callback: called once per row, already positioned
                        stages.computeIfAbsent(rs.getObject("policy_id", UUID.class), k -> new ArrayList<>()).add(stage(rs));
                    });
        }
        List<StoredPolicy> policies = new ArrayList<>(heads.size());
        for (Head head : heads) {
            // Stored through the use case, so valid; a row edited by hand into an invalid policy fails loudly here.
            policies.add(new StoredPolicy(head.id(), head.scope(), head.version(), new AllocationPolicy(stages.getOrDefault(head.id(), List.of())),
                    head.savedAt(), head.savedBy(), head.replacedAt()));
        }
        return policies;
    }

    private static ReleaseStage stage(ResultSet rs) throws SQLException {
        long lead = rs.getLong("lead_minutes");
        Opening opening = rs.wasNull() ? Opening.fromPublication() : Opening.before(Duration.ofMinutes(lead));
        Audience audience = switch (rs.getString("audience")) {
            case "REGISTERED_WITH_CLINIC" -> new Audience.RegisteredWithClinic();
            case "REGISTERED_WITH_PROFESSIONAL" -> new Audience.RegisteredWithProfessional();
            case "REFERRED_ORPHAN" -> new Audience.ReferredOrphan(PriorityCode.valueOf(rs.getString("priority").strip()));
            case "AGE_BAND" -> new Audience.AgeBand(rs.getInt("age_from"), rs.getInt("age_to"));
            case "RESIDENT_OF" -> new Audience.ResidentOf(switch (rs.getString("territory")) {
                case "REGION" -> new Territory.Region(new RegionCode(rs.getString("territory_code")));
                case "LOCAL_NETWORK" -> new Territory.LocalNetwork(new LocalNetworkCode(rs.getString("territory_code")));
                case "SLOT_REGION" -> new Territory.SlotRegion();
                case "SLOT_LOCAL_NETWORK" -> new Territory.SlotLocalNetwork();
                default -> throw new IllegalStateException("unknown territory " + rs.getString("territory"));
            });
            case "ANY_INSURED" -> new Audience.AnyInsured();
            default -> throw new IllegalStateException("unknown audience " + rs.getString("audience"));
        };
        return new ReleaseStage(audience, opening);
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        UUID professional = rs.getObject("professional_id", UUID.class);
        String service = rs.getString("service_code");
        PolicyScope scope = new PolicyScope(new ClinicId(rs.getObject("clinic_id", UUID.class)),
                Optional.ofNullable(professional).map(ProfessionalId::new), Optional.ofNullable(service).map(ServiceTypeCode::new));
        return new Head(rs.getObject("id", UUID.class), scope, rs.getInt("version"), instant(rs, "saved_at"), rs.getString("saved_by"),
                Optional.ofNullable(rs.getTimestamp("replaced_at")).map(Timestamp::toInstant));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
