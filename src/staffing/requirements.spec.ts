import { FacilityKind } from '../facilities/facility.entity';
import { DEFAULT_REQUIREMENTS, defaultRequirementsJson, duplicateRole, requiredOnDuty } from './requirements';
import { StaffRole } from './staff-member.entity';

describe('requiredOnDuty', () => {
  it('asks for the minimum when the facility is empty', () => {
    expect(requiredOnDuty({ minOnDuty: 2, perOccupants: 20 }, 0)).toBe(2);
  });

  it('grows by one for every started block of perOccupants occupants', () => {
    expect(requiredOnDuty({ minOnDuty: 1, perOccupants: 20 }, 20)).toBe(1);
    expect(requiredOnDuty({ minOnDuty: 1, perOccupants: 20 }, 21)).toBe(2);
    expect(requiredOnDuty({ minOnDuty: 2, perOccupants: 20 }, 60)).toBe(3);
    expect(requiredOnDuty({ minOnDuty: 2, perOccupants: 20 }, 61)).toBe(4);
  });

  it('stays at the minimum when the need does not grow with occupancy', () => {
    expect(requiredOnDuty({ minOnDuty: 1, perOccupants: null }, 500)).toBe(1);
    expect(requiredOnDuty({ minOnDuty: 0, perOccupants: null }, 500)).toBe(0);
  });
});

describe('default requirements', () => {
  it('cover every facility kind, with each role at most once', () => {
    for (const kind of Object.values(FacilityKind)) {
      expect(DEFAULT_REQUIREMENTS[kind].length).toBeGreaterThan(0);
      expect(duplicateRole(DEFAULT_REQUIREMENTS[kind])).toBeUndefined();
    }
  });

  it('ask a provincial camp for medical staff by occupancy', () => {
    const medical = DEFAULT_REQUIREMENTS[FacilityKind.ProvincialCamp].find((r) => r.role === StaffRole.Medical)!;
    expect(requiredOnDuty(medical, 100)).toBe(5);
  });

  it('serialise for SQL with one row per kind and role', () => {
    const rows = JSON.parse(defaultRequirementsJson());
    expect(rows).toContainEqual({ kind: 'other', role: 'security', min_on_duty: 1, per_occupants: null });
    expect(rows).toHaveLength(Object.values(DEFAULT_REQUIREMENTS).flat().length);
  });
});

describe('duplicateRole', () => {
  it('names the role given twice', () => {
    expect(duplicateRole([{ role: StaffRole.Medical }, { role: StaffRole.Security }, { role: StaffRole.Medical }])).toBe(
      StaffRole.Medical,
    );
  });
});
