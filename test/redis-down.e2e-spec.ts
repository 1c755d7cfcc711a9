import { bearer } from './helpers/fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

/** Redis is for the job queue and health only: without it the API keeps serving. */
describe('with Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on this port: the app starts as it would during a Redis outage.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6399', JOBS_SCHEDULER_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('keeps serving the API', async () => {
    await t.http().get('/api/v1/facilities').set(bearer(t.adminToken)).expect(200);
    await t.http().get('/api/v1/jobs').set(bearer(t.adminToken)).expect(200);
  });

  it('reports Redis down in /health', async () => {
    const res = await t.http().get('/health').expect(503);
    expect(res.body.error.redis).toMatchObject({ status: 'down' });
  });

  it('answers a manual job run with 503 instead of hanging', async () => {
    const res = await t.http().post('/api/v1/jobs/flag-capacity/run').set(bearer(t.adminToken)).expect(503);
    expect(res.body.code).toBe('JOB_QUEUE_UNAVAILABLE');
  });
});
