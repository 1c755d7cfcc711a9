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
export function allScheduledTestsNegativeSql(s: string, testDays: string): string {
  return `NOT EXISTS (
            SELECT 1 FROM unnest(${testDays}) AS day
             WHERE NOT EXISTS (SELECT 1 FROM test_samples t
                                WHERE t.stay_id = ${s}.id AND t.scheduled_day = day AND t.result = 'negative'
                                  AND t.sampled_at >= ${s}.period_start_at)
                OR EXISTS (SELECT 1 FROM test_samples t
                            WHERE t.stay_id = ${s}.id AND t.scheduled_day = day AND t.result = 'positive'
                              AND t.sampled_at >= ${s}.period_start_at)
          )`;
}

/** The local day (a date) of a timestamptz expression, in the time zone given as an SQL expression. */
export function localDaySql(instant: string, timeZone: string): string {
  return `(${instant} AT TIME ZONE ${timeZone})::date`;
}
