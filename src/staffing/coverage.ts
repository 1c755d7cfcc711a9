import { STAFF_ROLES, StaffRole } from './staff-member.entity';

/** One row of the coverage census: for one facility and role, how many are required and on duty. */
export interface CoverageCensusRow {
  role: StaffRole;
  required: number;
  onDuty: number;
}

export interface RoleCoverage {
  role: StaffRole;
  required: number;
  onDuty: number;
  /** How many more are needed on duty: max(0, required − onDuty). */
  gap: number;
}

export interface Coverage {
  /** Per role, in the usual role order: the roles that are required or have someone on duty. */
  roles: RoleCoverage[];
  required: number;
  onDuty: number;
  /** The sum of the roles' gaps: a surplus of guards does not make up for a missing nurse. */
  gap: number;
}

/** Folds census rows (of one facility, or of many for a roll-up) into per-role coverage and totals. */
export function foldCoverage(rows: Iterable<CoverageCensusRow>): Coverage {
  const byRole = new Map<StaffRole, { required: number; onDuty: number }>();
  for (const row of rows) {
    const sum = byRole.get(row.role) ?? { required: 0, onDuty: 0 };
    sum.required += row.required;
    sum.onDuty += row.onDuty;
    byRole.set(row.role, sum);
  }
  const roles = STAFF_ROLES.filter((role) => byRole.has(role)).map((role) => {
    const { required, onDuty } = byRole.get(role)!;
    return { role, required, onDuty, gap: Math.max(0, required - onDuty) };
  });
  return {
    roles,
    required: roles.reduce((n, r) => n + r.required, 0),
    onDuty: roles.reduce((n, r) => n + r.onDuty, 0),
    gap: roles.reduce((n, r) => n + r.gap, 0),
  };
}

/**
 * A roll-up over several facilities: the roles' gaps are summed per facility first, so that one
 * facility's surplus does not hide another facility's shortage.
 */
export function rollUpCoverage(facilities: Coverage[]): Coverage & { understaffedFacilities: number } {
  const byRole = new Map<StaffRole, RoleCoverage>();
  for (const facility of facilities) {
    for (const r of facility.roles) {
      const sum = byRole.get(r.role) ?? { role: r.role, required: 0, onDuty: 0, gap: 0 };
      sum.required += r.required;
      sum.onDuty += r.onDuty;
      sum.gap += r.gap;
      byRole.set(r.role, sum);
    }
  }
  const roles = STAFF_ROLES.filter((role) => byRole.has(role)).map((role) => byRole.get(role)!);
  return {
    roles,
    required: roles.reduce((n, r) => n + r.required, 0),
    onDuty: roles.reduce((n, r) => n + r.onDuty, 0),
    gap: roles.reduce((n, r) => n + r.gap, 0),
    understaffedFacilities: facilities.filter((f) => f.gap > 0).length,
  };
}
