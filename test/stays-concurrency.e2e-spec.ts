import { randomUUID } from 'node:crypto';
import { withServer } from './helpers/database';
import { bearer, createFacility, createRoom } from './helpers/fixtures';
import { admitRequest, occupancyInvariants } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * Many camp managers admitting at the same moment: the database, not the order of arrival, keeps
 * beds and people from being double-counted.
 */
describe('admissions under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '20' });
  });
  afterAll(() => t.close());

  it('fills 50 beds from 500 parallel admissions without double-booking anyone', async () => {
    const f = await createFacility(t);
    for (let i = 0; i < 6; i++) await createRoom(t, f.id, { code: `M${i}`, sexPolicy: 'male', beds: 5 });
    for (let i = 0; i < 4; i++) await createRoom(t, f.id, { code: `W${i}`, sexPolicy: 'female', beds: 5 });
    const people: { id: string }[] = await t.sql(
      `INSERT INTO people (full_name, search_name, sex)
       SELECT 'Người mẫu ' || g, 'nguoi mau ' || g, (CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END)::person_sex
         FROM generate_series(1, 300) AS g
       RETURNING id`,
    );

    // 400 first attempts (300 people, 100 of them twice under different keys) and 100 retries that
    // repeat an earlier request with the same Idempotency-Key, all fired at once in shuffled order.
    const attempts = Array.from({ length: 400 }, (_, i) => ({
      key: randomUUID(),
      body: { facilityId: f.id, personId: people[i % 300].id, classification: 'F1' },
    }));
    const requests = [...attempts, ...attempts.slice(0, 100)].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(
      requests.map(async (r) => ({ ...r, res: await admitRequest(t, t.adminToken, r.body, r.key) })),
    );

    const statuses = responses.map((r) => r.res.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);

    const inv = await occupancyInvariants(t);
    expect(inv).toEqual({
      beds_with_two_open_stays: 0,
      people_with_two_open_stays: 0,
      occupied_beds: 50,
      open_stays: 50,
      inconsistent_beds: 0,
    });

    // Every 201 a client saw is a stay in the database, and every stay was answered to some client.
    const seen = new Set(responses.filter((r) => r.res.status === 201).map((r) => r.res.body.id as string));
    const stays: { id: string }[] = await t.sql(`SELECT id FROM stays WHERE facility_id = $1`, [f.id]);
    expect([...seen].sort()).toEqual(stays.map((s) => s.id).sort());

    // A key used twice made at most one stay: both 201 answers carry the same stay.
    const byKey = new Map<string, Set<string>>();
    for (const r of responses.filter((x) => x.res.status === 201)) {
      byKey.set(r.key, (byKey.get(r.key) ?? new Set()).add(r.res.body.id));
    }
    expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
    const [{ keys }] = await t.sql(`SELECT count(*)::int AS keys FROM idempotency_keys`);
    expect(keys).toBe(50);
    const replays = responses.filter((r) => r.res.headers['idempotent-replayed'] === 'true');
    expect(replays.every((r) => r.res.status === 201)).toBe(true);
  });

  it('gives the last free bed to exactly one of two managers admitting at the same moment', async () => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { beds: 1 });
    const body = (fullName: string) => ({
      facilityId: f.id,
      classification: 'F1',
      person: { fullName, sex: 'male' },
    });
    const [a, b] = await Promise.all([
      admitRequest(t, t.adminToken, body('Người A')),
      admitRequest(t, t.adminToken, body('Người B')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('NO_SUITABLE_BED');
  });

  it('registers a new ID number once when many admissions bring it at the same moment, and the others hear why', async () => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { code: 'M', sexPolicy: 'male', beds: 10 });
    const person = { fullName: 'Lê Văn Trùng (minh họa)', sex: 'male', idNumber: '079099000123' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.code).toBe('PERSON_ALREADY_REGISTERED');
    const [{ people, stays, audited }] = await t.sql(
      `SELECT (SELECT count(*)::int FROM people WHERE id_number = $1) AS people,
              (SELECT count(*)::int FROM stays s JOIN people p ON p.id = s.person_id WHERE p.id_number = $1) AS stays,
              (SELECT count(*)::int FROM audit_events e JOIN people p ON p.id = e.person_id
                WHERE p.id_number = $1 AND e.action IN ('person.created', 'stay.admitted')) AS audited`,
      [person.idNumber],
    );
    expect({ people, stays, audited }).toEqual({ people: 1, stays: 1, audited: 2 });
  });

  it('never puts two cohorts in one room, however admissions of both days interleave', async () => {
    const f = await createFacility(t);
    for (let i = 0; i < 3; i++) await createRoom(t, f.id, { code: `C${i}`, sexPolicy: 'mixed', beds: 4 });
    const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString();
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        admitRequest(t, t.adminToken, {
          facilityId: f.id,
          classification: i % 3 === 0 ? 'F0' : 'F1',
          ...(i % 2 === 0 ? { admittedAt: yesterday } : {}),
          person: { fullName: `Người ${i} (minh họa)`, sex: i % 4 < 2 ? 'male' : 'female' },
        }),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const mixed = await t.sql(
      `SELECT s.room_id FROM stays s JOIN rooms r ON r.id = s.room_id
        WHERE r.facility_id = $1 AND s.status IN ('admitted', 'positive')
        GROUP BY s.room_id
       HAVING count(DISTINCT s.cohort_date) > 1 OR count(DISTINCT (s.classification = 'F0')) > 1`,
      [f.id],
    );
    expect(mixed).toEqual([]);
    expect(await occupancyInvariants(t)).toMatchObject({ beds_with_two_open_stays: 0, inconsistent_beds: 0 });
  });

  it('survives the database dropping its connections and refusing new ones, then recovers by itself', async () => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { beds: 3 });

    // Requests run while every connection of the app is killed, and while the database refuses new ones.
    const during = Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        new Promise((r) => setTimeout(r, i * 10)).then(() =>
          t.http().get('/api/v1/facilities').set(bearer(t.adminToken)),
        ),
      ),
    );
    const admin = { withServer };
    await admin.withServer(async (c) => {
      await c.query(`ALTER DATABASE ${t.dbName} ALLOW_CONNECTIONS false`);
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.dbName]);
    });
    const outage = await t.http().get('/api/v1/facilities').set(bearer(t.adminToken));
    expect(outage.status).toBe(503);
    expect(outage.body.code).toBe('DATABASE_UNAVAILABLE');
    const health = await t.http().get('/health');
    expect(health.status).toBe(503);

    await admin.withServer((c) => c.query(`ALTER DATABASE ${t.dbName} ALLOW_CONNECTIONS true`));
    const results = await during;
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);

    // The pool reconnects on its own: the next requests succeed without a restart.
    let recovered = 0;
    for (let i = 0; i < 20 && recovered === 0; i++) {
      const res = await t.http().get('/api/v1/facilities').set(bearer(t.adminToken));
      if (res.status === 200) recovered++;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(1);
    await t.http().get('/health').expect(200);
  });
});
