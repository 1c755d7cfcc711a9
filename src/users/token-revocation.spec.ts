import { revokesTokens, TokenHolder } from './token-revocation';
import { Role } from './user.entity';

describe('revokesTokens', () => {
  const manager: TokenHolder = { role: Role.CampManager, adminUnitCode: null, facilityId: 'F', active: true };

  it('revokes on a password change, even to the same scope and role', () => {
    expect(revokesTokens(manager, manager, true)).toBe(true);
  });

  it('revokes on a role or scope change', () => {
    expect(revokesTokens(manager, { ...manager, facilityId: 'G' }, false)).toBe(true);
    expect(revokesTokens(manager, { role: Role.DistrictCommittee, adminUnitCode: '947', facilityId: null, active: true }, false)).toBe(true);
  });

  it('revokes on deactivation but not on reactivation', () => {
    expect(revokesTokens(manager, { ...manager, active: false }, false)).toBe(true);
    expect(revokesTokens({ ...manager, active: false }, manager, false)).toBe(false);
  });

  it('leaves tokens alone when only the name changes', () => {
    expect(revokesTokens(manager, { ...manager }, false)).toBe(false);
  });
});
