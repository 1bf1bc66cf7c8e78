-- Issue #7: the observatory's daily rollups. Every figure here is recomputed from the record (slot, appointment,
-- waitlist, quarantine and flag tables) for the days and regions events touched, so the rollups reconcile exactly with
-- those tables; searches have no table of their own and are counted as they happen. Days are Quebec days
-- (America/Montreal). Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- When the orchestrator first saw a slot (null for slots stored before this migration): its lead time is start - this.
alter table availability_slot add column published_at timestamp with time zone;
create index availability_slot_by_published on availability_slot (region_code, published_at);
-- Who cancelled an appointment: the actor kind that asked (PATIENT, PARTNER, ACCESS_DESK, CLINIC_STAFF, WAITLIST,
-- OPERATOR) or SOURCE when the clinic's system cancelled it.
alter table booking_appointment add column cancelled_by varchar(16);
create index booking_appointment_by_settled on booking_appointment (settled_at);
create index booking_appointment_by_ended on booking_appointment (ended_at);
create index booking_appointment_by_slot_start on booking_appointment (slot_start);

-- Per clinic, service type and profession.
create table observatory_clinic_day (
    day                     date        not null,
    clinic_id               uuid        not null,
    region_code             char(2)     not null,
    local_network_code      char(4)     not null,
    service_type            varchar(40) not null,
    profession              varchar(30) not null,
    -- supply, by the day the orchestrator first saw the slot (lead = days from then to its start)
    published               integer not null default 0,
    published_in_person     integer not null default 0,
    published_phone         integer not null default 0,
    published_video         integer not null default 0,
    published_lead_0_1      integer not null default 0,
    published_lead_2_7      integer not null default 0,
    published_lead_8_30     integer not null default 0,
    published_lead_31_plus  integer not null default 0,
    -- supply and use, by the slot's start day: offered = used + unused (withdrawn before the start not offered)
    offered                 integer not null default 0,
    used                    integer not null default 0,
    used_here               integer not null default 0,
    unused                  integer not null default 0,
    withdrawn               integer not null default 0,
    -- bookings the orchestrator made, by the day the source confirmed them: through whom, for whom, which stage
    booked                  integer not null default 0,
    booked_patient          integer not null default 0,
    booked_partner          integer not null default 0,
    booked_desk             integer not null default 0,
    booked_staff            integer not null default 0,
    booked_waitlist         integer not null default 0,
    booked_other            integer not null default 0,
    booked_orphan           integer not null default 0,
    booked_stage_registered_clinic       integer not null default 0,
    booked_stage_registered_professional integer not null default 0,
    booked_stage_referred_orphan         integer not null default 0,
    booked_stage_age_band                integer not null default 0,
    booked_stage_resident_of             integer not null default 0,
    booked_stage_any_insured             integer not null default 0,
    booked_no_policy                     integer not null default 0,
    -- of those bookings, time from the patient's request (the care request when booked from the waitlist, the
    -- booking itself otherwise) to the appointment's start
    wait_0_1                integer not null default 0,
    wait_2_7                integer not null default 0,
    wait_8_14               integer not null default 0,
    wait_15_30              integer not null default 0,
    wait_31_60              integer not null default 0,
    wait_61_plus            integer not null default 0,
    wait_minutes_total      bigint  not null default 0,
    -- cancellations of those bookings, by the day the source confirmed them, and by whom
    cancelled               integer not null default 0,
    cancelled_patient       integer not null default 0,
    cancelled_partner       integer not null default 0,
    cancelled_desk          integer not null default 0,
    cancelled_staff         integer not null default 0,
    cancelled_source        integer not null default 0,
    cancelled_other         integer not null default 0,
    -- appointments the clinic recorded as missed, by the appointment's day
    no_shows                integer not null default 0,
    primary key (day, clinic_id, service_type, profession)
);
create index observatory_clinic_day_by_network on observatory_clinic_day (local_network_code, day);
create index observatory_clinic_day_by_clinic on observatory_clinic_day (clinic_id, day);
create index observatory_clinic_day_by_region on observatory_clinic_day (region_code, day);

