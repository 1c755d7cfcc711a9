import { AdminUnitLevel } from './admin-unit.entity';
import { hierarchyProblem } from './admin-unit-levels';

describe('hierarchyProblem', () => {
  it('accepts province > district > commune', () => {
    expect(hierarchyProblem(AdminUnitLevel.Province, null)).toBeNull();
    expect(hierarchyProblem(AdminUnitLevel.District, AdminUnitLevel.Province)).toBeNull();
    expect(hierarchyProblem(AdminUnitLevel.Commune, AdminUnitLevel.District)).toBeNull();
  });

  it('refuses a commune directly under a province, and orphans', () => {
    expect(hierarchyProblem(AdminUnitLevel.Commune, AdminUnitLevel.Province)).toMatch(/must belong to a district/);
    expect(hierarchyProblem(AdminUnitLevel.District, null)).toMatch(/needs a parent/);
    expect(hierarchyProblem(AdminUnitLevel.Province, AdminUnitLevel.Province)).toMatch(/no parent/);
  });
});
