package ca.careorchestrator.app.waitlist.persistence;

import ca.careorchestrator.app.waitlist.OfferId;
import ca.careorchestrator.app.waitlist.WaitlistStore;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWaitlistStore implements WaitlistStore {

    private static final String REQUEST = """
            select id, patient_ref, service, fsa, radius_km, window_start, window_end, modalities, priority, filed_at, state
            from waitlist_request""";
    private static final String OFFER = "select id, request_id, slot_id, hold_id, state, offered_at, expires_at, decided_at from waitlist_offer";

    private final JdbcClient jdbc;

    JdbcWaitlistStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertRequest(CareRequest request, Optional<PriorityCode> priority) {
        jdbc.sql("""
                        insert into waitlist_request (id, patient_ref, service, fsa, radius_km, window_start, window_end, modalities, priority,
                                                      filed_at, state, open_key)
                        values (:id, :patient, :service, :fsa, :radius, :from, :to, :modalities, :priority, :filed, 'OPEN', :key)""")
                .param("id", request.id().value())
                .param("patient", request.patient().value())
                .param("service", request.service().value())
                .param("fsa", request.area().value())
                .param("radius", request.radiusKm())
                .param("from", utc(request.windowStart()))
                .param("to", utc(request.windowEnd()))
                .param("modalities", request.modalities().stream().map(Modality::name).sorted().collect(Collectors.joining(",")))
                .param("priority", priority.map(Enum::name).orElse(null))
                .param("filed", utc(request.filedAt()))
                .param("key", request.patient() + ":" + request.service())
                .update();
    }

    @Override
    public Optional<StoredRequest> request(CareRequestId id) {
        return jdbc.sql(REQUEST + " where id = :id").param("id", id.value()).query(JdbcWaitlistStore::request).optional();
    }

    @Override
    public Optional<StoredRequest> lockRequest(CareRequestId id) {
        return jdbc.sql(REQUEST + " where id = :id for update").param("id", id.value()).query(JdbcWaitlistStore::request).optional();
    }

    @Override
    public Optional<StoredRequest> openRequest(PatientId patient, ServiceTypeCode service) {
        return jdbc.sql(REQUEST + " where open_key = :key").param("key", patient + ":" + service).query(JdbcWaitlistStore::request).optional();
    }

    @Override
    public List<StoredRequest> requestsOf(PatientId patient) {
        return jdbc.sql(REQUEST + " where patient_ref = :patient order by filed_at desc, id").param("patient", patient.value())
                .query(JdbcWaitlistStore::request).list();
    }

    @Override
    public boolean moveRequest(CareRequestId id, String from, String to) {
        return jdbc.sql("update waitlist_request set state = :to where id = :id and state = :from")
                .param("to", to).param("id", id.value()).param("from", from).update() == 1;
    }

    @Override
    public boolean endRequest(CareRequestId id, String state, Instant at) {
        if (!Set.of("FULFILLED", "WITHDRAWN", "EXPIRED").contains(state)) {
            throw new IllegalArgumentException(state + " does not end a care request");
        }
        return jdbc.sql("""
                        update waitlist_request set state = :state, open_key = null, ended_at = :at
                        where id = :id and state in ('OPEN', 'OFFERED')""")
                .param("state", state).param("at", utc(at)).param("id", id.value()).update() == 1;
    }

    @Override
    public void setPriority(CareRequestId id, Optional<PriorityCode> priority) {
        jdbc.sql("update waitlist_request set priority = :priority where id = :id")
                .param("priority", priority.map(Enum::name).orElse(null)).param("id", id.value()).update();
    }

    @Override
    public void forEachOpen(Consumer<StoredRequest> sink) {
        try (Stream<StoredRequest> rows = jdbc.sql(REQUEST + " where state = 'OPEN' order by filed_at, id").withFetchSize(5_000)
                .query(JdbcWaitlistStore::request).stream()) {
            rows.forEach(sink);
        }
    }

    @Override
    public List<CareRequestId> openRequestsEndedBy(Instant now, int limit) {
        return jdbc.sql("select id from waitlist_request where state = 'OPEN' and window_end <= :now order by window_end limit :limit")
                .param("now", utc(now)).param("limit", limit).query((rs, n) -> new CareRequestId(rs.getObject("id", UUID.class))).list();
    }

    @Override
    public void insertOffer(StoredOffer offer) {
        jdbc.sql("""
                        insert into waitlist_offer (id, request_id, slot_id, hold_id, state, offered_at, expires_at, pending_request_id)
                        values (:id, :request, :slot, :hold, 'PENDING', :offered, :expires, :request)""")
                .param("id", offer.id().value())
                .param("request", offer.request().value())
                .param("slot", offer.slot().value())
                .param("hold", offer.hold().value())
                .param("offered", utc(offer.offeredAt()))
                .param("expires", utc(offer.expiresAt()))
                .update();
    }

    @Override
    public Optional<StoredOffer> offer(OfferId id) {
        return jdbc.sql(OFFER + " where id = :id").param("id", id.value()).query(JdbcWaitlistStore::offer).optional();
    }

    @Override
    public Optional<StoredOffer> lockOffer(OfferId id) {
        return jdbc.sql(OFFER + " where id = :id for update").param("id", id.value()).query(JdbcWaitlistStore::offer).optional();
    }

    @Override
    public Optional<StoredOffer> pendingOfferOf(CareRequestId request) {
        return jdbc.sql(OFFER + " where pending_request_id = :request").param("request", request.value()).query(JdbcWaitlistStore::offer)
                .optional();
    }

    @Override
    public boolean endOffer(OfferId id, String state, Instant at) {
        if (!Set.of("ACCEPTED", "DECLINED", "LAPSED", "WITHDRAWN").contains(state)) {
            throw new IllegalArgumentException(state + " does not decide an offer");
        }
        return jdbc.sql("""
                        update waitlist_offer set state = :state, pending_request_id = null, decided_at = :at
                        where id = :id and state = 'PENDING'""")
                .param("state", state).param("at", utc(at)).param("id", id.value()).update() == 1;
    }

    @Override
    public List<StoredOffer> pendingOffersDue(Instant now, int limit) {
        return jdbc.sql(OFFER + " where state = 'PENDING' and expires_at <= :now order by expires_at limit :limit")
                .param("now", utc(now)).param("limit", limit).query(JdbcWaitlistStore::offer).list();
    }

    @Override
    public Set<CareRequestId> requestsOffered(SlotId slot) {
        return new HashSet<>(jdbc.sql("select request_id from waitlist_offer where slot_id = :slot").param("slot", slot.value())
                .query((rs, n) -> new CareRequestId(rs.getObject("request_id", UUID.class))).list());
    }

    private static StoredRequest request(ResultSet rs, int row) throws SQLException {
        Set<Modality> modalities = Arrays.stream(rs.getString("modalities").split(",")).map(Modality::valueOf).collect(Collectors.toSet());
        CareRequest request = new CareRequest(new CareRequestId(rs.getObject("id", UUID.class)), new PatientId(rs.getObject("patient_ref", UUID.class)),
                new ServiceTypeCode(rs.getString("service")), new Fsa(rs.getString("fsa").strip()), rs.getInt("radius_km"),
                instant(rs, "window_start"), instant(rs, "window_end"), modalities, instant(rs, "filed_at"));
        String priority = rs.getString("priority");
        return new StoredRequest(request, Optional.ofNullable(priority).map(p -> PriorityCode.valueOf(p.strip())), rs.getString("state"));
    }

    private static StoredOffer offer(ResultSet rs, int row) throws SQLException {
        return new StoredOffer(new OfferId(rs.getObject("id", UUID.class)), new CareRequestId(rs.getObject("request_id", UUID.class)),
                new SlotId(rs.getObject("slot_id", UUID.class)), new HoldId(rs.getObject("hold_id", UUID.class)), rs.getString("state"),
                instant(rs, "offered_at"), instant(rs, "expires_at"), Optional.ofNullable(rs.getTimestamp("decided_at"))
                .map(java.sql.Timestamp::toInstant));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
