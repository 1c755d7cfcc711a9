import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RegionService } from '../common/access/region.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { Coverage, CoverageCensusRow, foldCoverage, rollUpCoverage } from './coverage';
import {
  FacilityCoverageResponse,
  FacilityCoverageRowResponse,
  RegionCoverageResponse,
  UnitCoverageRowResponse,
} from './dto/coverage.response';
import { defaultRequirementsJson, requiredOnDutySql } from './requirements';
import { StaffRole } from './staff-member.entity';

interface FacilityCensusRow {
  facilityId: string;
  occupants: number;
  /** null for a facility with no requirement and nobody on duty */
  role: StaffRole | null;
  required: number;
  onDuty: number;
}

/** A facility, role and hour where fewer are on duty than required, for the understaffing alerts. */
export interface UnderstaffedWindow {
  facilityId: string;
  role: StaffRole;
  /** The clock hour [windowStart, windowEnd); the first one is checked from `now` only. */
  windowStart: Date;
  windowEnd: Date;
  required: number;
  /** The fewest on duty at any moment of the window. */
  onDuty: number;
}

/**
 * The CTEs every coverage query shares: `fac` (the facilities in question: id, kind, status), `occ`
 * (their occupants) and `req` (per facility and role: the requirement and the number required now).
 * A facility's own requirement rows replace the defaults of its kind; a facility that is not active
 * needs nobody on duty.
 */
function requirementCtes(facilitiesSql: string, defaultsParam: string): string {
  return `
  fac AS (${facilitiesSql}),
  occ AS (
    -- Occupants are the occupied beds: a bed's status is kept equal to its open stay.
    SELECT r.facility_id, count(*)::int AS occupants
      FROM beds b JOIN rooms r ON r.id = b.room_id JOIN fac ON fac.id = r.facility_id
     WHERE b.status = 'occupied'
     GROUP BY r.facility_id
  ),
  req AS (
    SELECT x.facility_id, x.role,
           CASE WHEN fac.status = 'active'
                THEN ${requiredOnDutySql('x.min_on_duty', 'x.per_occupants', 'coalesce(occ.occupants, 0)')}
                ELSE 0 END AS required
      FROM (
        SELECT sr.facility_id, sr.role::text AS role, sr.min_on_duty, sr.per_occupants
          FROM staffing_requirements sr JOIN fac ON fac.id = sr.facility_id
        UNION ALL
        SELECT fac.id, d.role, d.min_on_duty, d.per_occupants
          FROM fac
          JOIN jsonb_to_recordset(${defaultsParam}::jsonb) AS d(kind text, role text, min_on_duty int, per_occupants int)
            ON d.kind = fac.kind::text
         WHERE NOT EXISTS (SELECT 1 FROM staffing_requirements sr WHERE sr.facility_id = fac.id)
      ) AS x
      JOIN fac ON fac.id = x.facility_id
      LEFT JOIN occ ON occ.facility_id = x.facility_id
  )`;
}

/**
 * Who is required and who is on duty, per facility and role. Every number comes from one set-based
 * query over requirements, beds and assignments; only active staff count as on duty.
 */
