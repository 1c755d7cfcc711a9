import { FacilityKind } from '../facilities/facility.entity';
import { StaffRole } from './staff-member.entity';

/** How many of one role a facility needs on duty: at least minOnDuty, and one per perOccupants occupants. */
export interface RoleRequirement {
  role: StaffRole;
  minOnDuty: number;
  /** One more on duty for every this many occupants; null when the need does not grow with occupancy. */
  perOccupants: number | null;
}

/**
 * The requirements a facility has until someone sets its own (PUT /facilities/:id/staffing-requirements).
 * The one place these defaults live: coverage and the understaffing check read them from here.
 */
export const DEFAULT_REQUIREMENTS: Record<FacilityKind, RoleRequirement[]> = {
  [FacilityKind.ProvincialCamp]: [
    { role: StaffRole.Command, minOnDuty: 1, perOccupants: null },
    { role: StaffRole.Medical, minOnDuty: 2, perOccupants: 20 },
    { role: StaffRole.Security, minOnDuty: 2, perOccupants: 30 },
    { role: StaffRole.Logistics, minOnDuty: 1, perOccupants: 30 },
    { role: StaffRole.Reception, minOnDuty: 1, perOccupants: null },
    { role: StaffRole.Sanitation, minOnDuty: 1, perOccupants: null },
  ],
  [FacilityKind.DistrictCamp]: [
    { role: StaffRole.Command, minOnDuty: 1, perOccupants: null },
    { role: StaffRole.Medical, minOnDuty: 1, perOccupants: 20 },
    { role: StaffRole.Security, minOnDuty: 1, perOccupants: 30 },
    { role: StaffRole.Logistics, minOnDuty: 1, perOccupants: 50 },
  ],
  // A treatment facility cares for confirmed cases: more health workers per occupant (illustrative default).
  [FacilityKind.TreatmentFacility]: [
    { role: StaffRole.Command, minOnDuty: 1, perOccupants: null },
    { role: StaffRole.Medical, minOnDuty: 2, perOccupants: 10 },
    { role: StaffRole.Security, minOnDuty: 1, perOccupants: 50 },
  ],
  [FacilityKind.Other]: [
    { role: StaffRole.Medical, minOnDuty: 1, perOccupants: 20 },
    { role: StaffRole.Security, minOnDuty: 1, perOccupants: null },
  ],
};

/** required on duty = max(minOnDuty, ceil(occupants / perOccupants)). */
export function requiredOnDuty(requirement: Omit<RoleRequirement, 'role'>, occupants: number): number {
  const byOccupancy = requirement.perOccupants ? Math.ceil(occupants / requirement.perOccupants) : 0;
  return Math.max(requirement.minOnDuty, byOccupancy);
}

/**
 * The same formula for SQL, for the set-based coverage queries; the end-to-end tests check that both
 * agree. Arguments are SQL expressions (column names).
 */
export function requiredOnDutySql(minOnDuty: string, perOccupants: string, occupants: string): string {
  return `GREATEST(${minOnDuty}, COALESCE(CEIL(${occupants}::numeric / ${perOccupants})::int, 0))`;
}

/** The defaults as one JSON array for SQL (jsonb_to_recordset), so queries join against the same table. */
export function defaultRequirementsJson(): string {
  return JSON.stringify(
    Object.entries(DEFAULT_REQUIREMENTS).flatMap(([kind, requirements]) =>
      requirements.map((r) => ({ kind, role: r.role, min_on_duty: r.minOnDuty, per_occupants: r.perOccupants })),
    ),
  );
}

/** The role that appears twice in a requirement set, if any (a set has at most one row per role). */
export function duplicateRole(requirements: { role: StaffRole }[]): StaffRole | undefined {
  const seen = new Set<StaffRole>();
  for (const { role } of requirements) {
    if (seen.has(role)) return role;
    seen.add(role);
  }
  return undefined;
}
