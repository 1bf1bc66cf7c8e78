package ca.careorchestrator.app.booking.persistence;

import ca.careorchestrator.app.booking.BookingStore;
import ca.careorchestrator.app.booking.HoldAdmission;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcBookingStore implements BookingStore {

    private static final String HOLD = "select id, slot_id, patient_ref, state, created_at, expires_at, channel from booking_hold";
    private static final String APPOINTMENT = """
            select id, slot_id, hold_id, patient_ref, birth_date, state, source_system, external_id, source_reference, requested_at,
                   settled_at, reason, attempts, cancel_requested_at, replaces_id
            from booking_appointment""";

    private final JdbcClient jdbc;

    JdbcBookingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredHold> liveHoldOf(UUID patientRef) {
        return jdbc.sql(HOLD + " where live_patient_ref = :patient").param("patient", patientRef).query(JdbcBookingStore::hold).optional();
    }

    @Override
    public Optional<StoredHold> hold(HoldId id) {
        return jdbc.sql(HOLD + " where id = :id").param("id", id.value()).query(JdbcBookingStore::hold).optional();
    }

    @Override
    public Optional<StoredHold> lockHold(HoldId id) {
        return jdbc.sql(HOLD + " where id = :id for update").param("id", id.value()).query(JdbcBookingStore::hold).optional();
    }

    @Override
    public void insertHold(StoredHold hold, Actor actor) {
        jdbc.sql("""
                        insert into booking_hold (id, slot_id, patient_ref, live_patient_ref, state, created_at, expires_at, channel,
                            actor_kind, actor_id)
                        values (:id, :slot, :patient, :patient, :state, :created, :expires, :channel, :actorKind, :actorId)""")
                .param("actorKind", actor.kind().name())
                .param("actorId", actor.id())
                .param("id", hold.id().value())
                .param("slot", hold.slot().value())
                .param("patient", hold.patientRef())
                .param("state", hold.state())
                .param("created", utc(hold.createdAt()))
                .param("expires", utc(hold.expiresAt()))
                .param("channel", hold.channel().name())
                .update();
    }

    @Override
    public void recordAdmission(HoldId id, HoldAdmission.AdmittedBy by) {
        jdbc.sql("update booking_hold set admission_policy_id = :policy, admission_stage = :stage, admission_audience = :audience where id = :id")
                .param("policy", by.policy().orElse(null))
                .param("stage", by.stage())
                .param("audience", by.audience())
                .param("id", id.value())
                .update();
    }

    @Override
    public Optional<HoldAdmission.AdmittedBy> admissionOf(AppointmentId id) {
        return jdbc.sql("select admission_policy_id, admission_stage, admission_audience from booking_appointment where id = :id and admission_stage is not null")
                .param("id", id.value())
                .query((rs, row) -> new HoldAdmission.AdmittedBy(Optional.ofNullable(rs.getObject("admission_policy_id", UUID.class)),
                        rs.getInt("admission_stage"), rs.getString("admission_audience")))
                .optional();
    }

    @Override
    public void markHold(HoldId id, String state) {
        if (!LIVE_STATES.contains(state)) {
            throw new IllegalArgumentException(state + " ends a hold: endHold");
        }
        jdbc.sql("update booking_hold set state = :state where id = :id").param("state", state).param("id", id.value()).update();
    }

    @Override
    public void endHold(HoldId id, String state, Instant at) {
        if (LIVE_STATES.contains(state)) {
            throw new IllegalArgumentException(state + " does not end a hold: markHold");
        }
        jdbc.sql("update booking_hold set state = :state, live_patient_ref = null, ended_at = :at where id = :id and live_patient_ref is not null")
                .param("state", state)
                .param("at", utc(at))
                .param("id", id.value())
                .update();
    }

    @Override
    public Optional<StoredAppointment> appointment(AppointmentId id) {
        return jdbc.sql(APPOINTMENT + " where id = :id").param("id", id.value()).query(JdbcBookingStore::appointment).optional();
    }

    @Override
    public Optional<StoredAppointment> lockAppointment(AppointmentId id) {
        return jdbc.sql(APPOINTMENT + " where id = :id for update").param("id", id.value()).query(JdbcBookingStore::appointment).optional();
    }

    @Override
    public Optional<StoredAppointment> appointmentOfHold(HoldId id) {
        return jdbc.sql(APPOINTMENT + " where hold_id = :id").param("id", id.value()).query(JdbcBookingStore::appointment).optional();
    }

    @Override
    public void insertAppointment(StoredAppointment a, Instant nextAttempt, ServiceTypeCode service, Instant slotStart) {
        jdbc.sql("""
                        insert into booking_appointment (id, slot_id, live_slot_id, hold_id, patient_ref, birth_date,
                            state, source_system, external_id, requested_at, attempts, next_attempt_at, replaces_id, service_type, slot_start,
                            admission_policy_id, admission_stage, admission_audience)
                        values (:id, :slot, :slot, :hold, :patient, :birth, 'PENDING', :source, :external, :requested, 1,
                            :next, :replaces, :service, :slotStart,
                            (select admission_policy_id from booking_hold where id = :hold),
                            (select admission_stage from booking_hold where id = :hold),
                            (select admission_audience from booking_hold where id = :hold))""")
                .param("service", service.value())
                .param("slotStart", utc(slotStart))
                .param("id", a.id().value())
                .param("slot", a.slot().value())
                .param("hold", a.hold().map(HoldId::value).orElse(null))
                .param("patient", a.patientRef())
                .param("birth", a.birthDate())
                .param("source", a.source().name())
                .param("external", a.externalId())
                .param("requested", utc(a.requestedAt()))
                .param("next", utc(nextAttempt))
                .param("replaces", a.replaces().map(AppointmentId::value).orElse(null))
                .update();
    }

    @Override
    public void confirm(AppointmentId id, String sourceReference, Instant at) {
        jdbc.sql("""
                        update booking_appointment set state = 'CONFIRMED', source_reference = :ref, settled_at = :at, next_attempt_at = null,
                            reason = null
                        where id = :id""")
                .param("ref", sourceReference)
                .param("at", utc(at))
                .param("id", id.value())
                .update();
    }

    @Override
    public void reject(AppointmentId id, String reason, Instant at) {
        jdbc.sql("""
                        update booking_appointment set state = 'REJECTED', live_slot_id = null, reason = :reason, settled_at = :at, ended_at = :at,
                            next_attempt_at = null
                        where id = :id""")
                .param("reason", clip(reason))
                .param("at", utc(at))
                .param("id", id.value())
                .update();
    }

    @Override
    public void retryLater(AppointmentId id, Instant next, String reason) {
        jdbc.sql("update booking_appointment set next_attempt_at = :next, attempts = attempts + 1, reason = :reason where id = :id")
                .param("next", utc(next))
                .param("reason", clip(reason))
                .param("id", id.value())
                .update();
    }

    @Override
    public boolean noShow(AppointmentId id, Instant at) {
        return jdbc.sql("""
                        update booking_appointment set state = 'NO_SHOW', live_slot_id = null, ended_at = :at, next_attempt_at = null
                        where id = :id and state = 'CONFIRMED' and cancel_requested_at is null""")
                .param("at", utc(at))
                .param("id", id.value())
                .update() == 1;
    }

    @Override
    public void requestCancel(AppointmentId id, Instant at, Instant next, Actor.Kind by) {
        jdbc.sql("update booking_appointment set cancel_requested_at = :at, next_attempt_at = :next, cancelled_by = :by where id = :id")
                .param("at", utc(at))
                .param("by", by.name())
                .param("next", utc(next))
                .param("id", id.value())
                .update();
    }

    @Override
    public void cancelRefused(AppointmentId id, String reason) {
        jdbc.sql("""
                        update booking_appointment set cancel_requested_at = null, next_attempt_at = null, reason = :reason, cancelled_by = null
                        where id = :id""")
                .param("reason", clip(reason))
                .param("id", id.value())
                .update();
    }

    @Override
    public void cancelled(AppointmentId id, Instant at) {
        jdbc.sql("""
                        update booking_appointment set state = 'CANCELLED', live_slot_id = null, ended_at = :at, next_attempt_at = null
                        where id = :id""")
                .param("at", utc(at))
                .param("id", id.value())
                .update();
    }

    @Override
    public List<StoredAppointment> dueForReconciliation(Instant now, int limit) {
        return jdbc.sql(APPOINTMENT + " where next_attempt_at <= :now"
                        + " and (state = 'PENDING' or (state = 'CONFIRMED' and cancel_requested_at is not null))"
                        + " order by next_attempt_at limit :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query(JdbcBookingStore::appointment)
                .list();
    }

    @Override
    public List<StoredAppointment> appointmentsOf(UUID patientRef) {
        return jdbc.sql(APPOINTMENT + " where patient_ref = :patient order by requested_at desc")
                .param("patient", patientRef)
                .query(JdbcBookingStore::appointment)
                .list();
    }

    @Override
    public Optional<Actor> actorOf(HoldId id) {
        return jdbc.sql("select actor_kind, actor_id from booking_hold where id = :id and actor_kind is not null")
                .param("id", id.value())
                .query((rs, row) -> new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")))
                .optional();
    }

    @Override
    public int liveFutureAppointments(UUID patientRef, Optional<ServiceTypeCode> service, Instant now) {
        return jdbc.sql("""
                        select count(*) from booking_appointment
                        where patient_ref = :patient and live_slot_id is not null and (:service = '' or service_type = :service)
                          and slot_start > :now""")
                .param("patient", patientRef)
                .param("service", service.map(ServiceTypeCode::value).orElse(""))
                .param("now", utc(now))
                .query(Integer.class).single();
    }

    private static StoredHold hold(ResultSet rs, int row) throws SQLException {
        return new StoredHold(new HoldId(rs.getObject("id", UUID.class)), new SlotId(rs.getObject("slot_id", UUID.class)),
                rs.getObject("patient_ref", UUID.class), rs.getString("state"), instant(rs, "created_at"), instant(rs, "expires_at"),
                BookingChannel.valueOf(rs.getString("channel")));
    }

    private static StoredAppointment appointment(ResultSet rs, int row) throws SQLException {
        UUID hold = rs.getObject("hold_id", UUID.class);
        UUID replaces = rs.getObject("replaces_id", UUID.class);
        Timestamp settled = rs.getTimestamp("settled_at");
        Timestamp cancel = rs.getTimestamp("cancel_requested_at");
        return new StoredAppointment(new AppointmentId(rs.getObject("id", UUID.class)), new SlotId(rs.getObject("slot_id", UUID.class)),
                Optional.ofNullable(hold).map(HoldId::new), rs.getObject("patient_ref", UUID.class),
                rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("state"), SourceSystem.valueOf(rs.getString("source_system")),
                rs.getString("external_id"), Optional.ofNullable(rs.getString("source_reference")), instant(rs, "requested_at"),
                Optional.ofNullable(settled).map(Timestamp::toInstant), Optional.ofNullable(rs.getString("reason")), rs.getInt("attempts"),
                Optional.ofNullable(cancel).map(Timestamp::toInstant), Optional.ofNullable(replaces).map(AppointmentId::new));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
    }
}
