import { bearer, createFacility, userToken } from './helpers/fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('user accounts', () => {
  let t: TestApp;
  let facility: { id: string };
  const asAdmin = () => ({ post: (body: object) => t.http().post('/api/v1/users').set(bearer(t.adminToken)).send(body) });

  beforeAll(async () => {
    t = await createTestApp();
    facility = await createFacility(t);
  });
  afterAll(() => t.close());

  it('lets an admin create a district committee account, without ever showing the password', async () => {
    const res = await asAdmin()
      .post({ username: 'bcd.myxuyen', fullName: 'Ban Chỉ đạo huyện Mỹ Xuyên', password: 'long-enough-1', role: 'district_committee', adminUnitCode: '947' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      username: 'bcd.myxuyen',
      fullName: 'Ban Chỉ đạo huyện Mỹ Xuyên',
      role: 'district_committee',
      adminUnitCode: '947',
      facilityId: null,
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|long-enough-1/i);
    const [row] = await t.sql(`SELECT password_hash FROM users WHERE id = $1`, [res.body.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('lets an admin create a camp manager for a facility, who can then sign in', async () => {
    const res = await asAdmin()
      .post({ username: 'manager.thamdon', fullName: 'Camp manager', password: 'long-enough-2', role: 'camp_manager', facilityId: facility.id })
      .expect(201);
    expect(res.body).toMatchObject({ role: 'camp_manager', facilityId: facility.id, adminUnitCode: null });
    await t.login('manager.thamdon', 'long-enough-2');
  });

  it('refuses a username that exists already in another case, with 409', async () => {
    await asAdmin().post({ username: 'Dup.User', fullName: 'One', password: 'long-enough-3', role: 'admin' }).expect(201);
    const res = await asAdmin().post({ username: 'dup.user', fullName: 'Two', password: 'long-enough-3', role: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already exists/);
  });

  it('refuses a scope that does not fit the role, with 422', async () => {
    const base = { fullName: 'No scope', password: 'long-enough-4' };
    await asAdmin().post({ ...base, username: 'committee.noscope', role: 'district_committee' }).expect(422);
    await asAdmin().post({ ...base, username: 'manager.noscope', role: 'camp_manager' }).expect(422);
    await asAdmin().post({ ...base, username: 'manager.unit', role: 'camp_manager', adminUnitCode: '947' }).expect(422);
    await asAdmin().post({ ...base, username: 'admin.scoped', role: 'admin', adminUnitCode: '94' }).expect(422);
  });

  it('answers 404 for an admin unit or facility that does not exist', async () => {
    const base = { fullName: 'Unknown scope', password: 'long-enough-5' };
    await asAdmin().post({ ...base, username: 'committee.x', role: 'district_committee', adminUnitCode: '999' }).expect(404);
    await asAdmin().post({ ...base, username: 'manager.x', role: 'camp_manager', facilityId: UNKNOWN_ID }).expect(404);
  });

  it('refuses malformed accounts with 400 and says which field is wrong', async () => {
    const good = { username: 'well.formed', fullName: 'Someone', password: 'long-enough-6', role: 'admin' };
    const cases: [object, RegExp][] = [
      [{ ...good, role: 'superuser' }, /role/],
      [{ ...good, username: 'a b' }, /username/],
      [{ ...good, password: 'short' }, /password/],
      [{ ...good, fullName: '   ' }, /fullName/],
      [{ ...good, facilityId: 'not-a-uuid' }, /facilityId/],
      [{ ...good, adminUnitCode: 'Sóc Trăng' }, /adminUnitCode/],
      [{ ...good, isRoot: true }, /isRoot/],
    ];
    for (const [body, field] of cases) {
      const res = await asAdmin().post(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(field);
    }
  });

  it('lists users a page at a time, filtered by role and by active', async () => {
    const res = await t.http().get('/api/v1/users?role=district_committee&limit=1').set(bearer(t.adminToken)).expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 1, total: expect.any(Number) });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].role).toBe('district_committee');

    const all = await t.http().get('/api/v1/users').set(bearer(t.adminToken)).expect(200);
    expect(all.body.items.map((u: { username: string }) => u.username)).toContain('admin');
    const inactive = await t.http().get('/api/v1/users?active=false').set(bearer(t.adminToken)).expect(200);
    expect(inactive.body.items.every((u: { active: boolean }) => !u.active)).toBe(true);

    await t.http().get('/api/v1/users?role=ghost').set(bearer(t.adminToken)).expect(400);
    await t.http().get('/api/v1/users?active=maybe').set(bearer(t.adminToken)).expect(400);
    await t.http().get('/api/v1/users?limit=201').set(bearer(t.adminToken)).expect(400);
  });

  it('shows one user, 404 for an unknown id and 400 for a malformed one', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    const res = await t.http().get(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).expect(200);
    expect(res.body).toMatchObject({ id: user.id, username: user.username });
    await t.http().get(`/api/v1/users/${UNKNOWN_ID}`).set(bearer(t.adminToken)).expect(404);
    await t.http().get('/api/v1/users/42').set(bearer(t.adminToken)).expect(400);
  });

  it('moves a committee member to run a camp: the old unit is dropped, the new facility set', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    const res = await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(t.adminToken))
      .send({ role: 'camp_manager', facilityId: facility.id })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'camp_manager', facilityId: facility.id, adminUnitCode: null });

    // The old token had the old scope: it is revoked; a new sign-in carries the new one.
    await t.http().get('/api/v1/auth/me').set(bearer(user.token)).expect(401);
    const token = await t.login(user.username, 'a-good-password');
    const me = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ role: 'camp_manager', facilityId: facility.id });
  });

  it('moves a committee to another unit, and refuses a role without the scope it needs', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ adminUnitCode: '950' }).expect(200);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ role: 'camp_manager' }).expect(422);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ adminUnitCode: '999' }).expect(404);
    const res = await t.http().get(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).expect(200);
    expect(res.body).toMatchObject({ role: 'district_committee', adminUnitCode: '950' });
  });

  it('changes a password: the old one stops working', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ password: 'brand-new-password' }).expect(200);
    await t.http().post('/api/v1/auth/login').send({ username: user.username, password: 'a-good-password' }).expect(401);
    await t.login(user.username, 'brand-new-password');
  });

  it('deactivates and reactivates an account; the tokens of before stay revoked', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    const off = await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ active: false }).expect(200);
    expect(off.body.active).toBe(false);
    await t.http().get('/api/v1/auth/me').set(bearer(user.token)).expect(401);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ active: true }).expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(user.token)).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(await t.login(user.username, 'a-good-password'))).expect(200);
  });

  it('refuses malformed changes and unknown users', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    const patch = (id: string, body: object) => t.http().patch(`/api/v1/users/${id}`).set(bearer(t.adminToken)).send(body);
    await patch(user.id, { role: 'root' }).expect(400);
    await patch(user.id, { active: 'no' }).expect(400);
    await patch(user.id, { username: 'renamed' }).expect(400);
    await patch(user.id, { fullName: null }).expect(400);
    await patch(user.id, { role: null }).expect(400);
    await patch(user.id, { active: null }).expect(400);
    await patch(user.id, { password: null }).expect(400);
    await patch(UNKNOWN_ID, { fullName: 'Nobody' }).expect(404);
    await patch('not-a-uuid', { fullName: 'Nobody' }).expect(400);
  });

  it('keeps user management to admins: committees and camp managers get 403', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    const manager = await userToken(t, 'camp_manager', { facilityId: facility.id });
    for (const token of [committee.token, manager.token]) {
      await t.http().get('/api/v1/users').set(bearer(token)).expect(403);
      await t.http().get(`/api/v1/users/${committee.id}`).set(bearer(token)).expect(403);
      await t.http().patch(`/api/v1/users/${committee.id}`).set(bearer(token)).send({ role: 'admin' }).expect(403);
      await t
        .http()
        .post('/api/v1/users')
        .set(bearer(token))
        .send({ username: 'sneaky', fullName: 'Sneaky', password: 'long-enough-7', role: 'admin' })
        .expect(403);
    }
  });
});
