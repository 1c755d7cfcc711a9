import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlCondition } from '../common/access/scope.service';
import { FacilityKind, FacilityStatus } from '../facilities/facility.entity';
import { sampleInSegmentSql, staySegmentsCtes, staysEverInFacilitiesSql } from '../stays/stay-sql';
import { EventCount } from './daily-figures';

export interface ReportFacility {
  facilityId: string;
  code: string;
  name: string;
  kind: FacilityKind;
  status: FacilityStatus;
  adminUnitCode: string;
}

/** The SQL of the daily reports: which facilities an area holds, and what happened in them when. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async unitName(code: string): Promise<string | null> {
    const [row]: { name: string }[] = await this.db.query(`SELECT name FROM admin_units WHERE code = $1`, [code]);
    return row?.name ?? null;
  }

  /**
   * Facilities in the unit and below it (or everywhere, without a unit) that pass the actor's scope
   * condition, closed ones included: a past day may have had people in a facility closed since.
   */
  facilities(unitCode: string | null, scope: SqlCondition): Promise<ReportFacility[]> {
    const qb = this.db
      .createQueryBuilder()
      .select(['f.id AS "facilityId"', 'f.code AS code', 'f.name AS name', 'f.kind AS kind', 'f.status AS status'])
      .addSelect('f.admin_unit_code', 'adminUnitCode')
      .from('facilities', 'f')
      .where(scope.sql, scope.params)
      .orderBy('f.code');
    if (unitCode) qb.andWhere('f.admin_unit_code IN (SELECT admin_unit_subtree(:unitCode))', { unitCode });
    return qb.getRawMany();
  }

  /** The units directly below `unitCode` (the provinces, without one), each with the units beneath it. */
  async childUnits(unitCode: string | null): Promise<{ adminUnitCode: string; name: string; members: string[] }[]> {
    return this.db.query(
      `SELECT c.code AS "adminUnitCode", c.name, array_agg(s) AS members
         FROM admin_units c CROSS JOIN LATERAL admin_unit_subtree(c.code) AS s
        WHERE c.parent_code IS NOT DISTINCT FROM $1
        GROUP BY c.code, c.name
        ORDER BY c.code`,
      [unitCode],
    );
  }

  /**
   * What happened in these facilities, counted per local day from `from` to `to` (events before
   * `from` are counted on the day before it, to set the starting stocks). Built from the records:
   * - a stay is cut into segments (staySegmentsCtes), one per bed it held: from its admission (or the move that
   *   brought it) to the next move (or its release). A segment's start is an admission or a transfer
   *   in, its end a transfer out or the release. Admission and release times are the real ones, so a
   *   stay entered late counts on the day it began;
   * - a sample counts for the facility the person was in when it was taken; `sampled` at its sample
   *   time, `resulted` when its result came in (never before the sample), `positive` at a positive
   *   result's time, even after the person has left;
   * - a bed counts from its registration, or from the start of the first stay it held if that was earlier.
   */
  events(facilityIds: string[], from: string, to: string, timeZone: string): Promise<EventCount[]> {
    if (facilityIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `WITH bounds AS (
         SELECT (($3::date + 1)::timestamp AT TIME ZONE $4) AS end_at, ($2::date - 1) AS day_before
       ), st AS (
         SELECT s.id, s.facility_id, s.room_id, s.bed_id, s.admitted_at, s.released_at
           FROM stays s, bounds
          WHERE s.id IN (${staysEverInFacilitiesSql('$1::uuid[]')})
            AND s.admitted_at < bounds.end_at
       ), ${staySegmentsCtes('st')}, smp AS (
         SELECT seg.facility_id, t.sampled_at, t.result, t.result_at
           FROM test_samples t JOIN stay_segments seg ON seg.stay_id = t.stay_id
          WHERE ${sampleInSegmentSql('seg', 't.sampled_at')}
       ), ev AS (
         SELECT facility_id, start_at AS at, CASE WHEN is_first THEN 'admitted' ELSE 'transferredIn' END AS kind FROM stay_segments
         UNION ALL
         SELECT facility_id, end_at, CASE WHEN is_last THEN 'released' ELSE 'transferredOut' END FROM stay_segments WHERE end_at IS NOT NULL
         UNION ALL
         SELECT facility_id, sampled_at, 'sampled' FROM smp
         UNION ALL
         SELECT facility_id, greatest(result_at, sampled_at), 'resulted' FROM smp WHERE result <> 'pending'
         UNION ALL
         SELECT facility_id, result_at, 'positive' FROM smp WHERE result = 'positive'
         UNION ALL
         SELECT r.facility_id, least(b.created_at, u.first_use), 'bed'
           FROM beds b JOIN rooms r ON r.id = b.room_id
           LEFT JOIN (SELECT bed_id, min(start_at) AS first_use FROM stay_segments GROUP BY bed_id) u ON u.bed_id = b.id
          WHERE r.facility_id = ANY($1::uuid[])
       )
       SELECT ev.facility_id AS "facilityId",
              to_char(greatest((ev.at AT TIME ZONE $4)::date, bounds.day_before), 'YYYY-MM-DD') AS day,
              ev.kind, count(*)::int AS n
         FROM ev, bounds
        WHERE ev.facility_id = ANY($1::uuid[]) AND ev.at < bounds.end_at
        GROUP BY 1, 2, 3`,
      [facilityIds, from, to, timeZone],
    );
  }
}
