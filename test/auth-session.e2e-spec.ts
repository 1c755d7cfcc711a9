import request from 'supertest';
import { bearer, createFacility } from './helpers/fixtures';
import { ADMIN, createTestApp, TestApp } from './helpers/test-app';

/** The cookies a response set, as `name=value` pairs ready for a Cookie header, and their attributes. */
function cookiesOf(res: request.Response): { header: string; raw: string[]; value: (name: string) => string } {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const pairs = raw.map((c) => c.split(';')[0]);
  return {
    raw,
    header: pairs.join('; '),
    value: (name) => pairs.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1) ?? '',
  };
}

describe('browser sessions with a cookie', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signIn(credentials = ADMIN) {
    const res = await t.http().post('/api/v1/auth/session').send(credentials).expect(200);
    return { res, cookies: cookiesOf(res) };
  }

  it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, without the token in the body', async () => {
    const { res, cookies } = await signIn();
    expect(res.body).toEqual({
      expiresIn: expect.any(Number),
      csrfToken: cookies.value('cachly_csrf'),
      user: expect.objectContaining({ username: 'admin', role: 'admin' }),
    });
    const session = cookies.raw.find((c) => c.startsWith('cachly_session='))!;
    const csrf = cookies.raw.find((c) => c.startsWith('cachly_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i); // not in production
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/SameSite=Strict/i);
  });

  it('reads with the cookie alone', async () => {
    const { cookies } = await signIn();
    const me = await t.http().get('/api/v1/auth/me').set('Cookie', cookies.header).expect(200);
    expect(me.body.username).toBe('admin');
  });

  it('refuses a change authenticated by the cookie without the echoed CSRF token, with 403 CSRF_FAILED', async () => {
    const { cookies } = await signIn();
    const body = { code: 'F-CSRF', name: 'Khu cách ly', kind: 'district_camp', adminUnitCode: '947', status: 'active' };
    const missing = await t.http().post('/api/v1/facilities').set('Cookie', cookies.header).send(body).expect(403);
    expect(missing.body.code).toBe('CSRF_FAILED');
    const wrong = await t
      .http()
      .post('/api/v1/facilities')
      .set('Cookie', cookies.header)
      .set('X-CSRF-Token', 'not-the-token')
      .send(body)
      .expect(403);
    expect(wrong.body.code).toBe('CSRF_FAILED');
    expect((await t.sql(`SELECT 1 FROM facilities WHERE code = 'F-CSRF'`)).length).toBe(0);

    await t
      .http()
      .post('/api/v1/facilities')
      .set('Cookie', cookies.header)
      .set('X-CSRF-Token', cookies.value('cachly_csrf'))
      .send(body)
      .expect(201);
  });

  it('still takes bearer tokens without any CSRF token', async () => {
    await createFacility(t);
    await t.http().get('/api/v1/auth/me').set(bearer(t.adminToken)).expect(200);
  });

  it('signs out by clearing both cookies', async () => {
    const res = await t.http().delete('/api/v1/auth/session').expect(204);
    const cleared = cookiesOf(res).raw;
    expect(cleared.find((c) => c.startsWith('cachly_session=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared.find((c) => c.startsWith('cachly_csrf=;'))).toBeDefined();
  });

  it('ends the signed-out session’s token at once, and only that one', async () => {
    const first = await signIn();
    const second = await signIn();
    await t
      .http()
      .delete('/api/v1/auth/session')
      .set('Cookie', first.cookies.header)
      .set('X-CSRF-Token', first.cookies.value('cachly_csrf'))
      .expect(204);
    // A copy of the old cookie (or its token as a bearer header) no longer works.
    const copied = await t.http().get('/api/v1/auth/me').set('Cookie', first.cookies.header).expect(401);
    expect(copied.body.code).toBe('SESSION_INVALID');
    await t.http().get('/api/v1/auth/me').set(bearer(first.cookies.value('cachly_session'))).expect(401);
    // The same user's other session goes on.
    await t.http().get('/api/v1/auth/me').set('Cookie', second.cookies.header).expect(200);
  });

  it('signs a bearer token out too, and takes a second sign-out of the same token in its stride', async () => {
    const { body } = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    await t.http().delete('/api/v1/auth/session').set(bearer(body.accessToken)).expect(204);
    await t.http().delete('/api/v1/auth/session').set(bearer(body.accessToken)).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(body.accessToken)).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(t.adminToken)).expect(200);
  });

  it('keeps no revocation past the token’s own expiry: a sign-out clears the expired rows', async () => {
    await t.sql(`INSERT INTO revoked_tokens (jti, expires_at) VALUES (gen_random_uuid(), now() - interval '1 minute')`);
    const { cookies } = await signIn();
    await t.http().delete('/api/v1/auth/session').set('Cookie', cookies.header).expect(204);
    const rows = await t.sql(`SELECT expires_at FROM revoked_tokens WHERE expires_at < now()`);
    expect(rows).toEqual([]);
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await t.http().post('/api/v1/auth/session').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('opens the queue dashboard to a signed-in admin by cookie, not to a committee', async () => {
    const { cookies } = await signIn();
    await t.http().get('/admin/queues').set('Cookie', cookies.header).expect(200);
    await t.http().get('/admin/queues').expect(401);
    await t
      .http()
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ username: 'uyban.myxuyen', fullName: 'Ủy ban', password: 'a-good-password', role: 'district_committee', adminUnitCode: '947' })
      .expect(201);
    const committee = await signIn({ username: 'uyban.myxuyen', password: 'a-good-password' });
    await t.http().get('/admin/queues').set('Cookie', committee.cookies.header).expect(403);
  });
});
