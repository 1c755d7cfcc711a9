import { FacilityKind, FacilityStatus } from '../../facilities/facility.entity';
import { StaffRole } from '../staff-member.entity';

export class RoleCoverageResponse {
  role: StaffRole;
  /** max(minOnDuty, ceil(occupants / perOccupants)); 0 at a facility that is not active. */
  required: number;
  onDuty: number;
  /** How many more are needed: max(0, required − onDuty). */
  gap: number;
}

export class CoverageTotalsResponse {
  required: number;
  onDuty: number;
  /** The sum of the roles' gaps. */
  gap: number;
  roles: RoleCoverageResponse[];
}

export class FacilityCoverageResponse extends CoverageTotalsResponse {
  facilityId: string;
  at: Date;
  /** People in the facility now (occupied beds). */
  occupants: number;
  understaffed: boolean;
}

export class FacilityCoverageRowResponse extends CoverageTotalsResponse {
  facilityId: string;
  code: string;
  name: string;
  kind: FacilityKind;
  status: FacilityStatus;
  adminUnitCode: string;
  occupants: number;
  understaffed: boolean;
}

export class RegionCoverageTotalsResponse extends CoverageTotalsResponse {
  understaffedFacilities: number;
}

export class UnitCoverageRowResponse extends RegionCoverageTotalsResponse {
  adminUnitCode: string;
  name: string;
  facilityCount: number;
}

export class RegionCoverageResponse {
  adminUnitCode: string | null;
  name: string | null;
  at: Date;
  /** Across every facility below (closed facilities are left out). */
  totals: RegionCoverageTotalsResponse;
  facilities: FacilityCoverageRowResponse[];
  /** One row per unit directly below the requested one, covering everything beneath it. */
  childUnits: UnitCoverageRowResponse[];
}
