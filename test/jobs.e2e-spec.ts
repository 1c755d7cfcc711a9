import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe('scheduled flag jobs and alerts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const run = async (name: string) =>
    (await t.http().post(`/api/v1/jobs/${name}/run`).query({ wait: 'true' }).set(bearer(t.adminToken)).expect(200)).body;
  const alertsOf = (stayOrFacilityId: string) =>
    t.sql(
      `SELECT type, status, subject_date::text AS subject_date, message FROM alerts
        WHERE stay_id = $1 OR (stay_id IS NULL AND facility_id = $1) ORDER BY type::text, subject_date`,
      [stayOrFacilityId],
    );
  const recordSample = (stayId: string, day: number, result = 'negative', sampledAt = new Date().toISOString()) =>
    t.sql(
      `INSERT INTO test_samples (stay_id, scheduled_day, kind, sampled_at, result, result_at)
       VALUES ($1, $2, 'rt_pcr', $3, $4::test_result, CASE WHEN $4::text = 'pending' THEN NULL ELSE now() END)`,
      [stayId, day, sampledAt, result],
    );

  describe('flag-tests', () => {
    it('raises test_overdue for past test days without a sample, test_due for today, and resolves them when taken', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      await createRoom(t, f.id, { beds: 1 });
      const late = await admit(t, f.id, { admittedAt: daysAgo(8) });
      const today = await admit(t, f.id);

      const first = await run('flag-tests');
      expect(first).toMatchObject({ raised: expect.any(Number), resolved: 0, durationMs: expect.any(Number) });
      expect((await alertsOf(late.id)).map((a) => [a.type, a.subject_date])).toEqual([
        ['test_overdue', late.scheduledTests[0].dueDate],
        ['test_overdue', late.scheduledTests[1].dueDate],
      ]);
      const [due] = await alertsOf(today.id);
      expect(due).toMatchObject({ type: 'test_due', status: 'open' });
      expect(due.message).toMatch(/Day 1 test of .* is due today/);

      expect(await run('flag-tests')).toMatchObject({ raised: 0, resolved: 0 });

      await recordSample(late.id, 1);
      await recordSample(today.id, 1, 'pending');
      expect(await run('flag-tests')).toMatchObject({ raised: 0, resolved: 2 });
      expect((await alertsOf(late.id)).map((a) => a.status)).toEqual(['resolved', 'open']);
    });

    it('raises nothing twice when two runs go at once', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { admittedAt: daysAgo(3) });
      await Promise.all([run('flag-tests'), run('flag-tests'), run('flag-tests')]);
      const rows = await alertsOf(stay.id);
      expect(rows).toHaveLength(1);
    });
  });

  describe('flag-overdue-releases', () => {
    it('raises release_overdue for a stay past its release time and resolves it on release', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { admittedAt: daysAgo(20) });
      await run('flag-overdue-releases');
      const [overdue] = await alertsOf(stay.id);
      expect(overdue).toMatchObject({ type: 'release_overdue', status: 'open' });
      expect(overdue.message).toMatch(/was due for release on .* and is still here/);
      await release(t, stay.id, OVERRIDE).expect(200);
      expect(await run('flag-overdue-releases')).toMatchObject({ resolved: expect.any(Number) });
      expect((await alertsOf(stay.id)).map((a) => a.status)).toEqual(['resolved']);
    });

    it('raises release_ready once every scheduled test is negative and the period is served', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { admittedAt: daysAgo(15) });
      for (const { day } of stay.scheduledTests) await recordSample(stay.id, day, day === 14 ? 'pending' : 'negative');
      await run('flag-overdue-releases');
      expect((await alertsOf(stay.id)).map((a) => a.type)).toEqual(['release_overdue']);
      await t.sql(`UPDATE test_samples SET result = 'negative', result_at = now() WHERE stay_id = $1`, [stay.id]);
      await run('flag-overdue-releases');
      expect((await alertsOf(stay.id)).map((a) => a.type)).toEqual(['release_overdue', 'release_ready']);
    });
  });

  describe('flag-capacity', () => {
    it('raises capacity_high at 90% and moves to capacity_full at 100%', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 10 });
      for (let i = 0; i < 9; i++) await admit(t, f.id);
      await run('flag-capacity');
      expect((await alertsOf(f.id)).map((a) => [a.type, a.status])).toEqual([['capacity_high', 'open']]);
      await admit(t, f.id);
      await run('flag-capacity');
      expect((await alertsOf(f.id)).map((a) => [a.type, a.status])).toEqual([
        ['capacity_full', 'open'],
        ['capacity_high', 'resolved'],
      ]);
      const [full] = await alertsOf(f.id);
      expect(full.message).toMatch(/100% full: 10 of 10 beds/);
    });
  });

  describe('flag-staffing', () => {
    it('raises understaffed for a role short in the next 24 hours and resolves it when the roster covers it', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      await admit(t, f.id);
      await t
        .http()
        .put(`/api/v1/facilities/${f.id}/staffing-requirements`)
        .set(bearer(t.adminToken))
        .send({ requirements: [{ role: 'medical', minOnDuty: 1 }] })
        .expect(200);
      await run('flag-staffing');
      const [short] = await alertsOf(f.id);
      expect(short).toMatchObject({ type: 'understaffed', status: 'open' });
      expect(short.message).toMatch(/is short of medical staff from .*: 0 on duty, 1 required/);

      const staff = await t
        .http()
        .post('/api/v1/staff')
        .set(bearer(t.adminToken))
        .send({ fullName: 'Bác sĩ mẫu', role: 'medical', agency: 'Sở Y tế', adminUnitCode: '947' })
        .expect(201);
      await t
        .http()
        .post(`/api/v1/facilities/${f.id}/assignments`)
        .set(bearer(t.adminToken))
        .send({
          staffId: staff.body.id,
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          endsAt: new Date(Date.now() + 26 * 3_600_000).toISOString(),
        })
        .expect(201);
      expect(await run('flag-staffing')).toMatchObject({ raised: 0, resolved: 1 });
    });
  });

  describe('alerts API', () => {
    it('lists alerts in scope and lets people acknowledge them once', async () => {
      const f = await createFacility(t, { adminUnitCode: '948' });
      await createRoom(t, f.id, { beds: 1 });
      await admit(t, f.id, { admittedAt: daysAgo(2) });
      await run('flag-tests');
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '948' });
      const outsider = await userToken(t, 'district_committee', { adminUnitCode: '949' });

      const mine = await t.http().get('/api/v1/alerts').query({ adminUnitCode: '948', status: 'open' }).set(bearer(committee.token)).expect(200);
      expect(mine.body.total).toBe(1);
      const alert = mine.body.items[0];
      expect(alert).toMatchObject({ type: 'test_overdue', facilityId: f.id, status: 'open' });

      await t.http().get('/api/v1/alerts').query({ adminUnitCode: '948' }).set(bearer(outsider.token)).expect(403);
      const theirs = await t.http().get('/api/v1/alerts').set(bearer(outsider.token)).expect(200);
      expect(theirs.body.items.find((a: { id: string }) => a.id === alert.id)).toBeUndefined();
      await t.http().post(`/api/v1/alerts/${alert.id}/acknowledge`).set(bearer(outsider.token)).expect(404);

      const ack = await t.http().post(`/api/v1/alerts/${alert.id}/acknowledge`).set(bearer(committee.token)).expect(200);
      expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: committee.id });
      await t.http().post(`/api/v1/alerts/${alert.id}/acknowledge`).set(bearer(committee.token)).expect(409);
      await t.http().post(`/api/v1/alerts/00000000-0000-4000-8000-000000000000/acknowledge`).set(bearer(t.adminToken)).expect(404);
      await t.http().get('/api/v1/alerts').query({ type: 'fire' }).set(bearer(t.adminToken)).expect(400);

      // An acknowledged alert is not raised again while its condition lasts.
      expect(await run('flag-tests')).toMatchObject({ raised: 0 });
    });
  });

  describe('jobs API', () => {
    it('lists the jobs with their schedules and last runs', async () => {
      await run('flag-capacity');
      const res = await t.http().get('/api/v1/jobs').set(bearer(t.adminToken)).expect(200);
      const names = res.body.map((j: { name: string }) => j.name);
      expect(names).toEqual(
        expect.arrayContaining(['flag-tests', 'flag-overdue-releases', 'flag-capacity', 'flag-staffing', 'flag-health-checks', 'flag-home-monitoring']),
      );
      expect(names).toEqual([...names].sort());
      const capacity = res.body.find((j: { name: string }) => j.name === 'flag-capacity');
      expect(capacity).toMatchObject({ queue: 'flag-jobs', cron: '*/15 * * * *', timeZone: 'Asia/Ho_Chi_Minh', stale: false });
      expect(capacity.lastSucceededAt).not.toBeNull();
      expect(capacity.lastResult).toEqual({ raised: capacity.lastRaised, resolved: capacity.lastResolved });
    });

    it('queues a run without waiting, refuses unknown jobs (404) and non-admins (403)', async () => {
      const queued = await t.http().post('/api/v1/jobs/flag-capacity/run').set(bearer(t.adminToken)).expect(200);
      expect(queued.body).toMatchObject({ status: 'queued', jobId: expect.any(String) });
      const res = await t.http().post('/api/v1/jobs/make-coffee/run').set(bearer(t.adminToken)).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await t.http().post('/api/v1/jobs/flag-tests/run').query({ wait: 'maybe' }).set(bearer(t.adminToken)).expect(400);
      const manager = await userToken(t, 'camp_manager', { facilityId: (await createFacility(t)).id });
      await t.http().post('/api/v1/jobs/flag-tests/run').set(bearer(manager.token)).expect(403);
      await t.http().get('/api/v1/jobs').set(bearer(manager.token)).expect(403);
    });

    it('reports a job that has not succeeded for two intervals in /health', async () => {
      await t.sql(
        `INSERT INTO job_runs (job_name, last_succeeded_at) VALUES ('flag-tests', now() - interval '3 hours')
         ON CONFLICT (job_name) DO UPDATE SET last_succeeded_at = EXCLUDED.last_succeeded_at`,
      );
      const health = await t.http().get('/health').expect(503);
      expect(health.body.error.jobs).toMatchObject({ status: 'down', stale: [{ name: 'flag-tests' }] });
      await run('flag-tests');
      await t.http().get('/health').expect(200);
    });

    it('runs a scheduled tick once, however often the queue hands it out', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      await admit(t, f.id, { admittedAt: daysAgo(3) });
      const { JobsService } = await import('../src/jobs/jobs.service');
      const jobs = t.app.get(JobsService);
      const tick = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
      // What Bull hands a worker for a repeatable job: its schedule and the time of its tick.
      const handedOut = () =>
        ({ opts: { repeat: { cron: '0 * * * *' }, prevMillis: tick.getTime() }, progress: async () => undefined }) as never;
      const results = await Promise.all([
        jobs.execute('flag-tests', { trigger: 'schedule' }, handedOut()),
        jobs.execute('flag-tests', { trigger: 'schedule' }, handedOut()),
      ]);
      const [skipped, ran] = results.map((r) => r.raised ?? 0).sort((a, b) => a - b);
      expect(skipped).toBe(0);
      expect(ran).toBeGreaterThanOrEqual(1);
      const ticks = await t.sql(`SELECT count(*)::int AS n FROM job_ticks WHERE job_name = 'flag-tests' AND tick_at = $1`, [tick]);
      expect(ticks).toEqual([{ n: 1 }]);
      // A manual run is not a tick: it always runs.
      expect((await jobs.execute('flag-tests')).raised).toBe(0);
    });

    it('serves the queue dashboard to admins only', async () => {
      await t.http().get('/admin/queues').expect(401);
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
      await t.http().get('/admin/queues').set(bearer(committee.token)).expect(403);
      const res = await t.http().get('/admin/queues').set(bearer(t.adminToken)).expect(200);
      expect(res.text).toMatch(/<html/i);
    });
  });
});
