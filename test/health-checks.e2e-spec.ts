import { randomUUID } from 'node:crypto';
import { localDay, localMinuteOfDay } from '../src/common/time/local-date';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const TZ = 'Asia/Ho_Chi_Minh';
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Rounds laid out around the moment the tests run, so that two of them have ended and the third has
 * not: morning from midnight to an hour ago, afternoon from then to ten minutes ago, evening after that.
 * (Run before 01:10 local time the rounds squeeze; the layout still holds from 00:12.)
 */
const nowMinute = localMinuteOfDay(new Date(), TZ);
const afternoonStart = Math.max(2, nowMinute - 60);
const eveningStart = Math.max(afternoonStart + 1, nowMinute - 10);
const ROUNDS = `morning=00:00-${hhmm(afternoonStart - 1)},afternoon=${hhmm(afternoonStart)}-${hhmm(eveningStart - 1)},evening=${hhmm(eveningStart)}-23:59`;
const today = localDay(new Date(), TZ);
/** An instant today at a local minute. */
const todayAt = (minute: number) => new Date(Date.parse(`${today}T${hhmm(minute)}:00+07:00`)).toISOString();

describe('health rounds', () => {
  let t: TestApp;
  let facility: { id: string };
  let stays: { id: string }[];
  let manager: string;
  let committee: string;
  let otherManager: string;

  beforeAll(async () => {
    t = await createTestApp({ HEALTH_ROUNDS: ROUNDS });
    facility = await createFacility(t, { adminUnitCode: '947' });
    await createRoom(t, facility.id, { beds: 4 });
    const admittedAt = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
    stays = [];
    for (let i = 0; i < 3; i++) stays.push(await admit(t, facility.id, { admittedAt }));
    manager = (await userToken(t, 'camp_manager', { facilityId: facility.id })).token;
    committee = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    const other = await createFacility(t, { adminUnitCode: '941' });
    otherManager = (await userToken(t, 'camp_manager', { facilityId: other.id })).token;
  }, 180_000);
  afterAll(() => t?.close());

  const roundOf = (body: { checks: Record<string, unknown>[] }, key = randomUUID(), token = manager) =>
    t.http().post(`/api/v1/facilities/${facility.id}/health-checks`).set(bearer(token)).set('Idempotency-Key', key).send(body);
  const checkOne = (stayId: string, body: Record<string, unknown>, token = manager) =>
    t.http().post(`/api/v1/stays/${stayId}/health-checks`).set(bearer(token)).send(body);
  const openAlerts = (stayId: string) =>
    t.sql<{ type: string; subject_key: string; message: string }>(
      `SELECT type::text, subject_key, message FROM alerts WHERE stay_id = $1 AND status <> 'resolved' ORDER BY type`,
      [stayId],
    );
  const runJob = async (name: string) =>
    (await t.http().post(`/api/v1/jobs/${name}/run`).query({ wait: 'true' }).set(bearer(t.adminToken)).expect(200)).body;

  it('records the morning round of a room at once, and a fever raises its alert in the same transaction', async () => {
    const takenAt = todayAt(1);
    const res = await roundOf({
      checks: [
        { stayId: stays[0].id, takenAt, temperatureC: 38.6, symptoms: ['cough'] },
        { stayId: stays[1].id, takenAt, temperatureC: 36.9, spo2: 98, symptoms: [] },
        { stayId: stays[2].id, takenAt, temperatureC: 37.1, symptoms: [] },
      ],
    }).expect(201);
    expect(res.body).toMatchObject({ facilityId: facility.id, recorded: 3, alertsRaised: 2 });
    expect(res.body.items.map((i: { round: string }) => i.round)).toEqual(['morning', 'morning', 'morning']);
    expect(res.body.items[0]).toMatchObject({ stayId: stays[0].id, temperatureC: 38.6, roundDate: today, alertsRaised: ['fever', 'symptoms_reported'] });

    const alerts = await openAlerts(stays[0].id);
    expect(alerts.map((a) => a.type)).toEqual(['fever', 'symptoms_reported']);
    expect(alerts[0].message).toMatch(/38\.6 °C in the morning round/);
    expect(await openAlerts(stays[1].id)).toEqual([]);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'health_check.recorded'`);
    expect(n).toBe(3);
  });

  it('keeps one fever alert through a second feverish round, and resolves it when the fever is gone', async () => {
    await checkOne(stays[0].id, { takenAt: todayAt(afternoonStart), temperatureC: 38.2, symptoms: ['cough'] }).expect(201);
    expect((await openAlerts(stays[0].id)).map((a) => a.type)).toEqual(['fever', 'symptoms_reported']);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM alerts WHERE stay_id = $1 AND type = 'fever'`, [stays[0].id]);
    expect(n).toBe(1);

    const res = await checkOne(stays[0].id, { takenAt: todayAt(afternoonStart + 1), temperatureC: 37.2, spo2: 97, symptoms: [] }).expect(201);
    expect(res.body).toMatchObject({ round: 'afternoon', alertsRaised: [] });
    expect(await openAlerts(stays[0].id)).toEqual([]);
  });

  it('raises low_spo2 from a single check, and lists a stay’s checks newest first to those who may see it', async () => {
    await checkOne(stays[1].id, { takenAt: todayAt(afternoonStart), temperatureC: 36.8, spo2: 92, symptoms: [] }).expect(201);
    expect((await openAlerts(stays[1].id)).map((a) => a.type)).toEqual(['low_spo2']);

    const list = await t.http().get(`/api/v1/stays/${stays[1].id}/health-checks`).set(bearer(committee)).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { round: string }) => i.round)).toEqual(['afternoon', 'morning']);
    await t.http().get(`/api/v1/stays/${stays[1].id}/health-checks`).set(bearer(otherManager)).expect(404);
    const refused = await checkOne(stays[1].id, { temperatureC: 36.8, symptoms: [] }, committee).expect(403);
    expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    await checkOne(stays[1].id, { temperatureC: 36.8, symptoms: [] }, otherManager).expect(404);
  });

  it('flags each open stay without a check in a round that has ended today, once, and a late check resolves it', async () => {
    const first = await runJob('flag-health-checks');
    // stays[2] missed the afternoon; the evening has not ended; the others were checked in both rounds.
    expect(first.raised).toBe(1);
    const missed = await openAlerts(stays[2].id);
    expect(missed).toEqual([
      expect.objectContaining({ type: 'health_check_missed', subject_key: `stay:${stays[2].id}:round:${today}:afternoon` }),
    ]);
    expect(missed[0].message).toMatch(/no health check in the afternoon round/);
    expect(await runJob('flag-health-checks')).toMatchObject({ raised: 0, resolved: 0 });

    await checkOne(stays[2].id, { takenAt: todayAt(eveningStart - 1), temperatureC: 36.7, symptoms: [] }).expect(201);
    expect(await openAlerts(stays[2].id)).toEqual([]);
    expect(await runJob('flag-health-checks')).toMatchObject({ raised: 0, resolved: 0 });
  });

  it('replays a round sent twice with the same key, and refuses the key with another body', async () => {
    const key = randomUUID();
    const body = { checks: [{ stayId: stays[1].id, temperatureC: 36.6, symptoms: [] }] };
    const first = await roundOf(body, key).expect(201);
    const again = await roundOf(body, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM health_checks WHERE id = $1`, [first.body.items[0].id]);
    expect(n).toBe(1);
    await roundOf({ checks: [{ stayId: stays[1].id, temperatureC: 36.7, symptoms: [] }] }, key).expect(422);
  });

  it('records nothing of a round when one stay is not open in the facility', async () => {
    const elsewhere = await createFacility(t);
    await createRoom(t, elsewhere.id, { beds: 1 });
    const stranger = await admit(t, elsewhere.id);
    const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM health_checks`);
    const res = await roundOf({
      checks: [
        { stayId: stays[0].id, temperatureC: 39.0, symptoms: [] },
        { stayId: stranger.id, temperatureC: 36.5, symptoms: [] },
        { stayId: randomUUID(), temperatureC: 36.5, symptoms: [] },
      ],
    }).expect(422);
    expect(res.body.code).toBe('STAY_NOT_IN_FACILITY');
    expect(res.body.message).toMatch(/Checks 1, 2/);
    const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM health_checks`);
    expect(after).toBe(before);
    expect((await openAlerts(stays[0].id)).map((a) => a.type)).toEqual([]);

    const twice = await roundOf({
      checks: [
        { stayId: stays[0].id, temperatureC: 36.5, symptoms: [] },
        { stayId: stays[0].id, temperatureC: 36.6, symptoms: [] },
      ],
    }).expect(422);
    expect(twice.body.code).toBe('DUPLICATE_STAY_IN_BATCH');
  });

  it('refuses bad readings, times in the future or before admission, oversize rounds and released stays', async () => {
    const stayId = stays[1].id;
    for (const body of [
      { temperatureC: 45, symptoms: [] },
      { temperatureC: 33.9, symptoms: [] },
      { temperatureC: 37.25, symptoms: [] },
      { temperatureC: '37', symptoms: [] },
      { temperatureC: 37, spo2: 101, symptoms: [] },
      { temperatureC: 37, symptoms: ['sneezing'] },
      { temperatureC: 37, symptoms: ['cough', 'cough'] },
      { temperatureC: 37 },
      { temperatureC: 37, symptoms: [], takenAt: '2021-08-01 08:00' },
    ]) {
      const res = await checkOne(stayId, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const future = await checkOne(stayId, { temperatureC: 37, symptoms: [], takenAt: new Date(Date.now() + 3600_000).toISOString() });
    expect([future.status, future.body.code]).toEqual([422, 'TIME_IN_FUTURE']);
    const early = await checkOne(stayId, { temperatureC: 37, symptoms: [], takenAt: '2021-08-01T08:00:00+07:00' });
    expect([early.status, early.body.code]).toEqual([422, 'HEALTH_CHECK_BEFORE_ADMISSION']);

    const tooMany = Array.from({ length: 501 }, () => ({ stayId, temperatureC: 36.5, symptoms: [] }));
    await roundOf({ checks: tooMany }).expect(400);
    await roundOf({ checks: [] }).expect(400);

    await createRoom(t, facility.id, { beds: 1 });
    const gone = await admit(t, facility.id);
    await release(t, gone.id, OVERRIDE).expect(200);
    const res = await checkOne(gone.id, { temperatureC: 36.5, symptoms: [] });
    expect([res.status, res.body.code]).toEqual([409, 'STAY_RELEASED']);
  });
});
