import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AppProcess, startAppProcess } from './helpers/app-process';
import { createTestDatabase, dropTestDatabase } from './helpers/database';
import { bearer, createFacility, createRoom } from './helpers/fixtures';
import { deleteKeysWithPrefix } from './helpers/redis';
import { admitRequest, newPerson, OVERRIDE } from './helpers/stays';
import { TestApp } from './helpers/test-app';

const DAY = 86_400_000;
const TICK_SECONDS = 2;

/**
 * Two processes of the service behind one load balancer: one database, one Redis (one key prefix).
 * Whatever arrives at which of them, the database keeps its rules and each scheduled tick runs once.
 */
describe('two instances on one database and one Redis', () => {
  let db: { name: string; url: string };
  let instances: AppProcess[] = [];
  let pg: Client;
  const sql = async <T = any>(query: string, params: unknown[] = []) => (await pg.query(query, params)).rows as T[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_PREFIX: db.name,
      JOBS_SCHEDULER_ENABLED: 'true',
      // A tick every two seconds (tests may schedule by the second); the other jobs keep their schedules.
      JOB_CRON_FLAG_TESTS: `*/${TICK_SECONDS} * * * * *`,
    };
    // Started at the same moment on an empty database: they must not both run the migrations.
    instances = await Promise.all([startAppProcess(env), startAppProcess(env)]);
    pg = new Client({ connectionString: db.url });
    pg.on('error', () => undefined);
    await pg.connect();
  }, 300_000);

  afterAll(async () => {
    await pg?.end();
    await Promise.all(instances.map((i) => i.kill()));
    await dropTestDatabase(db.name);
    await deleteKeysWithPrefix(db.name);
  });

  const as = (i: number, token: string) => ({ http: instances[i % 2].http, adminToken: token }) as unknown as TestApp;

  it('applied each migration once and created one first admin', async () => {
    const [{ migrations, distinct }] = await sql(`SELECT count(*)::int AS migrations, count(DISTINCT name)::int AS distinct FROM migrations`);
    expect(migrations).toBe(distinct);
    expect(await sql(`SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 1 }]);
  });

  it('keeps beds and people single-booked with admissions and releases fired at both in turn', async () => {
    const token = await instances[0].login();
    const facility = await createFacility(as(0, token));
    for (let r = 0; r < 3; r++) await createRoom(as(1, token), facility.id, { code: `R${r}`, beds: 8 });

    // 60 admissions for 24 beds, to both instances in turn, 12 at a time; 20 of them are the same
    // request sent to both (same person, same key).
    const people = Array.from({ length: 40 }, () => newPerson());
    const requests = Array.from({ length: 60 }, (_, i) => ({
      to: i,
      key: i < 40 ? randomUUID() : undefined,
      body: { facilityId: facility.id, classification: 'F1', person: people[i % 40] },
    }));
    for (let i = 40; i < 60; i++) requests[i].key = requests[i - 40].key;
    const admitted: { status: number; id?: string }[] = [];
    for (let i = 0; i < requests.length; i += 12) {
      admitted.push(
        ...(await Promise.all(
          requests.slice(i, i + 12).map(async (r) => {
            const res = await admitRequest(as(r.to, token), token, r.body, r.key);
            return { status: res.status, id: res.body.id as string | undefined };
          }),
        )),
      );
    }
    expect(admitted.filter((a) => ![201, 409].includes(a.status))).toEqual([]);

    // Every open stay released at both instances at once: one release wins, the other hears 409.
    const open = await sql<{ id: string }>(`SELECT id FROM stays WHERE status = 'admitted' AND facility_id = $1`, [facility.id]);
    expect(open.length).toBeGreaterThan(0);
    const releases = await Promise.all(
      open.flatMap((s) =>
        [0, 1].map((i) => instances[i].http().post(`/api/v1/stays/${s.id}/release`).set(bearer(token)).send(OVERRIDE)),
      ),
    );
    const statuses = releases.map((r) => r.status);
    expect(statuses.filter((s) => s === 200 || s === 201).length).toBe(open.length);
    expect(statuses.filter((s) => s === 409).length).toBe(open.length);

    // Then admit again into the freed beds, through both.
    const again = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        admitRequest(as(i, token), token, { facilityId: facility.id, classification: 'F1', person: newPerson() }),
      ),
    );
    expect(again.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);

    const [inv] = await sql(`
      SELECT
        (SELECT count(*)::int FROM (SELECT bed_id FROM stays WHERE status IN ('admitted','positive')
                                     GROUP BY bed_id HAVING count(*) > 1) x) AS beds_with_two_open_stays,
        (SELECT count(*)::int FROM (SELECT person_id FROM stays WHERE status IN ('admitted','positive')
                                     GROUP BY person_id HAVING count(*) > 1) x) AS people_with_two_open_stays,
        (SELECT count(*)::int FROM beds b WHERE (b.status = 'occupied') <>
           EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.status IN ('admitted','positive'))) AS inconsistent_beds,
        (SELECT count(*)::int FROM stays WHERE status IN ('admitted','positive')) AS open_stays`);
    expect(inv).toEqual({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0, open_stays: 10 });
    // One key, one stay: a request sent to both instances made at most one.
    const [{ keys_with_two_stays }] = await sql(
      `SELECT count(*)::int AS keys_with_two_stays FROM (SELECT person_id FROM stays GROUP BY person_id HAVING count(*) > 1) x`,
    );
    expect(keys_with_two_stays).toBe(0);
  });

  it('raises no alert twice when every flag job runs on both instances at once', async () => {
    const token = await instances[1].login();
    const facility = await createFacility(as(1, token));
    // Admitted on different days: one cohort per room.
    for (let r = 0; r < 10; r++) await createRoom(as(r, token), facility.id, { code: `C${r}`, beds: 1 });
    for (let i = 0; i < 10; i++) {
      const admittedAt = new Date(Date.now() - (3 + i) * DAY).toISOString();
      const res = await admitRequest(as(i, token), token, { facilityId: facility.id, classification: 'F1', person: newPerson(), admittedAt });
      expect(res.status).toBe(201);
    }

    // Every scheduled job; a job that only runs when its feature asks (an export) is not run by hand.
    const jobs: { name: string; cron: string | null }[] = (await instances[0].http().get('/api/v1/jobs').set(bearer(token)).expect(200)).body;
    const runs = await Promise.all(
      jobs.filter((j) => j.cron !== null).flatMap((j) =>
        [0, 1, 0, 1].map((i) =>
          instances[i].http().post(`/api/v1/jobs/${j.name}/run`).query({ wait: 'true' }).set(bearer(token)),
        ),
      ),
    );
    expect(runs.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    const duplicates = await sql(
      `SELECT type, subject_key, count(*)::int AS n FROM alerts WHERE status <> 'resolved' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM alerts WHERE facility_id = $1`, [facility.id]);
    expect(n).toBeGreaterThan(0);
  });

  it('runs each scheduled tick once, on one of the two', async () => {
    const ticks = async () =>
      sql<{ tick: number }>(
        `SELECT (extract(epoch FROM tick_at) * 1000)::bigint AS tick FROM job_ticks WHERE job_name = 'flag-tests' ORDER BY tick_at`,
      );
    const deadline = Date.now() + 60_000;
    while ((await ticks()).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const seen = (await ticks()).map((t) => Number(t.tick));
    expect(seen.length).toBeGreaterThanOrEqual(5);
    // Each tick once (the key) and on the schedule's beat. (A tick may be skipped when both instances
    // are too busy to take it in time: Bull schedules the next one from the moment it takes a job.)
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((t) => t % (TICK_SECONDS * 1000) === 0)).toBe(true);
    // Both instances registered the schedules: Redis holds one repeatable per job all the same.
    const queue = new Bull('flag-jobs', 'redis://127.0.0.1:6379', { prefix: db.name });
    try {
      const names = (await queue.getRepeatableJobs()).map((j) => j.name).sort();
      expect(names).toEqual([...new Set(names)]);
      expect(names).toContain('flag-tests');
    } finally {
      await queue.close();
    }
    // Both instances kept serving meanwhile.
    await Promise.all(instances.map((i) => i.http().get('/health/ready').expect(200)));
  });
});
