import { StaffRole } from '../staff-member.entity';

export class RoleRequirementResponse {
  role: StaffRole;
  minOnDuty: number;
  perOccupants: number | null;
}

export class StaffingRequirementsResponse {
  facilityId: string;
  /** `facility` when the facility has its own set, `default` when the defaults of its kind apply. */
  source: 'facility' | 'default';
  requirements: RoleRequirementResponse[];
}
