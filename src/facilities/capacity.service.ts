import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { Role } from '../users/user.entity';
import { BedCensusRow, foldCapacity } from './capacity';
import {
  FacilityCapacityResponse,
  FacilityCapacityRowResponse,
  RegionCapacityResponse,
  UnitCapacityRowResponse,
} from './dto/capacity.response';
import { FacilityKind, FacilityStatus } from './facility.entity';

interface FacilityCensusRow extends BedCensusRow {
  facilityId: string;
}

/** Capacity is always counted from the beds themselves, so there is no counter that could drift. */
@Injectable()
export class CapacityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async forFacility(actor: Actor, facilityId: string): Promise<FacilityCapacityResponse> {
    await this.scope.visibleFacility(actor, facilityId);
    const rows = await this.census([facilityId]);
    return { facilityId, ...foldCapacity(rows) };
  }

  async forRegion(actor: Actor, requestedUnit?: string): Promise<RegionCapacityResponse> {
    const unitCode = requestedUnit ?? (actor.role === Role.DistrictCommittee ? actor.adminUnitCode : null);
    if (unitCode) await this.scope.assertUnitInScope(actor, unitCode);
    const [unit]: { name: string }[] = unitCode
      ? await this.db.query(`SELECT name FROM admin_units WHERE code = $1`, [unitCode])
      : [];
    // Only an admin gets this far with a code that does not exist (for others it lies outside their area).
    if (unitCode && !unit) throw new NotFoundException(`There is no admin unit with code ${unitCode}.`);

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
    const facilities: {
      facilityId: string;
      code: string;
      name: string;
      kind: FacilityKind;
      status: FacilityStatus;
      adminUnitCode: string;
    }[] = await qb.getRawMany();

    const census = await this.census(facilities.map((f) => f.facilityId));
    const censusOf = new Map<string, FacilityCensusRow[]>();
    for (const row of census) censusOf.set(row.facilityId, [...(censusOf.get(row.facilityId) ?? []), row]);

    const facilityRows: FacilityCapacityRowResponse[] = facilities.map((f) => ({
      ...f,
      ...foldCapacity(censusOf.get(f.facilityId) ?? []),
    }));

    const children: { code: string; name: string; member: string }[] = await this.db.query(
      `SELECT c.code, c.name, s AS member
         FROM admin_units c CROSS JOIN LATERAL admin_unit_subtree(c.code) AS s
        WHERE c.parent_code IS NOT DISTINCT FROM $1
        ORDER BY c.code`,
      [unitCode],
    );
    const childOfUnit = new Map(children.map((c) => [c.member, c.code]));
    const childUnits: UnitCapacityRowResponse[] = [...new Map(children.map((c) => [c.code, c.name]))].map(
      ([code, name]) => {
        const inChild = facilities.filter((f) => childOfUnit.get(f.adminUnitCode) === code);
        return {
          adminUnitCode: code,
          name,
          facilityCount: inChild.length,
          ...foldCapacity(inChild.flatMap((f) => censusOf.get(f.facilityId) ?? [])),
        };
      },
    );

    return {
      adminUnitCode: unitCode,
      name: unit?.name ?? null,
      totals: foldCapacity(census),
      facilities: facilityRows,
      childUnits,
    };
  }

  private census(facilityIds: string[]): Promise<FacilityCensusRow[]> {
    if (facilityIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT r.facility_id AS "facilityId", r.sex_policy AS "sexPolicy", b.status, count(*)::int AS beds
         FROM beds b JOIN rooms r ON r.id = b.room_id
        WHERE r.facility_id = ANY($1::uuid[])
        GROUP BY r.facility_id, r.sex_policy, b.status`,
      [facilityIds],
    );
  }
}
