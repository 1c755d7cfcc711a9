import { bearer, createFacility, createRoom } from './helpers/fixtures';
import { deleteKeysWithPrefix } from './helpers/redis';
import { admit } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/**
 * Bull keeps repeatable jobs in Redis only. These tests run the real scheduler against the real Redis
 * (under this test's own key prefix) and take its data away.
 */
describe('repeatable jobs and Redis losing its data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JOBS_SCHEDULER_ENABLED: 'true', JOBS_RECONCILE_INTERVAL_SECONDS: '5' });
  });
  afterAll(() => t.close());

  const repeatables = async () => {
    const { getQueueToken } = await import('@nestjs/bull');
    const queue = t.app.get(getQueueToken('flag-jobs'));
    return (await queue.getRepeatableJobs()) as { name: string; cron: string; key: string }[];
  };

  it('registers one repeatable per configured job at start-up', async () => {
    const jobs = (await t.http().get('/api/v1/jobs').set(bearer(t.adminToken)).expect(200)).body;
    const registered = await repeatables();
    expect(registered.map((r) => `${r.name} ${r.cron}`).sort()).toEqual(
      jobs.filter((j: { queue: string }) => j.queue === 'flag-jobs').map((j: { name: string; cron: string }) => `${j.name} ${j.cron}`).sort(),
    );
  });

  it('re-registers the repeatables after Redis is flushed, and the next run catches up on everything', async () => {
    const before = (await repeatables()).length;
    const f = await createFacility(t);
    await createRoom(t, f.id, { beds: 1 });
    const stay = await admit(t, f.id, { admittedAt: daysAgo(3) });

    expect(await deleteKeysWithPrefix(t.dbName)).toBeGreaterThan(0);
    expect(await repeatables()).toHaveLength(0);
    // The API keeps serving meanwhile.
    await t.http().get('/api/v1/facilities').set(bearer(t.adminToken)).expect(200);

    let restored = 0;
    for (let i = 0; i < 40 && restored < before; i++) {
      await new Promise((r) => setTimeout(r, 250));
      restored = (await repeatables()).length;
    }
    expect(restored).toBe(before);

    const result = (await t.http().post('/api/v1/jobs/flag-tests/run').query({ wait: 'true' }).set(bearer(t.adminToken)).expect(200)).body;
    expect(result.raised).toBeGreaterThanOrEqual(1);
    const [row] = await t.sql(`SELECT count(*)::int AS n FROM alerts WHERE stay_id = $1`, [stay.id]);
    expect(row.n).toBe(1);
  });

  it('removes a stale repeatable left by a changed schedule', async () => {
    const { getQueueToken } = await import('@nestjs/bull');
    const queue = t.app.get(getQueueToken('flag-jobs'));
    await queue.add('flag-tests', {}, { repeat: { cron: '5 5 * * *', tz: 'Asia/Ho_Chi_Minh' } });
    const configured = (await t.http().get('/api/v1/jobs').set(bearer(t.adminToken))).body.filter(
      (j: { queue: string }) => j.queue === 'flag-jobs',
    ).length;
    expect((await repeatables()).length).toBe(configured + 1);
    const { JobsScheduler } = await import('../src/jobs/jobs.scheduler');
    const changes = await t.app.get(JobsScheduler).reconcile();
    expect(changes.removed).toEqual(['flag-tests (5 5 * * *)']);
    expect((await repeatables()).length).toBe(configured);
  });
});
