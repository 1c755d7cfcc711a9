import { foldCoverage, rollUpCoverage } from './coverage';
import { StaffRole } from './staff-member.entity';

describe('foldCoverage', () => {
  it('is empty for a facility with no requirements and nobody on duty', () => {
    expect(foldCoverage([])).toEqual({ roles: [], required: 0, onDuty: 0, gap: 0 });
  });

  it('gives each role its gap and lists roles in the usual order', () => {
    const c = foldCoverage([
      { role: StaffRole.Security, required: 2, onDuty: 3 },
      { role: StaffRole.Medical, required: 3, onDuty: 1 },
      { role: StaffRole.Volunteer, required: 0, onDuty: 2 },
    ]);
    expect(c.roles).toEqual([
      { role: StaffRole.Medical, required: 3, onDuty: 1, gap: 2 },
      { role: StaffRole.Security, required: 2, onDuty: 3, gap: 0 },
      { role: StaffRole.Volunteer, required: 0, onDuty: 2, gap: 0 },
    ]);
  });

  it('does not let a surplus in one role make up for a shortage in another', () => {
    const c = foldCoverage([
      { role: StaffRole.Security, required: 1, onDuty: 4 },
      { role: StaffRole.Medical, required: 3, onDuty: 0 },
    ]);
    expect(c).toMatchObject({ required: 4, onDuty: 4, gap: 3 });
  });
});

describe('rollUpCoverage', () => {
  it('adds facilities up role by role and counts the understaffed ones', () => {
    const a = foldCoverage([{ role: StaffRole.Medical, required: 2, onDuty: 4 }]);
    const b = foldCoverage([
      { role: StaffRole.Medical, required: 2, onDuty: 0 },
      { role: StaffRole.Command, required: 1, onDuty: 1 },
    ]);
    const total = rollUpCoverage([a, b]);
    expect(total.roles).toEqual([
      { role: StaffRole.Command, required: 1, onDuty: 1, gap: 0 },
      // 4 on duty against 4 required, yet the second facility is 2 short.
      { role: StaffRole.Medical, required: 4, onDuty: 4, gap: 2 },
    ]);
    expect(total).toMatchObject({ required: 5, onDuty: 5, gap: 2, understaffedFacilities: 1 });
  });

  it('is all zero for no facilities', () => {
    expect(rollUpCoverage([])).toEqual({ roles: [], required: 0, onDuty: 0, gap: 0, understaffedFacilities: 0 });
  });
});
