import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HealthRound } from '../config/health-rounds';
import { missedRoundsSql } from '../health-checks/health-checks.sql';
import { allScheduledTestsNegativeSql, openStaySql, sampleInSegmentSql, staySegmentsCtes, staysEverInFacilitiesSql } from '../stays/stay-sql';
import { untakenTestsCtes } from '../testing/untaken-tests.sql';

/** The lists of the today board, in the order the board shows them. */
export const TODAY_LISTS = [
  'arrivals',
  'testsDue',
  'testsOverdue',
  'releasesDue',
  'releasesOverdue',
  'readyForRelease',
  'healthChecksMissing',
  'positives',
] as const;
export type TodayList = (typeof TODAY_LISTS)[number];
/** What the board counts: its lists and the people in quarantine. */
export type TodayCountName = TodayList | 'inQuarantine';

export interface TodayItemRow {
  list: TodayCountName;
  facility_id: string;
  stay_id: string;
  test_day: number | null;
  due_date: string | null;
  round: string | null;
  at: Date | null;
}

export interface TodayDetailRow extends TodayItemRow {
  person_id: string;
  full_name: string;
  room_code: string;
  bed_code: string;
  classification: string;
  status: string;
}

export interface TodayCountRow {
  list: TodayCountName;
  facility_id: string;
  n: number;
}

/**
 * The today board's SQL: every list of a local day for a set of facilities, in one statement built
 * from the fragments the flag jobs use (untaken tests, the release rule, missed health rounds), so the
 * board and the alerts always agree.
 * - Today (or a day to come): the stays as they are now, "as of" now (the end of the day for a day
 *   to come: what will be due then if nothing changes).
 * - A past day: the stays as they were at the end of that day, from the records — admission, move
 *   and release times (stay_movements, as the daily report reads them), samples taken and results come
 *   in before the end of the day, health checks of that day's rounds — so a person released since is
 *   still in quarantine on it, and rooms and beds are those they held then.
 * Parameters: $1 time zone, $2 the day, $3 facility ids, $4–$6 the health rounds.
 */
@Injectable()
export class TodayRepository {
  /** Each list's rows, with the person, room and bed, for the board of one or a few facilities. */
  items(
    manager: EntityManager,
    timeZone: string,
    day: string,
    facilityIds: string[],
    rounds: HealthRound[],
    past: boolean,
  ): Promise<TodayDetailRow[]> {
    // A past day shows each stay's status at the end of that day.
    const status = past
      ? `CASE WHEN s.released_at < (SELECT as_of FROM board) THEN 'released'
              WHEN EXISTS (SELECT 1 FROM test_samples t WHERE t.stay_id = s.id AND t.result = 'positive'
                            AND t.result_at < (SELECT as_of FROM board)) THEN 'positive'
              ELSE 'admitted' END`
      : 's.status::text';
    return manager.query(
      `${past ? this.pastItemsSql() : this.currentItemsSql()}
       SELECT i.list, i.facility_id, i.stay_id, i.test_day, i.due_date::text AS due_date, i.round, i.at, s.person_id, p.full_name,
              r.code AS room_code, b.code AS bed_code, s.classification::text, ${status} AS status
         FROM items i
         JOIN stays s ON s.id = i.stay_id
         JOIN people p ON p.id = s.person_id
         JOIN rooms r ON r.id = i.room_id
         JOIN beds b ON b.id = i.bed_id
        WHERE i.list <> 'inQuarantine'
        ORDER BY i.list, r.code, b.code, i.due_date NULLS FIRST, i.test_day NULLS FIRST, i.round, s.id`,
      this.params(timeZone, day, facilityIds, rounds),
    );
  }

  /** How many rows each list has per facility (and inQuarantine), for one facility or a whole area. */
  counts(
    manager: EntityManager,
    timeZone: string,
    day: string,
    facilityIds: string[],
    rounds: HealthRound[],
    past: boolean,
  ): Promise<TodayCountRow[]> {
    return manager.query(
      `${past ? this.pastItemsSql() : this.currentItemsSql()}
       SELECT list, facility_id, count(*)::int AS n FROM items GROUP BY list, facility_id`,
      this.params(timeZone, day, facilityIds, rounds),
    );
  }

  private params(timeZone: string, day: string, facilityIds: string[], rounds: HealthRound[]): unknown[] {
    return [timeZone, day, facilityIds, rounds.map((r) => r.name), rounds.map((r) => r.startMinute), rounds.map((r) => r.endMinute)];
  }

