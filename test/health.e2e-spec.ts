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

  it('answers the liveness and readiness probes without a token, outside /api', async () => {
    expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({
      shutdown: { status: 'up' },
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
    });
    await t.http().get('/api/v1/health/ready').expect(404);
  });

  it('documents the probes in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    for (const path of ['/health', '/health/live', '/health/ready']) {
      expect(doc.paths[path].get.summary).toEqual(expect.any(String));
      expect(doc.paths[path].get.security).toEqual([]);
    }
    expect(doc.paths['/health/ready'].get.responses['503']).toBeDefined();
  });

  it('turns malformed JSON into a 400', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(res.status).toBe(400);
  });

  // Last: the app is on its way out after this one.
  it('turns readiness to 503 the moment the process starts shutting down, while liveness stays 200', async () => {
    const { Lifecycle } = await import('../src/common/lifecycle/lifecycle.service');
    void t.app.get(Lifecycle).beginShutdown();
    const res = await t.http().get('/health/ready').expect(503);
    expect(res.body.error).toMatchObject({ shutdown: { status: 'down', message: 'shutting down' } });
    expect(res.headers.connection).toBe('close');
    await t.http().get('/health/live').expect(200);
  });
});