@Injectable()
export class CoverageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly regions: RegionService,
  ) {}

  async forFacility(actor: Actor, facilityId: string, at?: string): Promise<FacilityCoverageResponse> {
    await this.scope.visibleFacility(actor, facilityId);
    const when = at ? new Date(at) : new Date();
    const rows = await this.census([facilityId], when);
    const coverage = foldCoverage(censusRows(rows));
    return { facilityId, at: when, occupants: rows[0]?.occupants ?? 0, ...coverage, understaffed: coverage.gap > 0 };
  }

  async forRegion(actor: Actor, requestedUnit: string | undefined, at?: string): Promise<RegionCoverageResponse> {
    const when = at ? new Date(at) : new Date();
    const region = await this.regions.region(actor, requestedUnit);
    const census = await this.census(
      region.facilities.map((f) => f.facilityId),
      when,
    );
    const censusOf = new Map<string, FacilityCensusRow[]>();
    for (const row of census) censusOf.set(row.facilityId, [...(censusOf.get(row.facilityId) ?? []), row]);
    const coverageOf = new Map<string, Coverage>();
    const occupantsOf = new Map<string, number>();
    for (const f of region.facilities) {
      const rows = censusOf.get(f.facilityId) ?? [];
      coverageOf.set(f.facilityId, foldCoverage(censusRows(rows)));
      occupantsOf.set(f.facilityId, rows[0]?.occupants ?? 0);
    }

    const facilityRows: FacilityCoverageRowResponse[] = region.facilities.map((f) => {
      const coverage = coverageOf.get(f.facilityId)!;
      return { ...f, occupants: occupantsOf.get(f.facilityId)!, ...coverage, understaffed: coverage.gap > 0 };
    });
    const childUnits: UnitCoverageRowResponse[] = region.childUnits.map((c) => ({
      adminUnitCode: c.adminUnitCode,
      name: c.name,
      facilityCount: c.facilities.length,
      ...rollUpCoverage(c.facilities.map((f) => coverageOf.get(f.facilityId)!)),
    }));

    return {
      adminUnitCode: region.adminUnitCode,
      name: region.name,
      at: when,
      totals: rollUpCoverage([...coverageOf.values()]),
      facilities: facilityRows,
      childUnits,
    };
  }

  /**
   * Every (active facility, role, clock hour from now to now + 24 h) where, at some moment of the
   * hour, fewer staff are on duty than required — one set-based statement, safe to run as often as
   * wanted. For the `flag-staffing` job, which raises and resolves `understaffed` alerts from it.
   * Requirements use the current occupancy for the whole day ahead.
   */
  async understaffedWindows(manager: EntityManager, now: Date): Promise<UnderstaffedWindow[]> {
    const rows: UnderstaffedWindow[] = await manager.query(
      `WITH ${requirementCtes(`SELECT id, kind, status FROM facilities WHERE status = 'active'`, '$2')},
       windows AS (
         SELECT ws AS window_start, ws + interval '1 hour' AS window_end, greatest(ws, $1::timestamptz) AS check_from
           FROM generate_series(date_trunc('hour', $1::timestamptz), $1::timestamptz + interval '24 hours', interval '1 hour') AS ws
          WHERE ws < $1::timestamptz + interval '24 hours'
       ),
       duty AS (
         SELECT a.facility_id, a.role::text AS role, a.starts_at, a.ends_at
           FROM assignments a
           JOIN staff_members s ON s.id = a.staff_id AND s.active
           JOIN fac ON fac.id = a.facility_id
          WHERE a.ends_at > $1::timestamptz AND a.starts_at < $1::timestamptz + interval '25 hours'
       ),
       -- The number on duty changes only where an assignment starts or ends. Summing +1 at every start
       -- and -1 at every end, in time order, gives the number on duty from each such edge until the next
       -- (a level); a window's lowest number is the lowest level that overlaps it. A level of 0 from
       -- -infinity covers the time before the first edge. Counting by a running sum, not per instant,
       -- keeps this linear in the number of assignments.
       edges AS (
         SELECT facility_id, role, at, sum(delta) AS delta
           FROM (
             SELECT d.facility_id, d.role, e.at, e.delta
               FROM duty d CROSS JOIN LATERAL (VALUES (d.starts_at, 1), (d.ends_at, -1)) AS e(at, delta)
             UNION ALL
             SELECT req.facility_id, req.role, '-infinity'::timestamptz, 0 FROM req WHERE req.required > 0
           ) AS e
          GROUP BY facility_id, role, at
       ),
       levels AS (
         SELECT facility_id, role, at,
                lead(at, 1, 'infinity') OVER (PARTITION BY facility_id, role ORDER BY at) AS until,
                sum(delta) OVER (PARTITION BY facility_id, role ORDER BY at)::int AS on_duty
           FROM edges
       )
       SELECT req.facility_id AS "facilityId", req.role, w.window_start AS "windowStart", w.window_end AS "windowEnd",
              req.required, min(l.on_duty)::int AS "onDuty"
         FROM req
         JOIN levels l ON l.facility_id = req.facility_id AND l.role = req.role
         JOIN windows w ON l.at < w.window_end AND l.until > w.check_from
        WHERE req.required > 0
        GROUP BY req.facility_id, req.role, w.window_start, w.window_end, req.required
       HAVING min(l.on_duty) < req.required
        ORDER BY req.facility_id, req.role, w.window_start`,
      [now, defaultRequirementsJson()],
    );
    return rows;
  }

  private census(facilityIds: string[], at: Date): Promise<FacilityCensusRow[]> {
    if (facilityIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `WITH ${requirementCtes(`SELECT id, kind, status FROM facilities WHERE id = ANY($1::uuid[])`, '$2')},
       duty AS (
         SELECT a.facility_id, a.role::text AS role, count(*)::int AS on_duty
           FROM assignments a JOIN staff_members s ON s.id = a.staff_id AND s.active
          WHERE a.facility_id = ANY($1::uuid[]) AND a.starts_at <= $3 AND a.ends_at > $3
          GROUP BY a.facility_id, a.role
       )
       SELECT fac.id AS "facilityId", coalesce(occ.occupants, 0) AS occupants,
              coalesce(req.role, duty.role) AS role,
              coalesce(req.required, 0) AS required,
              coalesce(duty.on_duty, 0) AS "onDuty"
         FROM fac
         LEFT JOIN occ ON occ.facility_id = fac.id
         LEFT JOIN (req FULL JOIN duty ON duty.facility_id = req.facility_id AND duty.role = req.role)
           ON fac.id = coalesce(req.facility_id, duty.facility_id)`,
      [facilityIds, defaultRequirementsJson(), at],
    );
  }
}

function censusRows(rows: FacilityCensusRow[]): CoverageCensusRow[] {
  return rows.filter((r): r is FacilityCensusRow & { role: StaffRole } => r.role !== null);
}
