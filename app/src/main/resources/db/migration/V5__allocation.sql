-- Issue #5: allocation policies (règles d'octroi). Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- A policy belongs to a scope: a clinic, optionally narrowed to one of its professionals and/or one service type; the
-- most specific scope that has a policy governs a slot. Policies are never updated nor deleted: saving one replaces
-- the scope's current version (current_scope set to null, replaced_at set) and keeps it as history.

create table allocation_policy (
    id               uuid                     primary key,
    clinic_id        uuid                     not null references directory_clinic (id),
    professional_id  uuid                     references directory_professional (id),
    service_code     varchar(40),
    -- clinic id '/' professional id or '*' '/' service code or '*': names the scope in one value.
    scope_key        varchar(120)             not null,
    -- The scope key while this version is the current one, null once replaced: one current policy per scope.
    current_scope    varchar(120)             unique,
    version          integer                  not null,
    saved_at         timestamp with time zone not null,
    saved_by         varchar(100)             not null,
    replaced_at      timestamp with time zone,
    unique (scope_key, version),
    check ((current_scope is null) = (replaced_at is not null)),
    check (current_scope is null or current_scope = scope_key)
);
create index allocation_policy_by_clinic on allocation_policy (clinic_id);

-- Stages in order (position 1..n). Which columns are set depends on the audience; lead_minutes null = from publication.
create table allocation_stage (
    policy_id        uuid         not null references allocation_policy (id),
    position         smallint     not null,
    audience         varchar(30)  not null check (audience in
        ('REGISTERED_WITH_CLINIC', 'REGISTERED_WITH_PROFESSIONAL', 'REFERRED_ORPHAN', 'AGE_BAND', 'RESIDENT_OF', 'ANY_INSURED')),
    priority         char(1)      check (priority in ('A', 'B', 'C', 'D', 'E')),
    age_from         smallint,
    age_to           smallint,
    territory        varchar(20)  check (territory in ('REGION', 'LOCAL_NETWORK', 'SLOT_REGION', 'SLOT_LOCAL_NETWORK')),
    territory_code   varchar(4),
    lead_minutes     integer,
    primary key (policy_id, position),
    check ((audience = 'REFERRED_ORPHAN') = (priority is not null)),
    check ((audience = 'AGE_BAND') = (age_from is not null and age_to is not null)),
    check ((audience = 'RESIDENT_OF') = (territory is not null))
);

-- Which stage admitted a hold and the appointment made from it (explainable allocation). Policy null: no policy was set
-- for the slot (any insured person, from publication).
alter table booking_hold add column admission_policy_id uuid;
alter table booking_hold add column admission_stage smallint;
alter table booking_hold add column admission_audience varchar(30);
alter table booking_appointment add column admission_policy_id uuid;
alter table booking_appointment add column admission_stage smallint;
alter table booking_appointment add column admission_audience varchar(30);
