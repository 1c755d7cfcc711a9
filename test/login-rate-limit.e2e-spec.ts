import { ADMIN, createTestApp, TestApp } from './helpers/test-app';

// An app of its own: the limits are read from the environment when the app boots. Per account and
// address: 3 attempts; per address across usernames: 12. Every request of this file comes from
// 127.0.0.1, so the address budget is shared by the tests below: each stays well inside it, except
// the spraying test, which exhausts it on purpose and so runs last.
describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_ADDRESS_RATE_LIMIT: '12' });
  }, 300_000);
  afterAll(() => t.close());

  const attempt = (username: string) => t.http().post('/api/v1/auth/login').send({ username, password: 'guess-123' });

  function expectStandard429(res: { status: number; body: any; headers: Record<string, string> }) {
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
    expect(res.body.message).not.toMatch(/ThrottlerException/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }

  it('slows down password guessing on one account with 429, Retry-After and the standard body', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('guessed')).status).toBe(401);
    expectStandard429(await attempt('guessed'));
  });

  it('counts browser sign-ins and token logins together', async () => {
    const body = { username: 'guessed-too', password: 'guess-123' };
    expect((await t.http().post('/api/v1/auth/session').send(body)).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send(body)).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/session').send(body)).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/session').send(body)).status).toBe(429);
    expect((await t.http().post('/api/v1/auth/login').send(body)).status).toBe(429);
  });

  it('keeps counting per account, so other users can still sign in', async () => {
    await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: ADMIN.password }).expect(200);
  });

  it('slows down spraying one password over many usernames from one address', async () => {
    let refused: Awaited<ReturnType<typeof attempt>> | undefined;
    // Every username is new, so the per-account limit never applies: only the per-address one can.
    for (let i = 0; i < 13 && !refused; i++) {
      const res = await attempt(`sprayed-${i}`);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(401);
    }
    expect(refused).toBeDefined();
    expectStandard429(refused!);
    // From this address even the right password now waits.
    expect((await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: ADMIN.password })).status).toBe(429);
  });
});
