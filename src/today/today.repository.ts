import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HealthRound } from '../config/health-rounds';
import { missedRoundsSql } from '../health-checks/health-checks.sql';
import { allScheduledTestsNegativeSql, openStaySql } from '../stays/stay-sql';
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
 * board and the alerts always agree. "As of" is now for today, and the end of the day for another day.
 * Parameters: $1 time zone, $2 the day, $3 facility ids, $4–$6 the health rounds.
 */
@Injectable()
export class TodayRepository {
  /** Each list's rows, with the person, room and bed, for the board of one or a few facilities. */
  items(manager: EntityManager, timeZone: string, day: string, facilityIds: string[], rounds: HealthRound[]): Promise<TodayDetailRow[]> {
    return manager.query(
      `${this.itemsSql()}
       SELECT i.list, i.facility_id, i.stay_id, i.test_day, i.due_date::text AS due_date, i.round, i.at, s.person_id, p.full_name, r.code AS room_code, b.code AS bed_code, s.classification::text, s.status::text
         FROM items i
         JOIN stays s ON s.id = i.stay_id
         JOIN people p ON p.id = s.person_id
         JOIN rooms r ON r.id = s.room_id
         JOIN beds b ON b.id = s.bed_id
        WHERE i.list <> 'inQuarantine'
        ORDER BY i.list, r.code, b.code, i.due_date NULLS FIRST, i.test_day NULLS FIRST, i.round, s.id`,
      this.params(timeZone, day, facilityIds, rounds),
    );
  }

  /** How many rows each list has per facility (and inQuarantine), for one facility or a whole area. */
  counts(manager: EntityManager, timeZone: string, day: string, facilityIds: string[], rounds: HealthRound[]): Promise<TodayCountRow[]> {
    return manager.query(
      `${this.itemsSql()}
       SELECT list, facility_id, count(*)::int AS n FROM items GROUP BY list, facility_id`,
      this.params(timeZone, day, facilityIds, rounds),
    );
  }

  private params(timeZone: string, day: string, facilityIds: string[], rounds: HealthRound[]): unknown[] {
    return [timeZone, day, facilityIds, rounds.map((r) => r.name), rounds.map((r) => r.startMinute), rounds.map((r) => r.endMinute)];
  }

  private itemsSql(): string {
    const inFacilities = 's.facility_id = ANY($3::uuid[])';
    return `WITH board AS (
         SELECT $2::date AS d,
                CASE WHEN $2::date = (now() AT TIME ZONE $1)::date THEN now()
                     ELSE (($2::date + 1)::timestamp AT TIME ZONE $1) END AS as_of
       ),
       ${untakenTestsCtes({ timeZone: '$1', day: '$2', stayCondition: inFacilities })},
       items AS (
         SELECT 'inQuarantine' AS list, s.facility_id, s.id AS stay_id, NULL::int AS test_day, NULL::date AS due_date,
                NULL::text AS round, NULL::timestamptz AS at
           FROM stays s CROSS JOIN board
          WHERE ${inFacilities} AND s.admitted_at <= board.as_of AND (s.released_at IS NULL OR s.released_at > board.as_of)
         UNION ALL
         SELECT 'arrivals', s.facility_id, s.id, NULL, NULL, NULL, s.admitted_at
           FROM stays s CROSS JOIN board
          WHERE ${inFacilities} AND (s.admitted_at AT TIME ZONE $1)::date = board.d
         UNION ALL
         SELECT CASE WHEN u.due_date = $2::date THEN 'testsDue' ELSE 'testsOverdue' END, u.facility_id, u.id, u.day,
                u.due_date, NULL, NULL
           FROM untaken_tests u
         UNION ALL
         SELECT CASE WHEN (s.expected_release_at AT TIME ZONE $1)::date = board.d THEN 'releasesDue' ELSE 'releasesOverdue' END,
                s.facility_id, s.id, NULL, (s.expected_release_at AT TIME ZONE $1)::date, NULL, s.expected_release_at
           FROM stays s CROSS JOIN board
          WHERE ${inFacilities} AND ${openStaySql('s')} AND (s.expected_release_at AT TIME ZONE $1)::date <= board.d
         UNION ALL
         SELECT 'readyForRelease', s.facility_id, s.id, NULL, NULL, NULL, s.expected_release_at
           FROM stays s JOIN quarantine_policies qp ON qp.id = s.policy_id CROSS JOIN board
          WHERE ${inFacilities} AND s.status = 'admitted' AND s.expected_release_at <= board.as_of
            AND ${allScheduledTestsNegativeSql('s', 'qp.test_days')}
         UNION ALL
         SELECT 'healthChecksMissing', m.facility_id, m.stay_id, NULL, m.round_date, m.round, m.round_ends_at
           FROM (${missedRoundsSql({ timeZone: '$1', day: '$2', names: '$4', starts: '$5', ends: '$6', stayCondition: inFacilities })}) m
         UNION ALL
         SELECT 'positives', s.facility_id, s.id, NULL, NULL, NULL, pos.at
           FROM stays s CROSS JOIN board
           LEFT JOIN LATERAL (SELECT max(t.result_at) AS at FROM test_samples t
                               WHERE t.stay_id = s.id AND t.result = 'positive') pos ON true
          WHERE ${inFacilities} AND (s.status = 'positive' OR (pos.at AT TIME ZONE $1)::date = board.d)
       )`;
  }
}