  /** Today's board (or a day to come's), from the stays as they are now: CTE `items`. */
  private currentItemsSql(): string {
    const inFacilities = 's.facility_id = ANY($3::uuid[])';
    return `WITH board AS (
         SELECT $2::date AS d,
                CASE WHEN $2::date = (now() AT TIME ZONE $1)::date THEN now()
                     ELSE (($2::date + 1)::timestamp AT TIME ZONE $1) END AS as_of
       ),
       ${untakenTestsCtes({ timeZone: '$1', day: '$2', stayCondition: inFacilities })},
       items AS (
         SELECT 'inQuarantine' AS list, s.facility_id, s.id AS stay_id, s.room_id, s.bed_id, NULL::int AS test_day,
                NULL::date AS due_date, NULL::text AS round, NULL::timestamptz AS at
           FROM stays s CROSS JOIN board
          WHERE ${inFacilities} AND s.admitted_at <= board.as_of AND (s.released_at IS NULL OR s.released_at > board.as_of)
         UNION ALL
         SELECT 'arrivals', s.facility_id, s.id, s.room_id, s.bed_id, NULL, NULL, NULL, s.admitted_at
           FROM stays s CROSS JOIN board
          WHERE ${inFacilities} AND (s.admitted_at AT TIME ZONE $1)::date = board.d
         UNION ALL
         SELECT CASE WHEN u.due_date = $2::date THEN 'testsDue' ELSE 'testsOverdue' END, u.facility_id, u.id, u.room_id, u.bed_id,
                u.day, u.due_date, NULL, NULL
           FROM untaken_tests u
         UNION ALL
         SELECT CASE WHEN (s.expected_release_at AT TIME ZONE $1)::date = board.d THEN 'releasesDue' ELSE 'releasesOverdue' END,
                s.facility_id, s.id, s.room_id, s.bed_id, NULL, (s.expected_release_at AT TIME ZONE $1)::date, NULL, s.expected_release_at
           FROM stays s CROSS JOIN board
          WHERE ${inFacilities} AND ${openStaySql('s')} AND (s.expected_release_at AT TIME ZONE $1)::date <= board.d
         UNION ALL
         SELECT 'readyForRelease', s.facility_id, s.id, s.room_id, s.bed_id, NULL, NULL, NULL, s.expected_release_at
           FROM stays s JOIN quarantine_policies qp ON qp.id = s.policy_id CROSS JOIN board
          WHERE ${inFacilities} AND s.status = 'admitted' AND s.expected_release_at <= board.as_of
            AND ${allScheduledTestsNegativeSql('s', 'qp.test_days')}
         UNION ALL
         SELECT 'healthChecksMissing', m.facility_id, m.stay_id, m.room_id, m.bed_id, NULL, m.round_date, m.round, m.round_ends_at
           FROM (${missedRoundsSql({ timeZone: '$1', day: '$2', names: '$4', starts: '$5', ends: '$6', stayCondition: inFacilities })}) m
         UNION ALL
         SELECT 'positives', s.facility_id, s.id, s.room_id, s.bed_id, NULL, NULL, NULL, pos.at
           FROM stays s CROSS JOIN board
           LEFT JOIN LATERAL (SELECT max(t.result_at) AS at FROM test_samples t
                               WHERE t.stay_id = s.id AND t.result = 'positive') pos ON true
          WHERE ${inFacilities} AND (s.status = 'positive' OR (pos.at AT TIME ZONE $1)::date = board.d)
       )`;
  }

