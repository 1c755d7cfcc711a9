import Redis from 'ioredis';
import { deleteKeysWithPrefix } from './helpers/redis';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * A Redis that restarts empty: the service's connections drop and come back to a Redis without the
 * repeatable jobs. The reconnection itself must bring them back, long before the periodic check
 * (here an hour away) would.
 */
describe('repeatable jobs when Redis comes back empty', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JOBS_SCHEDULER_ENABLED: 'true', JOBS_RECONCILE_INTERVAL_SECONDS: '3600' });
  });
  afterAll(() => t.close());

  const queue = async () => {
    const { getQueueToken } = await import('@nestjs/bull');
    return t.app.get(getQueueToken('flag-jobs')) as { client: Redis; getRepeatableJobs(): Promise<{ name: string }[]> };
  };

  it('says the jobs are degraded while their schedules are missing, and re-registers them within 10 s of reconnecting', async () => {
    const q = await queue();
    const configured = (await q.getRepeatableJobs()).map((j) => j.name).sort();
    expect(configured.length).toBeGreaterThan(0);
    await t.http().get('/health').expect(200);

    // Redis loses this deployment's data (only keys under the test's own prefix: Redis is shared).
    expect(await deleteKeysWithPrefix(t.dbName)).toBeGreaterThan(0);
    const degraded = await t.http().get('/health').expect(503);
    expect(degraded.body.error.jobs).toMatchObject({ status: 'down', degraded: true });
    expect([...degraded.body.error.jobs.missing].sort()).toEqual(configured);
    // Readiness is about serving requests, which the API still does.
    await t.http().get('/health/ready').expect(200);

    // The restart: the queue's connection is cut by the server and reconnects by itself.
    const id = await q.client.client('ID');
    const admin = new Redis('redis://127.0.0.1:6379');
    try {
      await admin.client('KILL', 'ID', String(id));
    } finally {
      admin.disconnect();
    }

    let restored: string[] = [];
    for (let i = 0; i < 40 && restored.length < configured.length; i++) {
      await new Promise((r) => setTimeout(r, 250));
      restored = (await q.getRepeatableJobs().catch(() => [])).map((j) => j.name).sort();
    }
    expect(restored).toEqual(configured);
    const healthy = await t.http().get('/health').expect(200);
    expect(healthy.body.info.jobs).toEqual({ status: 'up' });
  });
});
