import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlCondition } from '../common/access/scope.service';
import { preparedQuery } from '../common/sql/hot-query';
import { COUNTED_STATUSES, SEX_POLICIES, SexPolicyCounts } from './capacity';
import { FacilityKind, FacilityStatus } from './facility.entity';
import { SexPolicy } from './room.entity';

/** Counts of an area: of one unit directly below it (unitCode), or of the whole area (whole). */
export interface AreaCountRow extends SexPolicyCounts {
  /** The child unit the row is for; null on the whole area's row (and on facilities of the unit itself). */
  unitCode: string | null;
  whole: boolean;
  facilities: number;
}

export interface FacilityPageRow extends SexPolicyCounts {
  facilityId: string;
  code: string;
  name: string;
  kind: FacilityKind;
  status: FacilityStatus;
  adminUnitCode: string;
  /** When this facility's counts last changed (null: not known). */
  lastChangedAt: Date | null;
}

const COLUMN_OF_STATUS: Record<(typeof COUNTED_STATUSES)[number], string> = {
  Available: 'available',
  Occupied: 'occupied',
  OutOfService: 'out_of_service',
};

/**
 * Sums of counts rows (alias `rows`) turned into one column per sex policy and status, as
 * SexPolicyCounts names them: a facility or a unit is one row, not one per sex policy.
 */
function sumsBySexPolicy(rows: string): string {
  return SEX_POLICIES.flatMap((sex) =>
    COUNTED_STATUSES.map(
      (status) =>
        `coalesce(sum(${rows}.${COLUMN_OF_STATUS[status]}) FILTER (WHERE ${rows}.sex_policy = '${sex}'), 0)::int AS "${sex}${status}"`,
    ),
  ).join(', ');
}

/**
 * The SQL of the capacity roll-up. It reads the running counts (facility_bed_counts, kept by triggers
 * on beds and rooms, and their per-unit sums) rather than the beds. Every query is prepared: the
 * roll-up is asked on every refresh of every committee's board, and planning it costs as much as
 * running it.
 */
