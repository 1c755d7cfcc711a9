import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegionFacility, RegionService } from '../common/access/region.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { BedCensusRow, foldCapacity } from './capacity';
import { FacilityCapacityResponse, RegionCapacityResponse } from './dto/capacity.response';

interface FacilityCensusRow extends BedCensusRow {
  facilityId: string;
}

/** Capacity is always counted from the beds themselves, so there is no counter that could drift. */
@Injectable()
export class CapacityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly regions: RegionService,
  ) {}

  async forFacility(actor: Actor, facilityId: string): Promise<FacilityCapacityResponse> {
    await this.scope.visibleFacility(actor, facilityId);
    const rows = await this.census([facilityId]);
    return { facilityId, ...foldCapacity(rows) };
  }

  async forRegion(actor: Actor, requestedUnit?: string): Promise<RegionCapacityResponse> {
    const region = await this.regions.region(actor, requestedUnit);
    const census = await this.census(region.facilities.map((f) => f.facilityId));
    const censusOf = new Map<string, FacilityCensusRow[]>();
    for (const row of census) censusOf.set(row.facilityId, [...(censusOf.get(row.facilityId) ?? []), row]);
    const censusIn = (facilities: RegionFacility[]) => facilities.flatMap((f) => censusOf.get(f.facilityId) ?? []);

    return {
      adminUnitCode: region.adminUnitCode,
      name: region.name,
      totals: foldCapacity(census),
      facilities: region.facilities.map((f) => ({ ...f, ...foldCapacity(censusIn([f])) })),
      childUnits: region.childUnits.map((c) => ({
        adminUnitCode: c.adminUnitCode,
        name: c.name,
        facilityCount: c.facilities.length,
        ...foldCapacity(censusIn(c.facilities)),
      })),
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
