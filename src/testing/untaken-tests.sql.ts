/**
 * The scheduled tests that are due by a local day and have no sample yet, as SQL written once: the
 * flag-tests job raises test_due/test_overdue from it and the today board lists them.
 *
 * Two CTEs to place after WITH (the caller's other CTEs may follow): `policy_days`, and
 * `untaken_tests` with columns id (the stay), facility_id, person_id, room_id, bed_id, day, due_date.
 * A test day is due by `day` once the period started before the end of (day − test day + 1), a
 * timestamp worked out once per policy day rather than a local date per stay and day; then a hash
 * anti-join over the admitted stays finds the days without a sample of the current period.
 * Arguments are SQL expressions: the time zone, the local day (a date), and a condition on stays (s).
 */
export function untakenTestsCtes(p: {
  timeZone: string;
  day: string;
  stayCondition?: string;
  /**
   * The stays to look at, as a relation aliased s with the stays' columns used here, and which of them
   * still need their tests: by default the stays table and its admitted stays. The today board of a past
   * day passes the stays as they were at the end of that day.
   */
  stays?: { from: string; condition: string };
  /** Only samples taken before this instant count (a past day's board: the end of that day). */
  sampledBefore?: string;
}): string {
  const stays = p.stays ?? { from: 'stays s', condition: `s.status = 'admitted'` };
  const sampled = p.sampledBefore ? ` AND t.sampled_at < ${p.sampledBefore}` : '';
  return `policy_days AS MATERIALIZED (
         SELECT qp.id AS policy_id, day, ((${p.day}::date + 2 - day)::timestamp AT TIME ZONE ${p.timeZone}) AS due_if_started_before
           FROM quarantine_policies qp CROSS JOIN unnest(qp.test_days) AS day
       ),
       untaken_tests AS MATERIALIZED (
         SELECT s.id, s.facility_id, s.person_id, s.room_id, s.bed_id, pd.day,
                (s.period_start_at AT TIME ZONE ${p.timeZone})::date + pd.day - 1 AS due_date
           FROM ${stays.from}
           JOIN policy_days pd ON pd.policy_id = s.policy_id AND s.period_start_at < pd.due_if_started_before
          WHERE ${stays.condition} AND ${p.stayCondition ?? 'TRUE'}
            AND NOT EXISTS (
              SELECT 1 FROM test_samples t
               WHERE t.stay_id = s.id AND t.scheduled_day = pd.day AND t.sampled_at >= s.period_start_at${sampled}
            )
       )`;
}
