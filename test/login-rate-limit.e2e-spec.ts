import { ADMIN, createTestApp, TestApp } from './helpers/test-app';

// An app of its own: the limit is read from the environment when the app boots.
describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('slows down password guessing on one account with 429', async () => {
    const attempt = () => t.http().post('/api/v1/auth/login').send({ username: 'guessed', password: 'guess-123' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const res = await attempt();
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, message: expect.any(String) });
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
});
