-- Issue #7: monthly sums of the daily rollups, so that a dashboard over a year reads a dozen month rows per area and
-- not 365 day rows. A month's rows are the sums of its day rows (clinic, area and demand tables) as they stand; they
-- are written once the month has ended and its last day was settled, and rewritten with any day of it rewritten
-- later. observatory_month_written lists the months whose rows are written for every region: a read uses the month
-- rows of those months only, and the day rows for every other day, so a month not (yet) summed reads as before.
create table observatory_month_written (
    month       date                     primary key,
    written_at  timestamp with time zone not null
);

-- observatory_clinic_day summed per month.
create table observatory_clinic_month (
    month                   date        not null,
    clinic_id               uuid        not null,
    region_code             char(2)     not null,
    local_network_code      char(4)     not null,
    service_type            varchar(40) not null,
    profession              varchar(30) not null,
    published               bigint  not null default 0,
    published_in_person     bigint  not null default 0,
    published_phone         bigint  not null default 0,
    published_video         bigint  not null default 0,
    published_lead_0_1      bigint  not null default 0,
    published_lead_2_7      bigint  not null default 0,
    published_lead_8_30     bigint  not null default 0,
    published_lead_31_plus  bigint  not null default 0,
    offered                 bigint  not null default 0,
    used                    bigint  not null default 0,
    used_here               bigint  not null default 0,
    unused                  bigint  not null default 0,
    withdrawn               bigint  not null default 0,
    booked                  bigint  not null default 0,
    booked_patient          bigint  not null default 0,
    booked_partner          bigint  not null default 0,
    booked_desk             bigint  not null default 0,
    booked_staff            bigint  not null default 0,
    booked_waitlist         bigint  not null default 0,
    booked_other            bigint  not null default 0,
    booked_orphan           bigint  not null default 0,
    booked_stage_registered_clinic       bigint  not null default 0,
    booked_stage_registered_professional bigint  not null default 0,
    booked_stage_referred_orphan         bigint  not null default 0,
    booked_stage_age_band                bigint  not null default 0,
    booked_stage_resident_of             bigint  not null default 0,
    booked_stage_any_insured             bigint  not null default 0,
    booked_no_policy                     bigint  not null default 0,
    wait_0_1                bigint  not null default 0,
    wait_2_7                bigint  not null default 0,
    wait_8_14               bigint  not null default 0,
    wait_15_30              bigint  not null default 0,
    wait_31_60              bigint  not null default 0,
    wait_61_plus            bigint  not null default 0,
    wait_minutes_total      bigint  not null default 0,
    cancelled               bigint  not null default 0,
    cancelled_patient       bigint  not null default 0,
    cancelled_partner       bigint  not null default 0,
    cancelled_desk          bigint  not null default 0,
    cancelled_staff         bigint  not null default 0,
    cancelled_source        bigint  not null default 0,
    cancelled_other         bigint  not null default 0,
    no_shows                bigint  not null default 0,
    primary key (month, clinic_id, service_type, profession)
);
create index observatory_clinic_month_by_network on observatory_clinic_month (local_network_code, month);
create index observatory_clinic_month_by_clinic on observatory_clinic_month (clinic_id, month);
create index observatory_clinic_month_by_region on observatory_clinic_month (region_code, month);

-- observatory_area_day summed per month.
create table observatory_area_month (
    month                   date        not null,
    level                   varchar(3)  not null check (level in ('RSS', 'RLS')),
    area_code               varchar(4)  not null,
    region_code             char(2)     not null,
    service_type            varchar(40) not null,
    profession              varchar(30) not null,
    published               bigint  not null default 0,
    published_in_person     bigint  not null default 0,
    published_phone         bigint  not null default 0,
    published_video         bigint  not null default 0,
    published_lead_0_1      bigint  not null default 0,
    published_lead_2_7      bigint  not null default 0,
    published_lead_8_30     bigint  not null default 0,
    published_lead_31_plus  bigint  not null default 0,
    offered                 bigint  not null default 0,
    used                    bigint  not null default 0,
    used_here               bigint  not null default 0,
    unused                  bigint  not null default 0,
    withdrawn               bigint  not null default 0,
    booked                  bigint  not null default 0,
    booked_patient          bigint  not null default 0,
    booked_partner          bigint  not null default 0,
    booked_desk             bigint  not null default 0,
    booked_staff            bigint  not null default 0,
    booked_waitlist         bigint  not null default 0,
    booked_other            bigint  not null default 0,
    booked_orphan           bigint  not null default 0,
    booked_stage_registered_clinic       bigint  not null default 0,
    booked_stage_registered_professional bigint  not null default 0,
    booked_stage_referred_orphan         bigint  not null default 0,
    booked_stage_age_band                bigint  not null default 0,
    booked_stage_resident_of             bigint  not null default 0,
    booked_stage_any_insured             bigint  not null default 0,
    booked_no_policy                     bigint  not null default 0,
    wait_0_1                bigint  not null default 0,
    wait_2_7                bigint  not null default 0,
    wait_8_14               bigint  not null default 0,
    wait_15_30              bigint  not null default 0,
    wait_31_60              bigint  not null default 0,
    wait_61_plus            bigint  not null default 0,
    wait_minutes_total      bigint  not null default 0,
    cancelled               bigint  not null default 0,
    cancelled_patient       bigint  not null default 0,
    cancelled_partner       bigint  not null default 0,
    cancelled_desk          bigint  not null default 0,
    cancelled_staff         bigint  not null default 0,
    cancelled_source        bigint  not null default 0,
    cancelled_other         bigint  not null default 0,
    no_shows                bigint  not null default 0,
    primary key (month, level, area_code, service_type, profession)
);
create index observatory_area_month_by_region on observatory_area_month (level, region_code, month);

-- observatory_demand_day summed per month.
create table observatory_demand_month (
    month                   date        not null,
    region_code             char(2)     not null,
    local_network_code      varchar(4)  not null,
    service_type            varchar(40) not null,
    searches                bigint      not null default 0,
    searches_unmet          bigint      not null default 0,
    waitlist_entries        bigint      not null default 0,
    exits_booked            bigint      not null default 0,
    exits_expired           bigint      not null default 0,
    exits_withdrawn         bigint      not null default 0,
    waited_minutes_total    bigint      not null default 0,
    primary key (month, region_code, local_network_code, service_type)
);
create index observatory_demand_month_by_region on observatory_demand_month (region_code, month);

-- A dashboard filtered on a service (and a profession) reads that service's day rows only.
create index observatory_area_day_by_service on observatory_area_day (level, service_type, profession, day);
create index observatory_demand_day_by_service on observatory_demand_day (service_type, day);
