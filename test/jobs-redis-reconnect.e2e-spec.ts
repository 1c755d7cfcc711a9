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

  type Queue = { client: Redis; getRepeatableJobs(): Promise<{ name: string }[]> };
  /** Every queue that has a scheduled job (flag jobs, the exports clean-up, …). */
  const scheduledQueues = async (): Promise<Queue[]> => {
    const { getQueueToken } = await import('@nestjs/bull');
    const jobs: { queue: string; cron: string | null }[] = (
      await t.http().get('/api/v1/jobs').set({ Authorization: `Bearer ${t.adminToken}` }).expect(200)
    ).body;
    return [...new Set(jobs.filter((j) => j.cron !== null).map((j) => j.queue))].map((name) => t.app.get(getQueueToken(name)) as Queue);
  };
  const repeatables = async (queues: Queue[]) =>
    (await Promise.all(queues.map((q) => q.getRepeatableJobs().catch(() => [])))).flat().map((j) => j.name).sort();

  it('says the jobs are degraded while their schedules are missing, and re-registers them within 10 s of reconnecting', async () => {
    const queues = await scheduledQueues();
    const configured = await repeatables(queues);
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
    const admin = new Redis('redis://127.0.0.1:6379');
    try {
      for (const q of queues) await admin.client('KILL', 'ID', String(await q.client.client('ID')));
    } finally {
      admin.disconnect();
    }

    let restored: string[] = [];
    for (let i = 0; i < 40 && restored.length < configured.length; i++) {
      await new Promise((r) => setTimeout(r, 250));
      restored = await repeatables(queues);
    }
    expect(restored).toEqual(configured);
    const healthy = await t.http().get('/health').expect(200);
    expect(healthy.body.info.jobs).toEqual({ status: 'up' });
  });
});
