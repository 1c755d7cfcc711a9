/**
 * SQL fragments about stays, written once and used by every query that needs them (flag jobs, the
 * today board, health rounds). Each takes the alias of the stays table in the caller's query.
 */

/** The stay is open: the person is still in the facility (admitted, or positive awaiting transfer). */
export function openStaySql(s: string): string {
  return `${s}.status IN ('admitted', 'positive')`;
}

/**
 * The stay's every scheduled test of its current period is taken and negative, and none is positive:
 * the test half of the release rule (release-rules.ts says the same in TypeScript). `testDays` is an
 * SQL expression for the policy's test days (e.g. qp.test_days).
 */
export function allScheduledTestsNegativeSql(s: string, testDays: string, knownBefore?: string): string {
  // For a past day (the today board), only the results that had come in by then.
  const known = knownBefore ? ` AND t.result_at < ${knownBefore}` : '';
  return `NOT EXISTS (
            SELECT 1 FROM unnest(${testDays}) AS day
             WHERE NOT EXISTS (SELECT 1 FROM test_samples t
                                WHERE t.stay_id = ${s}.id AND t.scheduled_day = day AND t.result = 'negative'
                                  AND t.sampled_at >= ${s}.period_start_at${known})
                OR EXISTS (SELECT 1 FROM test_samples t
                            WHERE t.stay_id = ${s}.id AND t.scheduled_day = day AND t.result = 'positive'
                              AND t.sampled_at >= ${s}.period_start_at${known})
          )`;
}

/**
 * The ids of the stays that are or were in these facilities (an SQL expression for a uuid[]): held
 * there now, or moved out of or into one of them. Three sets, each found by its own index; a single
 * condition with OR over stays and their movements reads every stay there is.
 */
export function staysEverInFacilitiesSql(facilityIds: string): string {
  return `SELECT id FROM stays WHERE facility_id = ANY(${facilityIds})
          UNION SELECT stay_id FROM stay_movements WHERE from_facility_id = ANY(${facilityIds})
          UNION SELECT stay_id FROM stay_movements WHERE to_facility_id = ANY(${facilityIds})`;
}

/**
 * Where each stay was, and when: two CTEs to place after WITH, over `stays` (the name of a CTE of
 * stays with columns id, facility_id, room_id, bed_id, admitted_at, released_at). The stay row holds
 * where the person is now and stay_movements where they were before, so each stay is cut into
 * segments, one per bed it held: from its admission (or the move that brought it) to the next move
 * (or its release). `stay_segments` has columns stay_id, facility_id, room_id, bed_id, start_at,
 * end_at (null while open), is_first (it starts with the admission) and is_last (it ends with the
 * release, or is still open). The daily report and the today board of a past day read the past from it.
 */
export function staySegmentsCtes(stays: string): string {
  return `stay_moves AS (
         SELECT m.stay_id, m.from_facility_id, m.from_room_id, m.from_bed_id, m.to_facility_id, m.to_room_id, m.to_bed_id, m.moved_at,
                row_number() OVER w AS rn, lead(m.moved_at) OVER w AS next_at
           FROM stay_movements m JOIN ${stays} st ON st.id = m.stay_id
         WINDOW w AS (PARTITION BY m.stay_id ORDER BY m.moved_at, m.id)
       ), stay_segments AS (
         SELECT st.id AS stay_id, coalesce(mv.from_facility_id, st.facility_id) AS facility_id,
                coalesce(mv.from_room_id, st.room_id) AS room_id, coalesce(mv.from_bed_id, st.bed_id) AS bed_id,
                st.admitted_at AS start_at, true AS is_first,
                coalesce(mv.moved_at, st.released_at) AS end_at, mv.moved_at IS NULL AS is_last
           FROM ${stays} st LEFT JOIN stay_moves mv ON mv.stay_id = st.id AND mv.rn = 1
         UNION ALL
         SELECT mv.stay_id, mv.to_facility_id, mv.to_room_id, mv.to_bed_id, mv.moved_at, false,
                coalesce(mv.next_at, st.released_at), mv.next_at IS NULL
           FROM stay_moves mv JOIN ${stays} st ON st.id = mv.stay_id
       )`;
}

/**
 * A sample counts for the segment (alias g, of stay_segments) the person was in when it was taken;
 * one taken before the admission counts for the first, one after the release (a late sample) for the last.
 */
export function sampleInSegmentSql(g: string, sampledAt: string): string {
  return `((${g}.start_at <= ${sampledAt} AND (${g}.end_at IS NULL OR ${sampledAt} < ${g}.end_at))
             OR (${g}.is_first AND ${sampledAt} < ${g}.start_at)
             OR (${g}.is_last AND ${sampledAt} >= ${g}.end_at))`;
}

/** The local day (a date) of a timestamptz expression, in the time zone given as an SQL expression. */
export function localDaySql(instant: string, timeZone: string): string {
  return `(${instant} AT TIME ZONE ${timeZone})::date`;
}
