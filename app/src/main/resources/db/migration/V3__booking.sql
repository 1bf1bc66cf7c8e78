-- Issue #4: holds and appointments. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- The slot row (availability_slot.state, hold_id, hold_expires_at) is the authority on who holds a slot; these
-- tables keep the story and the two "at most one" rules below as unique constraints (nulls never collide).

create table booking_hold (
    id                uuid                     primary key,
    slot_id           uuid                     not null references availability_slot (id),
    patient_ref       uuid                     not null,
    -- Set while the hold is live (LIVE, BOOKING, HANDED_OVER), null once it ended: one live hold per patient.
    live_patient_ref  uuid                     unique,
    state             varchar(12)              not null
        check (state in ('LIVE', 'BOOKING', 'HANDED_OVER', 'BOOKED', 'RELEASED', 'EXPIRED', 'VOIDED')),
    created_at        timestamp with time zone not null,
    expires_at        timestamp with time zone not null,
    ended_at          timestamp with time zone,
    channel           varchar(12)              not null check (channel in ('API', 'DEEP_LINK', 'PHONE')),
    check ((live_patient_ref is null) = (state in ('BOOKED', 'RELEASED', 'EXPIRED', 'VOIDED')))
);
create index booking_hold_by_slot on booking_hold (slot_id);
create index booking_hold_by_expiry on booking_hold (state, expires_at);

create table booking_appointment (
    id                 uuid                     primary key,
    slot_id            uuid                     not null references availability_slot (id),
    -- Set while the appointment is PENDING or CONFIRMED: a slot is booked at most once, whatever the channel.
    live_slot_id       uuid                     unique,
    hold_id            uuid                     references booking_hold (id),
    patient_ref        uuid                     not null,
    birth_date         date                     not null,
    -- What the source was sent about the patient (synthetic data only), so that a retry sends the same command.
    nam                varchar(12)              not null,
    family_name        varchar(100)             not null,
    given_name         varchar(100)             not null,
    state              varchar(12)              not null
        check (state in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'FULFILLED', 'NO_SHOW')),
    source_system      varchar(30)              not null,
    external_id        varchar(200)             not null,
    source_reference   varchar(200),
    requested_at       timestamp with time zone not null,
    settled_at         timestamp with time zone,
    ended_at           timestamp with time zone,
    reason             varchar(500),
    -- Reconciliation: a booking or cancellation whose answer is not known is asked again with the same key.
    attempts           integer                  not null default 1,
    next_attempt_at    timestamp with time zone,
    cancel_requested_at timestamp with time zone,
    replaces_id        uuid,
    check ((live_slot_id is not null) = (state in ('PENDING', 'CONFIRMED'))),
    check (state <> 'CONFIRMED' or source_reference is not null)
);
create index booking_appointment_by_patient on booking_appointment (patient_ref, requested_at);
create index booking_appointment_to_reconcile on booking_appointment (next_attempt_at);
