import { addDays } from '../common/time/local-date';

const DAY_MS = 86_400_000;

export interface ScheduledTest {
  /** The policy day (day 1 = first day of the period). */
  day: number;
  /** The local calendar day the sample is due, YYYY-MM-DD. */
  dueDate: string;
}

/** Which sample is due on which local day, for a period starting on `periodStartDay`. */
export function scheduleTests(periodStartDay: string, testDays: readonly number[]): ScheduledTest[] {
  return [...new Set(testDays)].sort((a, b) => a - b).map((day) => ({ day, dueDate: addDays(periodStartDay, day - 1) }));
}

/** The full period is served `durationDays` after it started (to the minute). */
export function expectedReleaseAt(periodStartAt: Date, durationDays: number): Date {
  return new Date(periodStartAt.getTime() + durationDays * DAY_MS);
}

/**
 * expectedReleaseAt() as a SQL expression, for set-based updates: the same `durationDays` × 24 h.
 * Both arguments are SQL (parameters or columns); the period start must be a timestamptz.
 */
export function expectedReleaseAtSql(periodStartAt: string, durationDays: string): string {
  return `(${periodStartAt} + ${durationDays} * interval '24 hours')`;
}

/**
 * The last local day of home monitoring after a release (theo dõi sức khỏe tại nhà): the one rule, used
 * when a stay is released (stays.home_monitoring_until), on the release certificate and by the
 * committee's home-monitoring list. Monitoring runs for `homeMonitoringDays` (the policy's: 14 days for
 * F1 not fully vaccinated, 7 for vaccinated or recovered, as in 2021) local days after the day of
 * release: released on 1 August with 14 days, monitored to 15 August inclusive. Day N after release is
 * releaseDay + N, so the post-release test "on day 7" (Công điện 597 and 600/CĐ-BCĐ) falls within it.
 */
export function homeMonitoringUntil(releaseDay: string, homeMonitoringDays: number): string {
  return addDays(releaseDay, homeMonitoringDays);
}

/** The local days on which the post-release tests are due: releaseDay + N for each policy day N. */
export function postReleaseTestDates(releaseDay: string, postReleaseTestDays: readonly number[]): { day: number; dueDate: string }[] {
  return [...new Set(postReleaseTestDays)].sort((a, b) => a - b).map((day) => ({ day, dueDate: addDays(releaseDay, day) }));
}
