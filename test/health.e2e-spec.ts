import { createTestApp, TestApp } from './helpers/test-app';

describe('service basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports database and Redis health without a token', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document and Swagger UI without a token', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    await t.http().get('/docs').expect(200);
  });

  it('gives every response a request id', async () => {
    const res = await t.http().get('/health').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('answers unknown routes with 404 and API routes without a token with 401', async () => {
    await t.http().get('/api/v1/nothing-here').expect(404);
    const res = await t.http().get('/api/v1/facilities').expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String), error: 'Unauthorized' });
  });

  it('turns malformed JSON into a 400', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(res.status).toBe(400);
  });
});