@Injectable()
export class CapacityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Named parameters (as ScopeService writes them) turned into a positional, prepared query. */
  private query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.db.driver.escapeQueryWithParameters(sql, params);
    return preparedQuery(this.db, text, values);
  }

  /** Units of the area: the unit and every unit below it (from the closure table, so the planner knows how many). */
  private static readonly AREA_UNITS = `SELECT descendant_code FROM admin_unit_ancestors WHERE ancestor_code = :unitCode`;

  /** Facilities of the area that count: not closed, in the unit and below (all, without one), in the actor's scope. */
  private areaFacilities(unitCode: string | null, scope: SqlCondition): string {
    return `SELECT f.id, f.code, f.name, f.kind, f.status, f.admin_unit_code
              FROM facilities f
             WHERE f.status <> 'closed' AND ${scope.sql}
               ${unitCode === null ? '' : `AND f.admin_unit_code IN (${CapacityRepository.AREA_UNITS})`}`;
  }

  /** Each unit directly below the area's unit (the provinces, without one), with every unit in its subtree. */
  private childMembers(unitCode: string | null): string {
    return `SELECT c.code AS child, a.descendant_code AS member
              FROM admin_units c JOIN admin_unit_ancestors a ON a.ancestor_code = c.code
             WHERE ${unitCode === null ? 'c.parent_code IS NULL' : 'c.parent_code = :unitCode'}`;
  }

  /**
   * Counts of the whole area and of each unit directly below it, from the per-unit running counts
   * (admin_unit_bed_counts, admin_unit_facility_counts): a few rows per unit of the area, however many
   * facilities and beds it holds. Only for an actor whose scope covers the whole area (the unit counts
   * know nothing of scopes).
   */
  unitCounts(unitCode: string | null): Promise<AreaCountRow[]> {
    return this.query(
      `WITH counted AS (
         SELECT admin_unit_code AS unit, sex_policy, 0 AS facilities, available, occupied, out_of_service FROM admin_unit_bed_counts
         UNION ALL
         SELECT admin_unit_code, NULL, facilities, 0, 0, 0 FROM admin_unit_facility_counts
       )
       SELECT ch.child AS "unitCode", GROUPING(ch.child) = 1 AS whole, coalesce(sum(r.facilities), 0)::int AS facilities,
              ${sumsBySexPolicy('r')}
         FROM counted r
         LEFT JOIN (${this.childMembers(unitCode)}) ch ON ch.member = r.unit
        ${unitCode === null ? '' : `WHERE r.unit IN (${CapacityRepository.AREA_UNITS})`}
        GROUP BY GROUPING SETS ((ch.child), ())`,
      { unitCode },
    );
  }

  /**
   * The same figures from the area's facilities, within the actor's scope: for a scope narrower than the
   * area (a camp manager's one facility), where the unit counts would count too much.
   */
  areaCounts(unitCode: string | null, scope: SqlCondition): Promise<AreaCountRow[]> {
    return this.query(
      `WITH fac AS MATERIALIZED (${this.areaFacilities(unitCode, scope)})
       SELECT ch.child AS "unitCode", GROUPING(ch.child) = 1 AS whole, count(DISTINCT fac.id)::int AS facilities,
              ${sumsBySexPolicy('c')}
         FROM fac
         LEFT JOIN (${this.childMembers(unitCode)}) ch ON ch.member = fac.admin_unit_code
         LEFT JOIN facility_bed_counts c ON c.facility_id = fac.id
        GROUP BY GROUPING SETS ((ch.child), ())`,
      { ...scope.params, unitCode },
    );
  }

  /** The units directly below (the provinces, without a unit), in code order. */
  childUnits(unitCode: string | null): Promise<{ adminUnitCode: string; name: string }[]> {
    return preparedQuery(
      this.db,
      `SELECT code AS "adminUnitCode", name FROM admin_units WHERE parent_code IS NOT DISTINCT FROM $1 ORDER BY code`,
      [unitCode],
    );
  }

  /** One page of the area's facilities in code order, with their counts. */
  facilityPage(unitCode: string | null, scope: SqlCondition, limit: number, offset: number): Promise<FacilityPageRow[]> {
    return this.query(
      `WITH page AS (${this.areaFacilities(unitCode, scope)} ORDER BY f.code LIMIT :limit OFFSET :offset)
       SELECT page.id AS "facilityId", page.code, page.name, page.kind, page.status, page.admin_unit_code AS "adminUnitCode",
              ${sumsBySexPolicy('c')}, max(c.last_changed_at) AS "lastChangedAt"
         FROM page LEFT JOIN facility_bed_counts c ON c.facility_id = page.id
        GROUP BY page.id, page.code, page.name, page.kind, page.status, page.admin_unit_code
        ORDER BY page.code`,
      { ...scope.params, unitCode, limit, offset },
    );
  }

  async facilityCounts(facilityId: string): Promise<SexPolicyCounts> {
    const [counts] = await preparedQuery<SexPolicyCounts>(
      this.db,
      `SELECT ${sumsBySexPolicy('c')} FROM facility_bed_counts c WHERE c.facility_id = $1`,
      [facilityId],
    );
    return counts;
  }

  /**
   * Facilities whose running counts differ from their beds, with both figures: the check behind the
   * capacity_counts_mismatch alert and the tests. Empty when all is well.
   */
  mismatches(): Promise<{ facilityId: string; sexPolicy: SexPolicy; counted: number[]; actual: number[] }[]> {
    return this.db.query(`${COUNT_MISMATCHES_SQL} ORDER BY 1, 2`);
  }
}

/**
 * (facility, sex policy) pairs where facility_bed_counts disagrees with the beds themselves; columns
 * facilityId, sexPolicy, counted and actual ([available, occupied, out of service]).
 */
