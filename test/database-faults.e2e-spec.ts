import { randomUUID } from 'node:crypto';
import { withServer } from './helpers/database';
import { createFacility, createRoom } from './helpers/fixtures';
import { admitRequest, newPerson, occupancyInvariants } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * The database drops the service's connections in the middle of its work (a failover, an operator's
 * pg_terminate_backend, a network cut). Clients must hear "try again" (503), never a 500, and nothing
 * a client was told was saved may be missing.
 */
describe('database connections dropped during admissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '10' });
  });
  afterAll(() => t.close());

  it('answers only 201, 409 or 503 while connections are killed again and again, and every 201 is saved', async () => {
    const f = await createFacility(t);
    for (let i = 0; i < 8; i++) await createRoom(t, f.id, { code: `M${i}`, sexPolicy: 'male', beds: 10 });

    // A killer on a connection of its own ends every session of the app's database, every few ms.
    let killing = true;
    let kills = 0;
    const killer = withServer(async (c) => {
      while (killing) {
        const { rows } = await c.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [t.dbName],
        );
        kills += rows[0].n;
        await new Promise((r) => setTimeout(r, 15 + Math.random() * 30));
      }
    });

    // 120 admissions of new people, 20 in flight at a time, some retried with the same key.
    const requests = Array.from({ length: 120 }, () => ({
      key: randomUUID(),
      body: { facilityId: f.id, classification: 'F1', person: newPerson() },
    }));
    const responses: { key: string; status: number; body: any }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < requests.length) {
          const r = requests[next++];
          const res = await admitRequest(t, t.adminToken, r.body, r.key);
          responses.push({ key: r.key, status: res.status, body: res.body });
        }
      }),
    );
    killing = false;
    await killer;

    expect(kills).toBeGreaterThan(0);
    const statuses = responses.map((r) => r.status);
    const unexpected = responses.filter((r) => ![201, 409, 503].includes(r.status)).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
    expect(unexpected).toEqual([]);
    for (const r of responses.filter((x) => x.status === 503)) {
      expect(r.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    }
    // The test saw some of each, or it proved nothing.
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);

    // The pool heals: retrying the failed ones with their keys now succeeds or replays.
    const created = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id as string));
    const saved: { id: string }[] = await t.sql(`SELECT id FROM stays WHERE facility_id = $1`, [f.id]);
    const savedIds = new Set(saved.map((s) => s.id));
    expect([...created].filter((id) => !savedIds.has(id))).toEqual([]);

    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
    expect(inv.open_stays).toBe(saved.length);

    // Every stay that exists has its audit record and its idempotency key: nothing was half-written.
    const [orphans] = await t.sql(
      `SELECT
         (SELECT count(*)::int FROM stays s WHERE s.facility_id = $1 AND NOT EXISTS
            (SELECT 1 FROM audit_events a WHERE a.entity_id = s.id::text AND a.action = 'stay.admitted')) AS without_audit,
         (SELECT count(*)::int FROM stays s WHERE s.facility_id = $1) - (SELECT count(*)::int FROM idempotency_keys) AS without_key`,
      [f.id],
    );
    expect(orphans).toEqual({ without_audit: 0, without_key: 0 });
  });
});
