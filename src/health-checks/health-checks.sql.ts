import { openStaySql } from '../stays/stay-sql';

/** The health rounds as SQL parameters: three parallel arrays. */
export interface RoundParams {
  names: string[];
  starts: number[];
  ends: number[];
}

/**
 * The (open stay, round) pairs without a health check, for the rounds of local day `day` that have
 * ended by now: what the flag-health-checks job raises and the today board lists. A stay counts for a
 * round only if it was admitted before the round began. Every argument is an SQL expression (usually
 * a parameter): the time zone, the day (a date), the rounds' names, start and end minutes (text[],
 * int[], int[]); `stayCondition` narrows the stays (alias s).
 * Columns: stay_id, facility_id, person_id, room_id, bed_id, round, round_date, round_ends_at.
 */
export function missedRoundsSql(p: {
  timeZone: string;
  day: string;
  names: string;
  starts: string;
  ends: string;
  stayCondition?: string;
  /**
   * Where the stays come from (alias s, with the stays' id, facility_id, person_id, room_id, bed_id),
   * when each began (`startedAt`) and whether it was still there at the end of round r (`present`):
   * by default the stays table and its open stays. The today board of a past day passes the stays'
   * segments in the facility that day.
   */
  stays?: { from: string; startedAt: string; present: string };
}): string {
  const stays = p.stays ?? { from: 'stays s', startedAt: 's.admitted_at', present: openStaySql('s') };
  return `SELECT s.id AS stay_id, s.facility_id, s.person_id, s.room_id, s.bed_id, r.name AS round,
                 ${p.day}::date AS round_date, r.ends_at AS round_ends_at
            FROM (SELECT name, ((${p.day}::date + st * interval '1 minute') AT TIME ZONE ${p.timeZone}) AS starts_at,
                         ((${p.day}::date + en * interval '1 minute') AT TIME ZONE ${p.timeZone}) AS ends_at
                    FROM unnest(${p.names}::text[], ${p.starts}::int[], ${p.ends}::int[]) AS x(name, st, en)) r
            JOIN ${stays.from} ON ${stays.startedAt} < r.starts_at
           WHERE r.ends_at <= now() AND ${stays.present} AND ${p.stayCondition ?? 'TRUE'}
             AND NOT EXISTS (SELECT 1 FROM health_checks h
                              WHERE h.stay_id = s.id AND h.round_date = ${p.day}::date AND h.round = r.name)`;
}

/** The subject key of a missed round's alert; a late check for that round resolves it at once. */
export function missedRoundKey(stayId: string, roundDate: string, round: string): string {
  return `stay:${stayId}:round:${roundDate}:${round}`;
}

/** missedRoundKey() in SQL, over columns or parameters. */
export function missedRoundKeySql(stayId: string, roundDate: string, round: string): string {
  return `'stay:' || ${stayId} || ':round:' || ${roundDate} || ':' || ${round}`;
}
