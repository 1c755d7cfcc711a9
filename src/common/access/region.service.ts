import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FacilityKind, FacilityStatus } from '../../facilities/facility.entity';
import { Role } from '../../users/user.entity';
import { Actor } from '../auth/actor';
import { ScopeService } from './scope.service';
import { ErrorCode } from '../errors/error-codes';

export interface RegionFacility {
  facilityId: string;
  code: string;
  name: string;
  kind: FacilityKind;
  status: FacilityStatus;
  adminUnitCode: string;
}

export interface Region {
  adminUnitCode: string | null;
  name: string | null;
  /** Facilities that are not closed, in the unit and below it, that the actor may see. */
  facilities: RegionFacility[];
  /** The units directly below, each with the facilities that lie anywhere beneath it. */
  childUnits: { adminUnitCode: string; name: string; facilities: RegionFacility[] }[];
}

/**
 * The "this area at a glance" shape shared by the roll-ups (capacity, staffing): which facilities a
 * unit holds and how they group under the units directly below it.
 */
@Injectable()
export class RegionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  /** Defaults to the committee's own unit, or the whole country for others. 403 outside scope, 404 unknown. */
  async region(actor: Actor, requestedUnit?: string): Promise<Region> {
    const unitCode = requestedUnit ?? (actor.role === Role.DistrictCommittee ? actor.adminUnitCode : null);
    if (unitCode) await this.scope.assertUnitInScope(actor, unitCode);
    const [unit]: { name: string }[] = unitCode
      ? await this.db.query(`SELECT name FROM admin_units WHERE code = $1`, [unitCode])
      : [];
    // Only an admin gets this far with a code that does not exist (for others it lies outside their area).
    if (unitCode && !unit) {
      throw new NotFoundException({
        code: ErrorCode.NOT_FOUND,
        message: `There is no admin unit with code ${unitCode}.`,
      });
    }

    const scope = this.scope.facilityCondition(actor, 'f');
    const qb = this.db
      .createQueryBuilder()
      .select(['f.id AS "facilityId"', 'f.code AS code', 'f.name AS name', 'f.kind AS kind', 'f.status AS status'])
      .addSelect('f.admin_unit_code', 'adminUnitCode')
      .from('facilities', 'f')
      .where(`f.status <> 'closed'`)
      .andWhere(scope.sql, scope.params)
      .orderBy('f.code');
    if (unitCode) qb.andWhere('f.admin_unit_code IN (SELECT admin_unit_subtree(:unitCode))', { unitCode });
    const facilities: RegionFacility[] = await qb.getRawMany();

    const children: { code: string; name: string; member: string }[] = await this.db.query(
      `SELECT c.code, c.name, s AS member
         FROM admin_units c CROSS JOIN LATERAL admin_unit_subtree(c.code) AS s
        WHERE c.parent_code IS NOT DISTINCT FROM $1
        ORDER BY c.code`,
      [unitCode],
    );
    const childOfUnit = new Map(children.map((c) => [c.member, c.code]));
    const childUnits = [...new Map(children.map((c) => [c.code, c.name]))].map(([code, name]) => ({
      adminUnitCode: code,
      name,
      facilities: facilities.filter((f) => childOfUnit.get(f.adminUnitCode) === code),
    }));
    return { adminUnitCode: unitCode, name: unit?.name ?? null, facilities, childUnits };
  }
}