export const COUNT_MISMATCHES_SQL = `
  WITH actual AS (
    SELECT r.facility_id, r.sex_policy,
           count(*) FILTER (WHERE b.status = 'available')::int AS available,
           count(*) FILTER (WHERE b.status = 'occupied')::int AS occupied,
           count(*) FILTER (WHERE b.status = 'out_of_service')::int AS out_of_service
      FROM beds b JOIN rooms r ON r.id = b.room_id
     GROUP BY r.facility_id, r.sex_policy
  )
  SELECT coalesce(a.facility_id, c.facility_id) AS "facilityId", coalesce(a.sex_policy, c.sex_policy) AS "sexPolicy",
         ARRAY[coalesce(c.available, 0), coalesce(c.occupied, 0), coalesce(c.out_of_service, 0)] AS counted,
         ARRAY[coalesce(a.available, 0), coalesce(a.occupied, 0), coalesce(a.out_of_service, 0)] AS actual
    FROM actual a FULL JOIN facility_bed_counts c ON c.facility_id = a.facility_id AND c.sex_policy = a.sex_policy
   WHERE (coalesce(c.available, 0), coalesce(c.occupied, 0), coalesce(c.out_of_service, 0))
         IS DISTINCT FROM (coalesce(a.available, 0), coalesce(a.occupied, 0), coalesce(a.out_of_service, 0))`;

/**
 * Units whose running counts (admin_unit_bed_counts, admin_unit_facility_counts) differ from the open
 * facilities and their beds; columns adminUnitCode, sexPolicy (null on a facility count), counted and
 * actual ([available, occupied, out of service], or [facilities]). Empty when all is well.
 */
export const UNIT_COUNT_MISMATCHES_SQL = `
  WITH actual AS (
    SELECT f.admin_unit_code, r.sex_policy,
           count(*) FILTER (WHERE b.status = 'available')::int AS available,
           count(*) FILTER (WHERE b.status = 'occupied')::int AS occupied,
           count(*) FILTER (WHERE b.status = 'out_of_service')::int AS out_of_service
      FROM beds b JOIN rooms r ON r.id = b.room_id JOIN facilities f ON f.id = r.facility_id
     WHERE f.status <> 'closed'
     GROUP BY f.admin_unit_code, r.sex_policy
  ), actual_facilities AS (
    SELECT admin_unit_code, count(*)::int AS facilities FROM facilities WHERE status <> 'closed' GROUP BY admin_unit_code
  )
  SELECT coalesce(a.admin_unit_code, c.admin_unit_code) AS "adminUnitCode", coalesce(a.sex_policy, c.sex_policy) AS "sexPolicy",
         ARRAY[coalesce(c.available, 0), coalesce(c.occupied, 0), coalesce(c.out_of_service, 0)] AS counted,
         ARRAY[coalesce(a.available, 0), coalesce(a.occupied, 0), coalesce(a.out_of_service, 0)] AS actual
    FROM actual a FULL JOIN admin_unit_bed_counts c ON c.admin_unit_code = a.admin_unit_code AND c.sex_policy = a.sex_policy
   WHERE (coalesce(c.available, 0), coalesce(c.occupied, 0), coalesce(c.out_of_service, 0))
         IS DISTINCT FROM (coalesce(a.available, 0), coalesce(a.occupied, 0), coalesce(a.out_of_service, 0))
  UNION ALL
  SELECT coalesce(a.admin_unit_code, c.admin_unit_code), NULL,
         ARRAY[coalesce(c.facilities, 0)], ARRAY[coalesce(a.facilities, 0)]
    FROM actual_facilities a FULL JOIN admin_unit_facility_counts c ON c.admin_unit_code = a.admin_unit_code
   WHERE coalesce(c.facilities, 0) <> coalesce(a.facilities, 0)`;