-- The same figures summed per local network (level 'RLS', area_code = its code) and per region (level 'RSS'), so
-- that a year of the province reads thousands of rows, not millions. Rewritten with the clinic rows they sum.
create table observatory_area_day (
    day                     date        not null,
    level                   varchar(3)  not null check (level in ('RSS', 'RLS')),
    area_code               varchar(4)  not null,
    region_code             char(2)     not null,
    service_type            varchar(40) not null,
    profession              varchar(30) not null,
    -- supply, by the day the orchestrator first saw the slot (lead = days from then to its start)
    published               integer not null default 0,
    published_in_person     integer not null default 0,
    published_phone         integer not null default 0,
    published_video         integer not null default 0,
    published_lead_0_1      integer not null default 0,
    published_lead_2_7      integer not null default 0,
    published_lead_8_30     integer not null default 0,
    published_lead_31_plus  integer not null default 0,
    -- supply and use, by the slot's start day: offered = used + unused (withdrawn before the start not offered)
    offered                 integer not null default 0,
    used                    integer not null default 0,
    used_here               integer not null default 0,
    unused                  integer not null default 0,
    withdrawn               integer not null default 0,
    -- bookings the orchestrator made, by the day the source confirmed them: through whom, for whom, which stage
    booked                  integer not null default 0,
    booked_patient          integer not null default 0,
    booked_partner          integer not null default 0,
    booked_desk             integer not null default 0,
    booked_staff            integer not null default 0,
    booked_waitlist         integer not null default 0,
    booked_other            integer not null default 0,
    booked_orphan           integer not null default 0,
    booked_stage_registered_clinic       integer not null default 0,
    booked_stage_registered_professional integer not null default 0,
    booked_stage_referred_orphan         integer not null default 0,
    booked_stage_age_band                integer not null default 0,
    booked_stage_resident_of             integer not null default 0,
    booked_stage_any_insured             integer not null default 0,
    booked_no_policy                     integer not null default 0,
    -- of those bookings, time from the patient's request (the care request when booked from the waitlist, the
    -- booking itself otherwise) to the appointment's start
    wait_0_1                integer not null default 0,
    wait_2_7                integer not null default 0,
    wait_8_14               integer not null default 0,
    wait_15_30              integer not null default 0,
    wait_31_60              integer not null default 0,
    wait_61_plus            integer not null default 0,
    wait_minutes_total      bigint  not null default 0,
    -- cancellations of those bookings, by the day the source confirmed them, and by whom
    cancelled               integer not null default 0,
    cancelled_patient       integer not null default 0,
    cancelled_partner       integer not null default 0,
    cancelled_desk          integer not null default 0,
    cancelled_staff         integer not null default 0,
    cancelled_source        integer not null default 0,
    cancelled_other         integer not null default 0,
    -- appointments the clinic recorded as missed, by the appointment's day
    no_shows                integer not null default 0,
    primary key (day, level, area_code, service_type, profession)
);
create index observatory_area_day_by_region on observatory_area_day (level, region_code, day);

-- Demand per local network (the searched postal code's, or '' for a search by region) and service type ('' = any).
create table observatory_demand_day (
    day                     date        not null,
    region_code             char(2)     not null,
    local_network_code      varchar(4)  not null,
    service_type            varchar(40) not null,
    -- counted as searches happen (API, FHIR, web); an unmet search found no free slot in the window it asked
    searches                integer     not null default 0,
    searches_unmet          integer     not null default 0,
    -- from waitlist_request: filed that day; ended that day as booked (FULFILLED), EXPIRED or WITHDRAWN; the time
    -- those that ended had waited
    waitlist_entries        integer     not null default 0,
    exits_booked            integer     not null default 0,
    exits_expired           integer     not null default 0,
    exits_withdrawn         integer     not null default 0,
    waited_minutes_total    bigint      not null default 0,
    primary key (day, region_code, local_network_code, service_type)
);
create index observatory_demand_day_by_region on observatory_demand_day (region_code, day);

-- Third next available appointment: minutes from the measure to the start of the clinic's third free slot (any
-- service), measured through the day; the day keeps its last measure. Null: fewer than three free slots ahead.
create table observatory_access_day (
    day                     date                     not null,
    clinic_id               uuid                     not null,
    region_code             char(2)                  not null,
    local_network_code      char(4)                  not null,
    third_next_minutes      integer,
    free_ahead              integer                  not null,
    measured_at             timestamp with time zone not null,
    primary key (day, clinic_id)
);
create index observatory_access_day_by_region on observatory_access_day (region_code, day);
create index observatory_access_day_by_network on observatory_access_day (local_network_code, day);

-- Data quality per source: how far behind it was when sampled (lag = now - last successful read), and what it sent
-- that went to quarantine, per reason.
create table observatory_source_day (
    day                     date        not null,
    source_system           varchar(30) not null,
    lag_samples             integer     not null default 0,
    lag_seconds_total       bigint      not null default 0,
    lag_seconds_max         bigint      not null default 0,
    primary key (day, source_system)
);
create table observatory_quarantine_day (
    day                     date         not null,
    source_system           varchar(30)  not null,
    reason                  varchar(120) not null,
    quarantined             integer      not null default 0,
    primary key (day, source_system, reason)
);

-- Fairness: hoarding flags raised per signal and kind of actor.
create table observatory_fairness_day (
    day                     date        not null,
    signal                  varchar(40) not null,
    actor_kind              varchar(16) not null,
    flags                   integer     not null default 0,
    primary key (day, signal, actor_kind)
);
