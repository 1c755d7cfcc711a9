import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { bearer, createFacility, userToken } from './helpers/fixtures';
import { ADMIN, createTestApp, TestApp } from './helpers/test-app';

describe('signing in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives the first admin a token and says who they are', async () => {
    const res = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: expect.any(String), username: 'admin', role: 'admin', facilityId: null, adminUnitCode: null },
    });
  });

  it('accepts the username in any case', async () => {
    await t.http().post('/api/v1/auth/login').send({ ...ADMIN, username: 'ADMIN' }).expect(200);
  });

  it('refuses a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'not-the-password' });
    const unknown = await t.http().post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('refuses unknown fields and missing ones with 400', async () => {
    await t.http().post('/api/v1/auth/login').send({ ...ADMIN, remember: true }).expect(400);
    await t.http().post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
    await t.http().post('/api/v1/auth/login').send({ username: 42, password: ['x'] }).expect(400);
  });

  it('tells a signed-in user who they are and what their scope is', async () => {
    const facility = await createFacility(t);
    const manager = await userToken(t, 'camp_manager', { facilityId: facility.id });
    const res = await t.http().get('/api/v1/auth/me').set(bearer(manager.token)).expect(200);
    expect(res.body).toEqual({
      id: manager.id,
      username: manager.username,
      role: 'camp_manager',
      facilityId: facility.id,
      adminUnitCode: null,
    });
  });

  it('answers 401 without a token, with a malformed one, or with one signed by someone else', async () => {
    await t.http().get('/api/v1/auth/me').expect(401);
    await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Basic ${t.adminToken}`).expect(401);
    const forged = new JwtService({ secret: 'some-other-secret-that-is-long-enough-to-sign' }).sign({
      sub: '00000000-0000-4000-8000-000000000000',
    });
    await t.http().get('/api/v1/auth/me').set(bearer(forged)).expect(401);
  });

  it('stops accepting the token of a user who is deactivated, and refuses their password', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    await t.http().get('/api/v1/auth/me').set(bearer(committee.token)).expect(200);

    await t.http().patch(`/api/v1/users/${committee.id}`).set(bearer(t.adminToken)).send({ active: false }).expect(200);

    await t.http().get('/api/v1/auth/me').set(bearer(committee.token)).expect(401);
    await t.http().get('/api/v1/facilities').set(bearer(committee.token)).expect(401);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: committee.username, password: 'a-good-password' })
      .expect(401);
  });

  it('applies a role change at once: tokens issued before it stop working, a new sign-in has the new role', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    await t.http().get('/api/v1/users').set(bearer(user.token)).expect(403);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ role: 'admin' }).expect(200);
    await t.http().get('/api/v1/users').set(bearer(user.token)).expect(401);
    const fresh = await t.login(user.username, 'a-good-password');
    await t.http().get('/api/v1/users').set(bearer(fresh)).expect(200);
  });
  it('stores a password hashed with older settings again with today\'s at the next sign-in, and it still works', async () => {
    const user = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    // The argon2 library's default settings (64 MiB, 3 passes, 4 lanes), as hashes were made before.
    const old = await argon2.hash('a-good-password', { type: argon2.argon2id });
    await t.sql(`UPDATE users SET password_hash = $2 WHERE id = $1`, [user.id, old]);

    await t.login(user.username, 'a-good-password');
    const [{ password_hash: stored }] = await t.sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(stored).not.toBe(old);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await t.login(user.username, 'a-good-password');
    await t.http().post('/api/v1/auth/login').send({ username: user.username, password: 'not-the-password' }).expect(401);
  });
});
