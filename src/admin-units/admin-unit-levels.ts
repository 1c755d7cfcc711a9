import { AdminUnitLevel } from './admin-unit.entity';

/** The level a unit's parent must have (a province has none). */
export const PARENT_LEVEL: Record<AdminUnitLevel, AdminUnitLevel | null> = {
  [AdminUnitLevel.Province]: null,
  [AdminUnitLevel.District]: AdminUnitLevel.Province,
  [AdminUnitLevel.Commune]: AdminUnitLevel.District,
};

/** Why a unit of `level` cannot sit under a parent of `parentLevel`, or null when it can. */
export function hierarchyProblem(level: AdminUnitLevel, parentLevel: AdminUnitLevel | null): string | null {
  const expected = PARENT_LEVEL[level];
  if (expected === null) return parentLevel === null ? null : 'A province has no parent unit.';
  if (parentLevel === null) return `A ${level} needs a parent unit (a ${expected}).`;
  return parentLevel === expected ? null : `A ${level} must belong to a ${expected}, not to a ${parentLevel}.`;
}
