import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { expectedReleaseAt } from '../src/stays/schedule';
import { PositiveCases } from '../src/stays/positive-cases';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, occupancyInvariants, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const after = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('test samples and results', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
    expect(inv.occupied_beds).toBe(inv.open_stays);
  });

  const recordTest = (stayId: string, body: Record<string, unknown>, token = t.adminToken, key?: string) => {
    const req = t.http().post(`/api/v1/stays/${stayId}/tests`).set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const recordResult = (sampleId: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.http().patch(`/api/v1/tests/${sampleId}`).set(bearer(token)).send(body);
  const getStay = async (stayId: string, token = t.adminToken) =>
    (await t.http().get(`/api/v1/stays/${stayId}`).set(bearer(token)).expect(200)).body;
  const states = async (stayId: string) =>
    (await getStay(stayId)).scheduledTests.map((s: { day: number; state: string }) => `${s.day}:${s.state}`);
  /** A stay in a room of its own (rooms hold one cohort), admitted `daysAgo` days ago. */
  const stayAdmitted = async (daysAgo: number, fields: Record<string, unknown> = {}) => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { beds: 1 });
    return admit(t, f.id, { admittedAt: ago(daysAgo * DAY), ...fields });
  };
  /** Records a sample for a scheduled day, taken `hoursIn` hours into that day of the period, with a result. */
  const sampleFor = async (stay: { id: string; periodStartAt: string }, day: number, result?: string, hoursIn = 1) => {
    const sampledAt = after(stay.periodStartAt, (day - 1) * DAY + hoursIn * HOUR);
    const res = await recordTest(stay.id, { scheduledDay: day, kind: 'rt_pcr', sampledAt, lab: 'CDC Sóc Trăng' }).expect(201);
    if (result) await recordResult(res.body.id, { result, resultAt: after(sampledAt, 6 * HOUR) }).expect(200);
    return res.body;
  };

  describe('schedule states over time', () => {
    it('shows day 1 negative, day 7 overdue and day 14 upcoming for a stay admitted 8 days ago', async () => {
      const stay = await stayAdmitted(8);
      await sampleFor(stay, 1, 'negative');
      expect(await states(stay.id)).toEqual(['1:negative', '7:overdue', '14:upcoming']);
    });

    it('shows a test due today, then taken once sampled, then its result', async () => {
      const stay = await stayAdmitted(6);
      expect(await states(stay.id)).toEqual(['1:overdue', '7:due', '14:upcoming']);
      const sample = await recordTest(stay.id, { scheduledDay: 7, kind: 'rt_pcr' }).expect(201);
      expect(await states(stay.id)).toEqual(['1:overdue', '7:taken', '14:upcoming']);
      await recordResult(sample.body.id, { result: 'negative' }).expect(200);
      expect(await states(stay.id)).toEqual(['1:overdue', '7:negative', '14:upcoming']);
    });

    it('shows day 1 due on the day of admission and lists states in stay lists too', async () => {
      const stay = await stayAdmitted(0);
      expect(await states(stay.id)).toEqual(['1:due', '7:upcoming', '14:upcoming']);
      const list = await t.http().get('/api/v1/stays').query({ facilityId: stay.facilityId }).set(bearer(t.adminToken)).expect(200);
      expect(list.body.items[0].scheduledTests.map((s: { state: string }) => s.state)).toEqual(['due', 'upcoming', 'upcoming']);
    });

    it('does not count an extra test for a scheduled day', async () => {
      const stay = await stayAdmitted(0);
      await recordTest(stay.id, { kind: 'rapid_antigen', result: 'negative' }).expect(201);
      expect(await states(stay.id)).toEqual(['1:due', '7:upcoming', '14:upcoming']);
    });
  });

  describe('recording samples and results', () => {
    it('records a sample, then its result once, each audited in the stay’s history', async () => {
      const stay = await stayAdmitted(1);
      const sampledAt = after(stay.periodStartAt, 2 * HOUR);
      const res = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr', sampledAt, takenBy: 'Tổ y tế số 2' }).expect(201);
      expect(res.body).toMatchObject({
        stayId: stay.id,
        facilityId: stay.facilityId,
        personId: stay.person.id,
        scheduledDay: 1,
        kind: 'rt_pcr',
        sampledAt: new Date(sampledAt).toISOString(),
        result: 'pending',
        resultAt: null,
        takenBy: 'Tổ y tế số 2',
        currentPeriod: true,
      });
      const pending = await t.http().get('/api/v1/tests').query({ facilityId: stay.facilityId, result: 'pending' }).set(bearer(t.adminToken)).expect(200);
      expect(pending.body).toMatchObject({ total: 1, page: 1, limit: 50 });
      expect(pending.body.items[0].id).toBe(res.body.id);

      const result = await recordResult(res.body.id, { result: 'negative', lab: 'CDC Sóc Trăng' }).expect(200);
      expect(result.body).toMatchObject({ result: 'negative', lab: 'CDC Sóc Trăng', resultAt: expect.any(String) });
      const none = await t.http().get('/api/v1/tests').query({ facilityId: stay.facilityId, result: 'pending' }).set(bearer(t.adminToken)).expect(200);
      expect(none.body.total).toBe(0);

      const history = (await getStay(stay.id)).history.map((e: { action: string }) => e.action);
      expect(history).toEqual(['stay.admitted', 'test.recorded', 'test.result_recorded']);
      const listed = await t.http().get(`/api/v1/stays/${stay.id}/tests`).set(bearer(t.adminToken)).expect(200);
      expect(listed.body.items.map((s: { id: string; result: string }) => [s.id, s.result])).toEqual([[res.body.id, 'negative']]);
      await t.http().get(`/api/v1/tests/${res.body.id}`).set(bearer(t.adminToken)).expect(200);
    });

    it('takes a rapid test with its result at once', async () => {
      const stay = await stayAdmitted(0);
      const res = await recordTest(stay.id, { scheduledDay: 1, kind: 'rapid_antigen', result: 'negative' }).expect(201);
      expect(res.body).toMatchObject({ result: 'negative', resultAt: res.body.sampledAt });
      const [{ actions }] = await t.sql(
        `SELECT array_agg(action ORDER BY id) AS actions FROM audit_events WHERE entity_id = $1`,
        [res.body.id],
      );
      expect(actions).toEqual(['test.recorded', 'test.result_recorded']);
    });

    it('lets only an admin change a recorded result, audited as a correction', async () => {
      const stay = await stayAdmitted(0);
      const manager = await userToken(t, 'camp_manager', { facilityId: stay.facilityId });
      const sample = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }, manager.token).expect(201);
      await recordResult(sample.body.id, { result: 'negative' }, manager.token).expect(200);
      const again = await recordResult(sample.body.id, { result: 'negative' }, manager.token).expect(409);
      expect(again.body.message).toMatch(/already been recorded/);

      const corrected = await recordResult(sample.body.id, { result: 'negative', lab: 'Viện Pasteur TP.HCM', reason: 'Lab name was wrong' }).expect(200);
      expect(corrected.body).toMatchObject({ result: 'negative', lab: 'Viện Pasteur TP.HCM' });
      const [event] = await t.sql(
        `SELECT before->>'lab' AS before, after->>'lab' AS after, reason, actor_id FROM audit_events
          WHERE entity_id = $1 AND action = 'test.result_corrected'`,
        [sample.body.id],
      );
      expect(event).toMatchObject({ before: null, after: 'Viện Pasteur TP.HCM', reason: 'Lab name was wrong' });
    });

    it('replays a sample recorded with the same Idempotency-Key instead of recording it twice', async () => {
      const stay = await stayAdmitted(0);
      const key = randomUUID();
      const first = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }, t.adminToken, key).expect(201);
      const again = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }, t.adminToken, key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      await recordTest(stay.id, { scheduledDay: 1, kind: 'rapid_antigen' }, t.adminToken, key).expect(422);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM test_samples WHERE stay_id = $1`, [stay.id]);
      expect(n).toBe(1);
    });

    it('records exactly one result out of parallel attempts by a camp manager', async () => {
      const stay = await stayAdmitted(0);
      const manager = await userToken(t, 'camp_manager', { facilityId: stay.facilityId });
      const sample = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }).expect(201);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => recordResult(sample.body.id, { result: i % 2 ? 'negative' : 'positive' }, manager.token)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
      const [{ n }] = await t.sql(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'test.result_recorded'`,
        [sample.body.id],
      );
      expect(n).toBe(1);
    });
  });

  describe('release', () => {
    it('releases without an override once the period is served and every scheduled test is negative', async () => {
      const stay = await stayAdmitted(15);
      await sampleFor(stay, 1, 'negative');
      await sampleFor(stay, 7, 'negative');
      const day14 = await sampleFor(stay, 14);
      const pending = await release(t, stay.id).expect(422);
      expect(pending.body.message).toMatch(/day 14 test .* has no result yet/);
      expect(pending.body.message).not.toMatch(/period is not over/);
      await recordResult(day14.id, { result: 'negative' }).expect(200);
      const res = await release(t, stay.id).expect(200);
      expect(res.body).toMatchObject({ status: 'released', releaseOverrideReason: null });
    });

    it('refuses release while a scheduled test is missing, or before the period is served', async () => {
      const served = await stayAdmitted(15);
      await sampleFor(served, 1, 'negative');
      await sampleFor(served, 14, 'negative');
      const missing = await release(t, served.id).expect(422);
      expect(missing.body.message).toMatch(/no day 7 test/);

      const early = await stayAdmitted(8);
      await sampleFor(early, 1, 'negative');
      await sampleFor(early, 7, 'negative');
      const res = await release(t, early.id).expect(422);
      expect(res.body.message).toMatch(/quarantine period is not over/);
      expect(res.body.message).toMatch(/no day 14 test/);
    });

    it('refuses new samples for a released stay (409) but takes the results of its samples', async () => {
      const stay = await stayAdmitted(0);
      const sample = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }).expect(201);
      await release(t, stay.id, OVERRIDE).expect(200);
      const res = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }).expect(409);
      expect(res.body.message).toMatch(/released/);
      await recordResult(sample.body.id, { result: 'negative' }).expect(200);
    });
  });

  describe('a positive result', () => {
    /** Two people admitted together 15 days ago into one room, plus one in another room of the same facility. */
    const roomOfThree = async () => {
      const f = await createFacility(t);
      const room = await createRoom(t, f.id, { beds: 3 });
      const otherRoom = await createRoom(t, f.id, { beds: 1 });
      const admittedAt = ago(15 * DAY);
      const a = await admit(t, f.id, { admittedAt, bedId: room.beds[0].id });
      const b = await admit(t, f.id, { admittedAt, bedId: room.beds[1].id });
      const c = await admit(t, f.id, { admittedAt, bedId: room.beds[2].id });
      const elsewhere = await admit(t, f.id, { admittedAt, bedId: otherRoom.beds[0].id });
      return { f, room, a, b, c, elsewhere };
    };

    it('makes the person F0 and restarts the period of everyone admitted in the same room', async () => {
      const { f, a, b, c, elsewhere } = await roomOfThree();
      for (const day of [1, 7, 14]) await sampleFor(b, day, 'negative');
      await sampleFor(a, 1, 'negative');
      const day14 = await sampleFor(a, 14);
      await release(t, c.id, OVERRIDE).expect(200);

      const manager = await userToken(t, 'camp_manager', { facilityId: f.id });
      const resultAt = new Date(Date.now() - HOUR).toISOString();
      await recordResult(day14.id, { result: 'positive', resultAt }, manager.token).expect(200);

      const positive = await getStay(a.id);
      expect(positive).toMatchObject({ status: 'positive', classification: 'F0' });
      expect(positive.history.map((e: { action: string }) => e.action)).toContain('stay.marked_positive');

      const exposed = await getStay(b.id);
      expect(exposed).toMatchObject({
        status: 'admitted',
        classification: 'F1',
        periodStartAt: resultAt,
        expectedReleaseAt: expectedReleaseAt(new Date(resultAt), 14).toISOString(),
        exposureSourceStayId: a.id,
        cohortDate: b.cohortDate,
      });
      expect(Date.parse(exposed.expectedReleaseAt)).toBeGreaterThan(Date.parse(b.expectedReleaseAt));
      const event = exposed.history.find((e: { action: string }) => e.action === 'stay.re_exposed');
      expect(event).toMatchObject({
        actorId: manager.id,
        before: { periodStartAt: b.periodStartAt, expectedReleaseAt: b.expectedReleaseAt },
        after: { periodStartAt: resultAt, exposureSourceStayId: a.id },
      });
      // The old negatives belong to the old period: the re-planned days start over.
      expect(exposed.scheduledTests.map((s: { state: string }) => s.state)).toEqual(['due', 'upcoming', 'upcoming']);
      const tests = await t.http().get(`/api/v1/stays/${b.id}/tests`).set(bearer(t.adminToken)).expect(200);
      expect(tests.body.items.map((s: { currentPeriod: boolean }) => s.currentPeriod)).toEqual([false, false, false]);

      // Release, possible a moment ago, now waits for the new period and its tests.
      const refused = await release(t, b.id).expect(422);
      expect(refused.body.message).toMatch(/quarantine period is not over/);
      expect(refused.body.message).toMatch(/no day 1 test/);
      await recordTest(b.id, { scheduledDay: 1, kind: 'rt_pcr', sampledAt: ago(3 * DAY) }).expect(422);
      await recordTest(b.id, { scheduledDay: 1, kind: 'rt_pcr', result: 'negative' }).expect(201);
      expect((await getStay(b.id)).scheduledTests[0].state).toBe('negative');

      // Released people and other rooms are not touched.
      expect((await getStay(c.id)).periodStartAt).toBe(c.periodStartAt);
      expect(await getStay(elsewhere.id)).toMatchObject({ periodStartAt: elsewhere.periodStartAt, exposureSourceStayId: null });
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'stay.re_exposed' AND facility_id = $1`, [f.id]);
      expect(n).toBe(1);
    });

    it('comes with a rapid test too, and is not applied twice', async () => {
      const { a, b } = await roomOfThree();
      const first = await recordTest(a.id, { kind: 'rapid_antigen', result: 'positive' }).expect(201);
      const exposed = await getStay(b.id);
      await recordTest(a.id, { kind: 'rapid_antigen', result: 'positive', sampledAt: first.body.sampledAt }).expect(201);
      expect(await getStay(b.id)).toMatchObject({ periodStartAt: exposed.periodStartAt });
      const [counts] = await t.sql(
        `SELECT count(*) FILTER (WHERE action = 'stay.marked_positive')::int AS marked,
                count(*) FILTER (WHERE action = 'stay.re_exposed')::int AS exposed
           FROM audit_events WHERE stay_id IN ($1, $2)`,
        [a.id, b.id],
      );
      expect(counts).toEqual({ marked: 1, exposed: 1 });
    });

    it('applies when an admin corrects a negative result to positive', async () => {
      const { a, b } = await roomOfThree();
      const sample = await sampleFor(a, 1, 'negative');
      const res = await recordResult(sample.id, { result: 'positive', reason: 'Lab reported the wrong sample' }).expect(200);
      expect(res.body.result).toBe('positive');
      expect(await getStay(a.id)).toMatchObject({ status: 'positive', classification: 'F0' });
      // Corrected results keep the time the result was known: the period restarts from then.
      expect((await getStay(b.id)).periodStartAt).toBe(res.body.resultAt);
    });

    it('handles positive results for two roommates at the same moment without a deadlock', async () => {
      const { a, b } = await roomOfThree();
      const samples = [await sampleFor(a, 14), await sampleFor(b, 14)];
      const results = await Promise.all(samples.map((s) => recordResult(s.id, { result: 'positive' })));
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      for (const stay of [a, b]) expect(await getStay(stay.id)).toMatchObject({ status: 'positive', classification: 'F0' });
    });

    it('keeps the roommates’ period when the restart is turned off, but records the exposure', async () => {
      const service = t.app.get(PositiveCases) as unknown as { restartsPeriod: boolean };
      service.restartsPeriod = false;
      try {
        const { a, b } = await roomOfThree();
        await recordTest(a.id, { kind: 'rapid_antigen', result: 'positive' }).expect(201);
        const exposed = await getStay(b.id);
        expect(exposed).toMatchObject({ periodStartAt: b.periodStartAt, expectedReleaseAt: b.expectedReleaseAt, exposureSourceStayId: a.id });
        expect(exposed.history.find((e: { action: string }) => e.action === 'stay.re_exposed').reason).toMatch(/period kept/);
      } finally {
        service.restartsPeriod = true;
      }
    });
  });

  describe('scope', () => {
    it('lets the camp manager and admins record, committees read their area, and hides the rest', async () => {
      const f = await createFacility(t, { adminUnitCode: '950' });
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const manager = await userToken(t, 'camp_manager', { facilityId: f.id });
      const otherManager = await userToken(t, 'camp_manager', { facilityId: (await createFacility(t)).id });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '950' });
      const outsider = await userToken(t, 'district_committee', { adminUnitCode: '941' });

      const sample = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr' }, manager.token).expect(201);
      expect(sample.body.recordedBy).toBe(manager.id);
      await recordTest(stay.id, { kind: 'rt_pcr' }, committee.token).expect(403);
      await recordTest(stay.id, { kind: 'rt_pcr' }, otherManager.token).expect(404);
      await recordResult(sample.body.id, { result: 'negative' }, committee.token).expect(403);
      await recordResult(sample.body.id, { result: 'negative' }, otherManager.token).expect(404);

      const seen = async (token: string) =>
        (await t.http().get('/api/v1/tests').set(bearer(token)).expect(200)).body.items.map((s: { id: string }) => s.id);
      expect(await seen(committee.token)).toContain(sample.body.id);
      expect(await seen(manager.token)).toEqual([sample.body.id]);
      expect(await seen(outsider.token)).not.toContain(sample.body.id);
      expect(await seen(otherManager.token)).toEqual([]);
      await t.http().get(`/api/v1/stays/${stay.id}/tests`).set(bearer(committee.token)).expect(200);
      await t.http().get(`/api/v1/stays/${stay.id}/tests`).set(bearer(outsider.token)).expect(404);
      await t.http().get(`/api/v1/tests/${sample.body.id}`).set(bearer(outsider.token)).expect(404);
      await t.http().get('/api/v1/tests').query({ facilityId: f.id }).set(bearer(outsider.token)).expect(404);
      await t.http().get('/api/v1/tests').expect(401);
    });
  });

  describe('bad input', () => {
    it('answers bad samples with 400/404/409/422 and never 500', async () => {
      const stay = await stayAdmitted(2);
      const ok = { scheduledDay: 1, kind: 'rt_pcr' };
      const cases: [string, Record<string, unknown>, number][] = [
        [stay.id, { ...ok, kind: 'pcr' }, 400],
        [stay.id, { ...ok, extra: true }, 400],
        [stay.id, { ...ok, scheduledDay: 'one' }, 400],
        [stay.id, { ...ok, scheduledDay: 0 }, 400],
        [stay.id, { ...ok, scheduledDay: 3 }, 422],
        [stay.id, { ...ok, sampledAt: '2999-01-01T00:00:00+07:00' }, 422],
        [stay.id, { ...ok, sampledAt: ago(3 * DAY) }, 422],
        [stay.id, { ...ok, sampledAt: '2021-08-01 08:00' }, 400],
        [stay.id, { ...ok, result: 'pending' }, 400],
        [stay.id, { ...ok, result: 'maybe' }, 400],
        [stay.id, { ...ok, resultAt: ago(HOUR) }, 400],
        [stay.id, { ...ok, sampledAt: ago(HOUR), result: 'negative', resultAt: ago(2 * HOUR) }, 422],
        [stay.id, { ...ok, lab: 'x'.repeat(201) }, 400],
        [stay.id, { scheduledDay: 1 }, 400],
        [randomUUID(), ok, 404],
        ['not-a-uuid', ok, 400],
      ];
      for (const [id, body, status] of cases) {
        const res = await recordTest(id, body);
        expect({ body, status: res.status }).toEqual({ body, status });
        expect(typeof res.body.message).toBe('string');
        expect(typeof res.body.code).toBe('string');
      }
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM test_samples WHERE stay_id = $1`, [stay.id]);
      expect(n).toBe(0);
    });

    it('answers bad results and list queries with 400/404/422 and never 500', async () => {
      const stay = await stayAdmitted(1);
      const sample = await recordTest(stay.id, { scheduledDay: 1, kind: 'rt_pcr', sampledAt: ago(HOUR) }).expect(201);
      const cases: [string, Record<string, unknown>, number][] = [
        [sample.body.id, { result: 'pending' }, 400],
        [sample.body.id, { result: 'POSITIVE' }, 400],
        [sample.body.id, {}, 400],
        [sample.body.id, { result: 'negative', extra: 1 }, 400],
        [sample.body.id, { result: 'negative', resultAt: '2999-01-01T00:00:00Z' }, 422],
        [sample.body.id, { result: 'negative', resultAt: ago(2 * HOUR) }, 422],
        [sample.body.id, { result: 'negative', resultAt: 'yesterday' }, 400],
        [randomUUID(), { result: 'negative' }, 404],
        ['123', { result: 'negative' }, 400],
      ];
      for (const [id, body, status] of cases) {
        const res = await recordResult(id, body);
        expect({ id, body, status: res.status }).toEqual({ id, body, status });
      }
      expect((await t.http().get(`/api/v1/tests/${sample.body.id}`).set(bearer(t.adminToken))).body.result).toBe('pending');
      for (const query of [{ result: 'gone' }, { facilityId: 'x' }, { limit: 500 }, { kind: 'pcr' }, { unknown: 1 }]) {
        await t.http().get('/api/v1/tests').query(query).set(bearer(t.adminToken)).expect(400);
      }
      await t.http().get('/api/v1/tests').query({ facilityId: randomUUID() }).set(bearer(t.adminToken)).expect(404);
      await t.http().get(`/api/v1/stays/${randomUUID()}/tests`).set(bearer(t.adminToken)).expect(404);
      await t.http().get(`/api/v1/tests/${randomUUID()}`).set(bearer(t.adminToken)).expect(404);
    });
  });

  describe('schema and documentation', () => {
    it('keeps the test sample entity and its migration in agreement', async () => {
      const log = await t.app.get(DataSource).driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query).filter((q) => /test_samples|test_kind|test_result/.test(q))).toEqual([]);
    });

    it('refuses a pending sample with a result time, in the database itself', async () => {
      const stay = await stayAdmitted(0);
      await expect(
        t.sql(`INSERT INTO test_samples (stay_id, kind, sampled_at, result_at) VALUES ($1, 'rt_pcr', now(), now())`, [stay.id]),
      ).rejects.toThrow(/CHK_test_samples_result_at/);
    });

    it('documents the testing endpoints', async () => {
      const doc = await t.http().get('/docs-json').expect(200);
      for (const path of ['/api/v1/stays/{id}/tests', '/api/v1/tests', '/api/v1/tests/{id}']) {
        expect(doc.body.paths).toHaveProperty([path]);
      }
    });
  });
});
