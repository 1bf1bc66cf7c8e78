-- Issue #5: the NAM is stored protected, in the registry of insured people only (identity_person: keyed hash and
-- encryption). An appointment keeps its patient's registry id; a booking or cancellation sent again asks the registry
-- for the NAM and names (booking's PatientRecords port). Runs unchanged on PostgreSQL and on H2.
alter table booking_appointment drop column nam;
alter table booking_appointment drop column family_name;
alter table booking_appointment drop column given_name;
