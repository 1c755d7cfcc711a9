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

/** Home monitoring runs for `days` local days after the day of release. */
export function homeMonitoringUntil(releaseDay: string, days: number): string {
  return addDays(releaseDay, days);
}
