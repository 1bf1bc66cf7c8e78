-- Rollup rows with known values for the tiny province (RSS 11; ObservatoryIT's expectations are worked out from them),
-- in March 2024, days no recorder of a test run writes. Clinics (seed 20260101): A = aa15a1c5 GMF New Richmond and
-- B = 3b03884c (RLS 1111), C = d4501a4a CLSC Cap-Chat (RLS 1112), D = dbf52a0a (RLS 1121), E = 2587fabb (RLS 1111).
-- The RLS and RSS rows are the sums of the clinic rows, as the recorder writes them; RSS 05 has a region row only.
delete from observatory_clinic_day where day between '2024-01-01' and '2024-12-31';
delete from observatory_area_day where day between '2024-01-01' and '2024-12-31';
delete from observatory_demand_day where day between '2024-01-01' and '2024-12-31';
delete from observatory_access_day where day between '2024-01-01' and '2024-12-31';
delete from observatory_source_day where day between '2024-01-01' and '2024-12-31';
delete from observatory_quarantine_day where day between '2024-01-01' and '2024-12-31';
delete from observatory_fairness_day where day between '2024-01-01' and '2024-12-31';

-- r1: A, 1 March, follow-up, physician
insert into observatory_clinic_day (day, clinic_id, region_code, local_network_code, service_type, profession, published,
    published_in_person, published_phone, offered, used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1,
    wait_2_7, wait_8_14, wait_minutes_total, no_shows)
values ('2024-03-01', 'aa15a1c5-80b7-3fc1-bfa8-d691947ed836', '11', '1111', 'follow-up', 'PHYSICIAN', 40, 30, 10, 30, 24, 6, 20, 12, 8, 10,
    5, 15, 0, 86400, 0);
-- r2: A, 3 March, follow-up, nurse
insert into observatory_clinic_day (day, clinic_id, region_code, local_network_code, service_type, profession, published,
    published_in_person, published_phone, offered, used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1,
    wait_2_7, wait_8_14, wait_minutes_total, no_shows)
values ('2024-03-03', 'aa15a1c5-80b7-3fc1-bfa8-d691947ed836', '11', '1111', 'follow-up', 'NURSE', 10, 10, 0, 10, 7, 3, 7, 7, 0, 0,
    7, 0, 0, 10080, 0);
-- r3: B, 1 March, vaccination, nurse
insert into observatory_clinic_day (day, clinic_id, region_code, local_network_code, service_type, profession, published,
    published_in_person, published_phone, offered, used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1,
    wait_2_7, wait_8_14, wait_minutes_total, no_shows)
values ('2024-03-01', '3b03884c-9b1b-36e1-ac60-9c191c9ff187', '11', '1111', 'vaccination', 'NURSE', 20, 20, 0, 20, 20, 0, 20, 20, 0, 5,
    0, 20, 0, 57600, 3);
-- r4: C, 5 March, follow-up, physician
insert into observatory_clinic_day (day, clinic_id, region_code, local_network_code, service_type, profession, published,
    published_in_person, published_phone, offered, used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1,
    wait_2_7, wait_8_14, wait_minutes_total, no_shows)
values ('2024-03-05', 'd4501a4a-91c8-37f1-a338-ae5da0a1a1e4', '11', '1112', 'follow-up', 'PHYSICIAN', 8, 0, 8, 8, 6, 2, 6, 0, 6, 6,
    0, 0, 6, 86400, 0);

-- The same rows summed per RLS (1111: r1, r2, r3; 1112: r4) and per RSS (11: all four; they differ by day, service or profession).
insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, published, published_in_person,
    published_phone, offered, used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1, wait_2_7, wait_8_14,
    wait_minutes_total, no_shows)
select day, 'RLS', local_network_code, region_code, service_type, profession, published, published_in_person, published_phone, offered,
    used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1, wait_2_7, wait_8_14, wait_minutes_total, no_shows
from observatory_clinic_day where day between '2024-03-01' and '2024-03-31';
insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, published, published_in_person,
    published_phone, offered, used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1, wait_2_7, wait_8_14,
    wait_minutes_total, no_shows)
