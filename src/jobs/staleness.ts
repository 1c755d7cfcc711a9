import { parseExpression } from 'cron-parser';

/** The time between two consecutive runs of a schedule, measured at `from`. */
export function cronInterval(cron: string, timeZone: string, from: Date): number {
  const it = parseExpression(cron, { tz: timeZone, currentDate: from });
  const first = it.next().getTime();
  return it.next().getTime() - first;
}

/**
 * A job is stale when it has not succeeded for more than two of its intervals, counting from its last
 * success or, if it never succeeded, from when this instance started.
 */
export function isStale(
  cron: string,
  timeZone: string,
  lastSucceededAt: Date | null,
  startedAt: Date,
  now: Date,
): boolean {
  const since = lastSucceededAt ?? startedAt;
  return now.getTime() - since.getTime() > 2 * cronInterval(cron, timeZone, now);
}
