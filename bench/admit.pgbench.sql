-- One admission as raw SQL, for pgbench: the database work of StaysService.admit for a new person
-- (POST /api/v1/stays with an Idempotency-Key, placed by the system), statement for statement, in the
-- same order and with the same locks, one round trip each. Run by bench/admit.ts with -M extended
-- (parameters sent separately, as node-postgres does).
--
-- Not mirrored: the user lookup of the auth guard (one query per request, outside the transaction);
-- that and everything in Node.js is the HTTP path's own cost, which is what the benchmark measures.
-- The scope condition folded into the facility lock is TRUE for an admin and left out here.
--
-- Variables set with -D: admin (user id), n=0 (per-client counter), per_client (transactions per
-- client), facilities and ffirst (which bench facilities), tag (prefix of generated ID numbers).

\set i :client_id * :per_client + :n
\set f :ffirst + :i % :facilities
\set male 1 - (:i / :facilities) % 2
\set k random(100000000000, 999999999999)

BEGIN;

-- IdempotencyService.run: the key is marked in flight and a previous answer looked for, in one call.
SELECT locked, request_hash, status_code, response_body FROM idempotency_claim(:admin, 'bench-key-' || :k::text);

-- The facility, locked against closing while we admit into it (FOR SHARE), the policy in force for
-- F1, not fully vaccinated (a new person's status is known before they are stored), and the new
-- person (PeopleService.insertStatement: it finds a taken ID number itself, ON CONFLICT), in one
-- statement; the person's audit entry is written with the stay's, below. The service reads the policy
-- and the person as jsonb columns and computes the stay's id and times in Node.js; pgbench cannot read
-- jsonb, so here they come as plain columns (a little less work for the database than the service's
-- form), the id and times as columns of this statement, at no extra round trip.
WITH new_person AS (
  INSERT INTO people (full_name, search_name, sex, birth_year, id_number, phone, phone_digits, vaccination_doses)
  VALUES ('Nguyễn Văn ' || :k::text, 'nguyen van ' || :k::text,
          (CASE WHEN :male = 1 THEN 'male' ELSE 'female' END)::person_sex,
          1985, :tag::text || lpad(:i::text, 8, '0'), '0912345678', '0912345678', 0)
  ON CONFLICT DO NOTHING
  RETURNING *
)
SELECT f.*, f.id AS facility_id, pol.id AS policy_id, pol.duration_days, pol.test_days, pol.home_monitoring_days,
       np.id AS person_id, np.sex, np.vaccination_doses,
       now() AS admitted_at, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS cohort_date,
       now() + make_interval(days => pol.duration_days) AS expected_release_at,
       (:tag::text || '0000-0000-4000-8000-' || lpad(:i::text, 12, '0'))::uuid AS stay_id
  FROM facilities f
  LEFT JOIN LATERAL (SELECT p.id, p.duration_days, p.test_days, p.home_monitoring_days FROM quarantine_policies p
                      WHERE p.classification = 'F1' AND p.vaccinated = false AND p.effective_from <= now()
                      ORDER BY p.effective_from DESC LIMIT 1) pol ON TRUE
  LEFT JOIN new_person np ON TRUE
 WHERE f.id = ('b0000000-0000-4000-8000-' || lpad(:f::text, 12, '0'))::uuid AND (TRUE)
   FOR SHARE OF f \gset

-- (No open-stay check: the service skips it for a person created in this very transaction.)

-- BedAllocator.pickBed: the best room, chosen and locked in one statement, a free bed taken if its occupants still fit. Another
-- admission may fill the chosen room first; like the service, try the next best room (up to 3 here).
SELECT r.id AS room_id, r.code AS room_code, r.sex_policy
  FROM rooms r
  LEFT JOIN LATERAL (
    SELECT count(*) AS n,
           bool_and(s.cohort_date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (s.classification = 'F0') = false) AS fits
      FROM stays s
     WHERE s.room_id = r.id AND s.status IN ('admitted', 'positive')
       AND s.id IS DISTINCT FROM NULL::uuid
  ) occ ON TRUE
 WHERE r.facility_id = :facility_id
   AND r.sex_policy IN ('mixed', :sex::room_sex_policy)
   AND (occ.n = 0 OR occ.fits)
   AND r.id <> ALL('{}'::uuid[])
   AND EXISTS (SELECT 1 FROM beds b WHERE b.room_id = r.id AND b.status = 'available')
 ORDER BY (occ.n > 0) DESC, (r.sex_policy = 'mixed') ASC, r.code
 LIMIT 1
   FOR UPDATE OF r \gset
WITH b AS (UPDATE beds SET status = 'occupied', updated_at = now()
            WHERE id = (SELECT id FROM beds WHERE room_id = :room_id AND status = 'available'
                         ORDER BY code LIMIT 1 FOR UPDATE SKIP LOCKED)
              AND status = 'available'
              AND NOT EXISTS (SELECT 1 FROM stays s
                               WHERE s.room_id = :room_id AND s.status IN ('admitted', 'positive') AND s.id IS DISTINCT FROM NULL::uuid
                                 AND NOT (s.cohort_date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (s.classification = 'F0') = false))
        RETURNING id, code)
SELECT count(*) AS got, max(id::text) AS bed_id, max(code) AS bed_code FROM b \gset

\if :got = 0
SELECT :room_id AS tried1 \gset
SELECT r.id AS room_id, r.code AS room_code, r.sex_policy
  FROM rooms r
  LEFT JOIN LATERAL (
    SELECT count(*) AS n,
           bool_and(s.cohort_date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (s.classification = 'F0') = false) AS fits
      FROM stays s
     WHERE s.room_id = r.id AND s.status IN ('admitted', 'positive')
       AND s.id IS DISTINCT FROM NULL::uuid
  ) occ ON TRUE
 WHERE r.facility_id = :facility_id
   AND r.sex_policy IN ('mixed', :sex::room_sex_policy)
   AND (occ.n = 0 OR occ.fits)
   AND r.id <> ALL(ARRAY[:tried1]::uuid[])
   AND EXISTS (SELECT 1 FROM beds b WHERE b.room_id = r.id AND b.status = 'available')
 ORDER BY (occ.n > 0) DESC, (r.sex_policy = 'mixed') ASC, r.code
 LIMIT 1
   FOR UPDATE OF r \gset
WITH b AS (UPDATE beds SET status = 'occupied', updated_at = now()
            WHERE id = (SELECT id FROM beds WHERE room_id = :room_id AND status = 'available'
                         ORDER BY code LIMIT 1 FOR UPDATE SKIP LOCKED)
              AND status = 'available'
              AND NOT EXISTS (SELECT 1 FROM stays s
                               WHERE s.room_id = :room_id AND s.status IN ('admitted', 'positive') AND s.id IS DISTINCT FROM NULL::uuid
                                 AND NOT (s.cohort_date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (s.classification = 'F0') = false))
        RETURNING id, code)
SELECT count(*) AS got, max(id::text) AS bed_id, max(code) AS bed_code FROM b \gset
\endif

\if :got = 0
SELECT r.id AS room_id, r.code AS room_code, r.sex_policy
  FROM rooms r
  LEFT JOIN LATERAL (
    SELECT count(*) AS n,
           bool_and(s.cohort_date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (s.classification = 'F0') = false) AS fits
      FROM stays s
     WHERE s.room_id = r.id AND s.status IN ('admitted', 'positive')
       AND s.id IS DISTINCT FROM NULL::uuid
  ) occ ON TRUE
 WHERE r.facility_id = :facility_id
   AND r.sex_policy IN ('mixed', :sex::room_sex_policy)
   AND (occ.n = 0 OR occ.fits)
   AND r.id <> ALL(ARRAY[:tried1, :room_id]::uuid[])
   AND EXISTS (SELECT 1 FROM beds b WHERE b.room_id = r.id AND b.status = 'available')
 ORDER BY (occ.n > 0) DESC, (r.sex_policy = 'mixed') ASC, r.code
 LIMIT 1
   FOR UPDATE OF r \gset
WITH b AS (UPDATE beds SET status = 'occupied', updated_at = now()
            WHERE id = (SELECT id FROM beds WHERE room_id = :room_id AND status = 'available'
                         ORDER BY code LIMIT 1 FOR UPDATE SKIP LOCKED)
              AND status = 'available'
              AND NOT EXISTS (SELECT 1 FROM stays s
                               WHERE s.room_id = :room_id AND s.status IN ('admitted', 'positive') AND s.id IS DISTINCT FROM NULL::uuid
                                 AND NOT (s.cohort_date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (s.classification = 'F0') = false))
        RETURNING id, code)
SELECT count(*) AS got, max(id::text) AS bed_id, max(code) AS bed_code FROM b \gset
\endif

-- Still no bed after three rooms (only under heavy contention for the same rooms): start the whole
-- transaction again, as pgbench does on a serialization failure (--max-tries). That is more work
-- than the service's loop, never less; the bench prints how many transactions were retried.
\if :got = 0
DO $$ BEGIN RAISE EXCEPTION 'no free bed in three rooms' USING ERRCODE = 'serialization_failure'; END $$;
\endif

-- The stay, with an id of its own (the service makes one in Node.js), the audit entries of the person
-- and the stay, and the stored answer under the Idempotency-Key: one statement (combinedWrite).
WITH write_1 AS (
  INSERT INTO stays (id, person_id, facility_id, room_id, bed_id, classification, vaccinated, policy_id, status,
                     admitted_at, cohort_date, period_start_at, expected_release_at, released_at, release_override_reason,
                     release_outcome, release_destination, positive_after_release_at, home_monitoring_until, exposure_source_stay_id)
  VALUES (:stay_id, :person_id, :facility_id, :room_id, :bed_id,
          'F1', false, :policy_id, 'admitted', :admitted_at, :cohort_date, :admitted_at, :expected_release_at,
          NULL, NULL, NULL, NULL, NULL, NULL, NULL)),
write_2 AS (
  INSERT INTO audit_events (actor_id, action, entity_type, entity_id, stay_id, person_id, facility_id, after)
  VALUES (:admin, 'person.created', 'person', :person_id, NULL, :person_id, NULL,
        jsonb_build_object('id', :person_id::text, 'fullName', 'Nguyễn Văn ' || :k::text, 'sex', :sex::text, 'dateOfBirth', NULL,
                           'birthYear', 1985, 'idNumber', :tag::text || lpad(:i::text, 8, '0'), 'phone', '0912345678',
                           'residenceAdminUnitCode', NULL, 'address', NULL, 'vaccinationDoses', 0, 'notes', NULL)),
       (:admin, 'stay.admitted', 'stay', :stay_id, :stay_id, :person_id, :facility_id,
        jsonb_build_object('status', 'admitted', 'classification', 'F1', 'facilityId', :facility_id::text,
                           'roomId', :room_id::text, 'bedId', :bed_id::text, 'roomCode', :room_code::text, 'bedCode', :bed_code::text,
                           'policyId', :policy_id::text, 'admittedAt', :admitted_at::text, 'periodStartAt', :admitted_at::text,
                           'expectedReleaseAt', :expected_release_at::text, 'releasedAt', NULL,
                           'releaseOverrideReason', NULL, 'homeMonitoringUntil', NULL)))
INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body)
VALUES (:admin, 'bench-key-' || :k::text, md5(:k::text) || md5(:i::text), 201,
        jsonb_build_object(
          'id', :stay_id::text,
          'person', jsonb_build_object('id', :person_id::text, 'fullName', 'Nguyễn Văn ' || :k::text, 'sex', :sex::text,
                                       'dateOfBirth', NULL, 'birthYear', 1985,
                                       'idNumber', :tag::text || lpad(:i::text, 8, '0'), 'phone', '0912345678',
                                       'residenceAdminUnitCode', NULL, 'address', NULL, 'vaccinationDoses', 0,
                                       'notes', NULL),
          'facilityId', :facility_id::text, 'roomId', :room_id::text, 'bedId', :bed_id::text, 'roomCode', :room_code::text,
          'bedCode', :bed_code::text, 'classification', 'F1', 'vaccinated', false, 'status', 'admitted',
          'admittedAt', :admitted_at::text, 'cohortDate', :cohort_date::text, 'periodStartAt', :admitted_at::text,
          'expectedReleaseAt', :expected_release_at::text, 'releasedAt', NULL, 'releaseOverrideReason', NULL,
          'homeMonitoringUntil', NULL, 'exposureSourceStayId', NULL,
          'policy', jsonb_build_object('id', :policy_id::text, 'classification', 'F1', 'vaccinated', false,
                                       'durationDays', :duration_days::int, 'testDays', :test_days::int[],
                                       'homeMonitoringDays', :home_monitoring_days::int),
          'scheduledTests', jsonb_build_array(
            jsonb_build_object('day', 1, 'dueDate', :cohort_date::text),
            jsonb_build_object('day', 7, 'dueDate', (:cohort_date::date + 6)::text),
            jsonb_build_object('day', 14, 'dueDate', (:cohort_date::date + 13)::text))));

COMMIT;

-- Counted only once the admission is in: a retried transaction keeps its number.
\set n :n + 1