  /**
   * A past day's board, from the records: CTE `items`, with the same lists and columns. `day_presence`
   * holds the time each stay spent in these facilities during the day (one row per bed it held, from
   * staySegmentsCtes); `board_stays` those still there at the end of the day, where they were then,
   * and whether a positive result had come in by then (awaiting transfer, no tests due).
   */
  private pastItemsSql(): string {
    const asOf = '(SELECT as_of FROM board)';
    return `WITH board AS (
         SELECT $2::date AS d, ($2::date::timestamp AT TIME ZONE $1) AS day_start,
                (($2::date + 1)::timestamp AT TIME ZONE $1) AS as_of
       ),
       st AS (
         SELECT s.id, s.facility_id, s.room_id, s.bed_id, s.admitted_at, s.released_at
           FROM stays s CROSS JOIN board
          WHERE s.id IN (${staysEverInFacilitiesSql('$3::uuid[]')})
            AND s.admitted_at < board.as_of
            AND (s.released_at IS NULL OR s.released_at >= board.day_start
                 OR EXISTS (SELECT 1 FROM test_samples t WHERE t.stay_id = s.id AND t.result = 'positive'
                             AND t.result_at >= board.day_start AND t.result_at < board.as_of))
       ),
       ${staySegmentsCtes('st')},
       day_presence AS MATERIALIZED (
         SELECT g.stay_id AS id, g.facility_id, g.room_id, g.bed_id, g.start_at, g.end_at, g.is_first,
                s.person_id, s.policy_id, s.period_start_at, s.expected_release_at,
                EXISTS (SELECT 1 FROM test_samples t WHERE t.stay_id = s.id AND t.result = 'positive'
                         AND t.result_at < board.as_of) AS positive
           FROM stay_segments g JOIN stays s ON s.id = g.stay_id CROSS JOIN board
          WHERE g.facility_id = ANY($3::uuid[]) AND g.start_at < board.as_of
            AND (g.end_at IS NULL OR g.end_at >= board.day_start)
       ),
       board_stays AS MATERIALIZED (
         SELECT p.* FROM day_presence p CROSS JOIN board WHERE p.end_at IS NULL OR p.end_at >= board.as_of
       ),
       ${untakenTestsCtes({ timeZone: '$1', day: '$2', stays: { from: 'board_stays s', condition: 'NOT s.positive' }, sampledBefore: asOf })},
       items AS (
         SELECT 'inQuarantine' AS list, s.facility_id, s.id AS stay_id, s.room_id, s.bed_id, NULL::int AS test_day,
                NULL::date AS due_date, NULL::text AS round, NULL::timestamptz AS at
           FROM board_stays s
         UNION ALL
         SELECT 'arrivals', s.facility_id, s.id, s.room_id, s.bed_id, NULL, NULL, NULL, s.start_at
           FROM day_presence s CROSS JOIN board
          WHERE s.is_first AND s.start_at >= board.day_start
         UNION ALL
         SELECT CASE WHEN u.due_date = $2::date THEN 'testsDue' ELSE 'testsOverdue' END, u.facility_id, u.id, u.room_id, u.bed_id,
                u.day, u.due_date, NULL, NULL
           FROM untaken_tests u
         UNION ALL
         SELECT CASE WHEN (s.expected_release_at AT TIME ZONE $1)::date = board.d THEN 'releasesDue' ELSE 'releasesOverdue' END,
                s.facility_id, s.id, s.room_id, s.bed_id, NULL, (s.expected_release_at AT TIME ZONE $1)::date, NULL, s.expected_release_at
           FROM board_stays s CROSS JOIN board
          WHERE (s.expected_release_at AT TIME ZONE $1)::date <= board.d
         UNION ALL
         SELECT 'readyForRelease', s.facility_id, s.id, s.room_id, s.bed_id, NULL, NULL, NULL, s.expected_release_at
           FROM board_stays s JOIN quarantine_policies qp ON qp.id = s.policy_id CROSS JOIN board
          WHERE NOT s.positive AND s.expected_release_at <= board.as_of
            AND ${allScheduledTestsNegativeSql('s', 'qp.test_days', 'board.as_of')}
         UNION ALL
         SELECT 'healthChecksMissing', m.facility_id, m.stay_id, m.room_id, m.bed_id, NULL, m.round_date, m.round, m.round_ends_at
           FROM (${missedRoundsSql({
             timeZone: '$1',
             day: '$2',
             names: '$4',
             starts: '$5',
             ends: '$6',
             // There for the whole round: came before it began, and had not left when it ended.
             stays: { from: 'day_presence s', startedAt: 's.start_at', present: '(s.end_at IS NULL OR s.end_at >= r.ends_at)' },
           })}) m
         UNION ALL
         -- Positive and still here at the end of the day, or a positive result that day for a sample taken here.
         SELECT 'positives', x.facility_id, x.stay_id, x.room_id, x.bed_id, NULL, NULL, NULL,
                (SELECT max(t.result_at) FROM test_samples t
                  WHERE t.stay_id = x.stay_id AND t.result = 'positive' AND t.result_at < ${asOf})
           FROM (SELECT DISTINCT ON (y.stay_id) y.* FROM (
                   SELECT s.facility_id, s.id AS stay_id, s.room_id, s.bed_id, 0 AS pick FROM board_stays s WHERE s.positive
                   UNION ALL
                   SELECT g.facility_id, g.stay_id, g.room_id, g.bed_id, 1
                     FROM stay_segments g JOIN test_samples t ON t.stay_id = g.stay_id CROSS JOIN board
                    WHERE g.facility_id = ANY($3::uuid[]) AND t.result = 'positive'
                      AND t.result_at >= board.day_start AND t.result_at < board.as_of
                      AND ${sampleInSegmentSql('g', 't.sampled_at')}
                 ) y ORDER BY y.stay_id, y.pick) x
       )`;
  }
}
