import { FacilityKind, FacilityStatus } from '../facility.entity';

export class BedCountsResponse {
  totalBeds: number;
  occupied: number;
  available: number;
  outOfService: number;
}

export class BedCountsBySexResponse {
  male: BedCountsResponse;
  female: BedCountsResponse;
  mixed: BedCountsResponse;
}

export class CapacityCountsResponse extends BedCountsResponse {
  /** Occupied beds divided by beds in service (0 to 1). */
  occupancyRate: number;
  bySex: BedCountsBySexResponse;
}

export class FacilityCapacityResponse extends CapacityCountsResponse {
  facilityId: string;
}

export class FacilityCapacityRowResponse extends CapacityCountsResponse {
  facilityId: string;
  code: string;
  name: string;
  kind: FacilityKind;
  status: FacilityStatus;
  adminUnitCode: string;
  /** When the facility's bed counts last changed (an admission, a release, a transfer, beds added); null when not known. */
  lastChangedAt: Date | null;
}

export class UnitCapacityRowResponse extends CapacityCountsResponse {
  adminUnitCode: string;
  name: string;
  facilityCount: number;
}

export class RegionCapacityResponse {
  adminUnitCode: string | null;
  name: string | null;
  /** Across every facility counted below (closed facilities are left out). */
  totals: CapacityCountsResponse;
  /** The page of facility rows given (facilitiesPage), their number per page and how many there are in all. */
  facilitiesPage: number;
  facilitiesLimit: number;
  facilitiesTotal: number;
  /** One page of the facilities counted in the totals, in code order. */
  facilities: FacilityCapacityRowResponse[];
  /** One row per unit directly below the requested one, covering everything beneath it. */
  childUnits: UnitCapacityRowResponse[];
}
