import { addDays, daysBetween } from '../common/time/local-date';

/** What a committee's daily bulletin counts, for one facility, one unit or the whole area, on one day. */
export interface DailyFigures {
  /** Stays open at the end of the day. */
  inQuarantine: number;
  admitted: number;
  released: number;
  transferredIn: number;
  transferredOut: number;
  /** Positive results that came in that day. */
  positives: number;
  testsSampled: number;
  /** Samples taken by the end of the day whose result had not come in by then. */
  resultsPending: number;
  /** Beds registered by the end of the day (a bed that held someone earlier counts from then). */
  bedsTotal: number;
  /** Beds holding an open stay at the end of the day: one per stay, so equal to inQuarantine. */
  bedsOccupied: number;
}

/** The kinds of event the report counts, each at its own instant (see ReportsRepository.events). */
export type EventKind =
  | 'admitted'
  | 'released'
  | 'transferredIn'
  | 'transferredOut'
  | 'sampled'
  | 'resulted'
  | 'positive'
  | 'bed';

/**
 * Events of one facility counted per local day. Events before the first day of a range are counted
 * on the day before it: they only set the starting stocks (in quarantine, pending, beds).
 */
export interface EventCount {
  facilityId: string;
  day: string;
  kind: EventKind;
  n: number;
}

export function zeroFigures(): DailyFigures {
  return {
    inQuarantine: 0,
    admitted: 0,
    released: 0,
    transferredIn: 0,
    transferredOut: 0,
    positives: 0,
    testsSampled: 0,
    resultsPending: 0,
    bedsTotal: 0,
    bedsOccupied: 0,
  };
}

export function addFigures(a: DailyFigures, b: DailyFigures): DailyFigures {
  const sum = zeroFigures();
  for (const key of Object.keys(sum) as (keyof DailyFigures)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

/**
 * Turns event counts into one row of figures per facility per day of [from, to]. Flows (admitted,
 * released, …) are the day's events; stocks (in quarantine, pending, beds) are running sums of every
 * event up to the end of the day, so that each day's stock is the previous one plus the day's flows.
 */
export function foldDailyFigures(
  facilityIds: string[],
  from: string,
  to: string,
  events: Iterable<EventCount>,
): Map<string, DailyFigures[]> {
  const days = daysFrom(from, to);
  const index = new Map(days.map((d, i) => [d, i + 1]));
  const before = addDays(from, -1);
  index.set(before, 0);
  const deltas = new Map(facilityIds.map((id) => [id, Array.from({ length: days.length + 1 }, () => new Map<EventKind, number>())]));
  for (const e of events) {
    const slot = index.get(e.day);
    const perDay = deltas.get(e.facilityId);
    if (slot === undefined || !perDay) continue;
    perDay[slot].set(e.kind, (perDay[slot].get(e.kind) ?? 0) + e.n);
  }

  const result = new Map<string, DailyFigures[]>();
  for (const [facilityId, perDay] of deltas) {
    let open = 0;
    let pending = 0;
    let beds = 0;
    const rows: DailyFigures[] = [];
    perDay.forEach((counts, slot) => {
      const n = (kind: EventKind) => counts.get(kind) ?? 0;
      open += n('admitted') + n('transferredIn') - n('released') - n('transferredOut');
      pending += n('sampled') - n('resulted');
      beds += n('bed');
      if (slot === 0) return;
      rows.push({
        inQuarantine: open,
        admitted: n('admitted'),
        released: n('released'),
        transferredIn: n('transferredIn'),
        transferredOut: n('transferredOut'),
        positives: n('positive'),
        testsSampled: n('sampled'),
        resultsPending: pending,
        bedsTotal: beds,
        bedsOccupied: open,
      });
    });
    result.set(facilityId, rows);
  }
  return result;
}