select day, 'RSS', region_code, region_code, service_type, profession, published, published_in_person, published_phone, offered,
    used, unused, booked, booked_patient, booked_desk, booked_orphan, wait_0_1, wait_2_7, wait_8_14, wait_minutes_total, no_shows
from observatory_clinic_day where day between '2024-03-01' and '2024-03-31';
-- Estrie (RSS 05): a region row only (no clinic of the tiny province is there).
insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, published, published_in_person,
    offered, used, unused, booked, booked_patient, booked_orphan, wait_0_1, wait_minutes_total, no_shows)
values ('2024-03-02', 'RSS', '05', '05', 'follow-up', 'PHYSICIAN', 100, 100, 100, 90, 10, 50, 50, 25, 50, 72000, 10);

insert into observatory_demand_day (day, region_code, local_network_code, service_type, searches, searches_unmet, waitlist_entries,
    exits_booked, exits_expired, exits_withdrawn, waited_minutes_total)
values ('2024-03-01', '11', '1111', 'follow-up', 50, 10, 6, 5, 0, 1, 34560),
       ('2024-03-02', '11', '', '', 20, 2, 0, 0, 0, 0, 0),
       ('2024-03-04', '11', '1112', 'follow-up', 7, 7, 0, 0, 0, 0, 0),
       ('2024-03-02', '05', '', 'follow-up', 100, 30, 0, 0, 0, 0, 0);

-- Third next available: each clinic's last measure in 1-10 March is A 2880 (6 March), B none (2 March), C 600, D 4000,
-- E 100 (3 March; its 20 March measure is outside).
insert into observatory_access_day (day, clinic_id, region_code, local_network_code, third_next_minutes, free_ahead, measured_at)
values ('2024-03-01', 'aa15a1c5-80b7-3fc1-bfa8-d691947ed836', '11', '1111', 1440, 12, '2024-03-01 20:00:00+00:00'),
       ('2024-03-06', 'aa15a1c5-80b7-3fc1-bfa8-d691947ed836', '11', '1111', 2880, 9, '2024-03-06 20:00:00+00:00'),
       ('2024-03-02', '3b03884c-9b1b-36e1-ac60-9c191c9ff187', '11', '1111', null, 2, '2024-03-02 20:00:00+00:00'),
       ('2024-03-05', 'd4501a4a-91c8-37f1-a338-ae5da0a1a1e4', '11', '1112', 600, 30, '2024-03-05 20:00:00+00:00'),
       ('2024-03-07', 'dbf52a0a-f097-39d4-9a7e-fa14b1dd3821', '11', '1121', 4000, 7, '2024-03-07 20:00:00+00:00'),
       ('2024-03-03', '2587fabb-2eb6-358e-873d-b92ca5b095e0', '11', '1111', 100, 40, '2024-03-03 20:00:00+00:00'),
       ('2024-03-20', '2587fabb-2eb6-358e-873d-b92ca5b095e0', '11', '1111', 5, 41, '2024-03-20 20:00:00+00:00');

insert into observatory_source_day (day, source_system, lag_samples, lag_seconds_total, lag_seconds_max)
values ('2024-03-01', 'RVSQ', 10, 600, 120),
       ('2024-03-02', 'RVSQ', 10, 400, 90),
       ('2024-03-01', 'OMNIMED', 5, 5000, 3000);
insert into observatory_quarantine_day (day, source_system, reason, quarantined)
values ('2024-03-01', 'RVSQ', 'unknown service code', 7),
       ('2024-03-02', 'RVSQ', 'missing practitioner', 2),
       ('2024-03-03', 'CHRONOMETRIC', 'bad date', 1);

insert into observatory_fairness_day (day, signal, actor_kind, flags)
values ('2024-03-01', 'HOLD_CHURN', 'PARTNER', 6),
       ('2024-03-02', 'HOLD_CHURN', 'PARTNER', 2),
       ('2024-03-02', 'MANY_BOOKINGS_PER_IDENTITY', 'PATIENT', 3);
