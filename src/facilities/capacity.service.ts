import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { Role } from '../users/user.entity';
import { capacityOf, NO_BEDS } from './capacity';
import { AreaCountRow, CapacityRepository, FacilityPageRow } from './capacity.repository';
import { CapacityQueryDto, DEFAULT_FACILITIES_LIMIT } from './dto/capacity-query.dto';
import { FacilityCapacityResponse, FacilityCapacityRowResponse, RegionCapacityResponse } from './dto/capacity.response';

/**
 * Capacity reads the running counts that triggers keep in the transaction of every bed change
 * (facility_bed_counts), so an answer is as exact as counting the beds, without reading them all;
 * flag-capacity-counts checks the counts against the beds.
 */
@Injectable()
export class CapacityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly repository: CapacityRepository,
  ) {}

  async forFacility(actor: Actor, facilityId: string): Promise<FacilityCapacityResponse> {
    await this.scope.visibleFacility(actor, facilityId);
    return { facilityId, ...capacityOf(await this.repository.facilityCounts(facilityId)) };
  }

  /** Totals and child units always whole; the facility rows one page at a time (large areas have thousands). */
  async forRegion(actor: Actor, query: CapacityQueryDto): Promise<RegionCapacityResponse> {
    const unitCode = query.adminUnitCode ?? (actor.role === Role.DistrictCommittee ? actor.adminUnitCode : null);
    const page = query.facilitiesPage ?? 1;
    const limit = query.facilitiesLimit ?? DEFAULT_FACILITIES_LIMIT;
    let name: string | null = null;
    if (unitCode) {
      await this.scope.assertUnitInScope(actor, unitCode);
      const [unit]: { name: string }[] = await this.db.query(`SELECT name FROM admin_units WHERE code = $1`, [unitCode]);
      // Only an admin gets this far with a code that does not exist (for others it lies outside their area).
      if (!unit) throw new NotFoundException(`There is no admin unit with code ${unitCode}.`);
      name = unit.name;
    }
    const scope = this.scope.facilityCondition(actor, 'f');
    // An admin sees every facility, and a committee's area lies inside its own (checked above): the
    // per-unit counts then answer for the area. A camp manager sees one facility, counted from it.
    const wholeArea = actor.role === Role.Admin || (actor.role === Role.DistrictCommittee && unitCode !== null);
    const [counts, children, facilityRows] = await Promise.all([
      wholeArea ? this.repository.unitCounts(unitCode) : this.repository.areaCounts(unitCode, scope),
      this.repository.childUnits(unitCode),
      this.repository.facilityPage(unitCode, scope, limit, (page - 1) * limit),
    ]);

    let whole: AreaCountRow | undefined;
    const byUnit = new Map<string, AreaCountRow>();
    for (const row of counts) {
      if (row.whole) whole = row;
      else if (row.unitCode !== null) byUnit.set(row.unitCode, row);
    }
    return {
      adminUnitCode: unitCode,
      name,
      totals: capacityOf(whole ?? NO_BEDS),
      facilitiesPage: page,
      facilitiesLimit: limit,
      facilitiesTotal: whole?.facilities ?? 0,
      facilities: facilityRows.map(toFacilityRow),
      childUnits: children.map((c) => {
        const row = byUnit.get(c.adminUnitCode);
        return { adminUnitCode: c.adminUnitCode, name: c.name, facilityCount: row?.facilities ?? 0, ...capacityOf(row ?? NO_BEDS) };
      }),
    };
  }
}

function toFacilityRow(row: FacilityPageRow): FacilityCapacityRowResponse {
  const { facilityId, code, name, kind, status, adminUnitCode, lastChangedAt } = row;
  return { facilityId, code, name, kind, status, adminUnitCode, lastChangedAt, ...capacityOf(row) };
}
