-- Issue #5: the waitlist (alerts). Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- The database is the record; the matcher's in-memory index is rebuilt from waitlist_request at start-up.

create table waitlist_request (
    id                  uuid                     primary key,
    -- PatientIdentity.ref(): the registry's patient id, never the NAM.
    patient_ref         uuid                     not null,
    service             varchar(40)              not null,
    fsa                 char(3)                  not null,
    radius_km           integer                  not null check (radius_km between 1 and 500),
    window_start        timestamp with time zone not null,
    window_end          timestamp with time zone not null,
    -- Comma-separated Modality names, e.g. 'IN_PERSON,PHONE'.
    modalities          varchar(40)              not null,
    -- The access desk's priority (A most urgent .. E); null: none.
    priority            char(1)                  check (priority in ('A', 'B', 'C', 'D', 'E')),
    filed_at            timestamp with time zone not null,
    state               varchar(10)              not null
        check (state in ('OPEN', 'OFFERED', 'FULFILLED', 'WITHDRAWN', 'EXPIRED')),
    -- Set while the request is OPEN or OFFERED, null once it ended: one open request per patient and service.
    open_key            varchar(80)              unique,
    ended_at            timestamp with time zone,
    check (window_end > window_start),
    check ((open_key is null) = (state in ('FULFILLED', 'WITHDRAWN', 'EXPIRED')))
);
create index waitlist_request_by_patient on waitlist_request (patient_ref, filed_at);
create index waitlist_request_by_state on waitlist_request (state, filed_at);

create table waitlist_offer (
    id                  uuid                     primary key,
    request_id          uuid                     not null references waitlist_request (id),
    slot_id             uuid                     not null references availability_slot (id),
    -- The hold taken on the patient's behalf (booking_hold.id); it runs out when the offer does.
    hold_id             uuid                     not null,
    state               varchar(10)              not null
        check (state in ('PENDING', 'ACCEPTED', 'DECLINED', 'LAPSED', 'WITHDRAWN')),
    offered_at          timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    decided_at          timestamp with time zone,
    -- Set while PENDING: a request has at most one offer out at a time.
    pending_request_id  uuid                     unique,
    check (expires_at > offered_at),
    check ((pending_request_id is not null) = (state = 'PENDING'))
);
create index waitlist_offer_by_slot on waitlist_offer (slot_id);
create index waitlist_offer_by_request on waitlist_offer (request_id);
create index waitlist_offer_to_lapse on waitlist_offer (state, expires_at);
