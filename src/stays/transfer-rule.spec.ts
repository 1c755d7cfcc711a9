import { Role } from '../users/user.entity';
import { transferVerdict } from './transfer-rule';

describe('transferVerdict', () => {
  const admin = { role: Role.Admin, facilityId: null };
  const manager = { role: Role.CampManager, facilityId: 'F' };
  const committee = { role: Role.DistrictCommittee, facilityId: null };

  it('lets an admin move anyone anywhere', () => {
    expect(transferVerdict(admin, 'F', 'G', false)).toBe('allowed');
  });

  it('lets a camp manager move people between beds of their own facility only', () => {
    expect(transferVerdict(manager, 'F', 'F', true)).toBe('allowed');
    expect(transferVerdict(manager, 'F', 'G', true)).toBe('own_facility_only');
    expect(transferVerdict(manager, 'G', 'F', true)).toBe('own_facility_only');
    expect(transferVerdict(manager, 'G', 'G', true)).toBe('own_facility_only');
  });

  it('lets a committee move people between facilities its area covers, and no further', () => {
    expect(transferVerdict(committee, 'F', 'G', true)).toBe('allowed');
    expect(transferVerdict(committee, 'F', 'G', false)).toBe('target_out_of_scope');
  });
});
