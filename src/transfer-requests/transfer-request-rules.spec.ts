import { Actor } from '../common/auth/actor';
import { Role } from '../users/user.entity';
import { mayAsk, mayCancel, mayDecide } from './transfer-request-rules';

const actor = (role: Role, fields: Partial<Actor> = {}): Actor => ({
  id: 'u1',
  username: 'u1',
  role,
  facilityId: null,
  adminUnitCode: null,
  ...fields,
});

describe('transfer request rules', () => {
  const source = 'facility-a';
  const target = 'facility-b';

  it('lets the source manager ask and the target manager decide, not the other way round', () => {
    const sourceManager = actor(Role.CampManager, { facilityId: source });
    const targetManager = actor(Role.CampManager, { facilityId: target });
    expect(mayAsk(sourceManager, source, false)).toBe(true);
    expect(mayDecide(sourceManager, target, false)).toBe(false);
    expect(mayAsk(targetManager, source, false)).toBe(false);
    expect(mayDecide(targetManager, target, false)).toBe(true);
  });

  it('lets a committee act for the side its area covers', () => {
    const committee = actor(Role.DistrictCommittee, { adminUnitCode: '947' });
    expect(mayAsk(committee, source, true)).toBe(true);
    expect(mayDecide(committee, target, false)).toBe(false);
    expect(mayDecide(committee, target, true)).toBe(true);
  });

  it('lets an admin do everything, and only the requester (or an admin) cancel', () => {
    const admin = actor(Role.Admin, { id: 'admin' });
    expect(mayAsk(admin, source, false) && mayDecide(admin, target, false) && mayCancel(admin, 'someone')).toBe(true);
    expect(mayCancel(actor(Role.CampManager, { id: 'u1', facilityId: source }), 'u1')).toBe(true);
    expect(mayCancel(actor(Role.CampManager, { id: 'u2', facilityId: source }), 'u1')).toBe(false);
  });
});
