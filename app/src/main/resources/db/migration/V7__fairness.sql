-- Issue #5, fairness. Through whom each hold came (a patient themself, a partner platform, the access desk, the
-- waitlist's offer), the service and start an appointment counts against the per-service limit, and the flags
-- the hoarding watch raised for the ministry's audit view. Runs unchanged on PostgreSQL and on H2.

alter table booking_hold add column actor_kind varchar(16);
alter table booking_hold add column actor_id varchar(100);

alter table booking_appointment add column service_type varchar(40);
alter table booking_appointment add column slot_start timestamp with time zone;
create index booking_appointment_live_by_patient on booking_appointment (patient_ref, live_slot_id);

create table fairness_flag (
    id              uuid                     primary key,
    actor_kind      varchar(16)              not null,
    actor_id        varchar(100)             not null,
    signal          varchar(40)              not null,
    observed        bigint                   not null,
    threshold       bigint                   not null,
    window_seconds  bigint                   not null,
    raised_at       timestamp with time zone not null
);
create index fairness_flag_by_time on fairness_flag (raised_at);
create index fairness_flag_by_actor on fairness_flag (actor_kind, actor_id, raised_at);
