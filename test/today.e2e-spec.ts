import { addDays, localDay } from '../src/common/time/local-date';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const TZ = 'Asia/Ho_Chi_Minh';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * A camp's morning, acted out: five people in five rooms of camp F (Mỹ Xuyên, 947), each with what the
 * board should show for them, and a second camp G in the same district with one arrival.
 *   N  arrived now: an arrival, its day 1 test due today
 *   O  admitted 8 days ago, day 1 negative: day 7 overdue; checked in both rounds yesterday (a fever)
 *   R  vaccinated, admitted 7 days and an hour ago, days 1 and 7 negative: release due today, ready
 *   L  vaccinated, admitted 9 days ago, never tested: days 1 and 7 overdue, release overdue
 *   P  admitted 3 days ago, positive now: awaiting transfer to treatment
 */
describe('the today board', () => {
  let t: TestApp;
  let f: { id: string };
  let g: { id: string };
  const s: Record<'N' | 'O' | 'R' | 'L' | 'P', { id: string; admittedAt: string }> = {} as never;
  const today = localDay(new Date(), TZ);
  const yesterday = addDays(today, -1);
  let manager: string;
  let committee: string;
  let otherCommittee: string;
  let managerOfG: string;

  const sample = (stayId: string, scheduledDay: number, sampledAt: string, result: string) =>
    t
      .http()
      .post(`/api/v1/stays/${stayId}/tests`)
      .set(bearer(t.adminToken))
      .send({ scheduledDay, kind: 'rt_pcr', sampledAt, result, resultAt: sampledAt })
      .expect(201);
  const board = (facilityId: string, date?: string, token = t.adminToken) =>
    t.http().get(`/api/v1/facilities/${facilityId}/today`).query(date ? { date } : {}).set(bearer(token));
  const names = (items: { stayId: string }[]) =>
    items.map((i) => Object.entries(s).find(([, stay]) => stay.id === i.stayId)?.[0] ?? '?').sort();

  beforeAll(async () => {
    t = await createTestApp();
    f = await createFacility(t, { adminUnitCode: '947' });
    g = await createFacility(t, { adminUnitCode: '947' });
    for (let i = 0; i < 5; i++) await createRoom(t, f.id, { beds: 1 });
    await createRoom(t, g.id, { beds: 1 });
    s.N = await admit(t, f.id);
    s.O = await admit(t, f.id, { admittedAt: ago(8 * DAY) });
    s.R = await admit(t, f.id, { admittedAt: ago(7 * DAY + HOUR), vaccinated: true });
    s.L = await admit(t, f.id, { admittedAt: ago(9 * DAY), vaccinated: true });
    s.P = await admit(t, f.id, { admittedAt: ago(3 * DAY) });
    await admit(t, g.id);

    await sample(s.O.id, 1, ago(8 * DAY - HOUR), 'negative');
    await sample(s.R.id, 1, ago(7 * DAY), 'negative');
    await sample(s.R.id, 7, ago(DAY), 'negative');
    await sample(s.P.id, 1, ago(3 * DAY - HOUR), 'negative');
    await sample(s.P.id, 1, ago(HOUR), 'positive');

    // Yesterday's rounds: O in both (a fever in the morning), R in the morning only.
    manager = (await userToken(t, 'camp_manager', { facilityId: f.id })).token;
    const round = (checks: object[]) =>
      t.http().post(`/api/v1/facilities/${f.id}/health-checks`).set(bearer(manager)).send({ checks }).expect(201);
    await round([
      { stayId: s.O.id, takenAt: `${yesterday}T07:30:00+07:00`, temperatureC: 38.5, symptoms: ['fever'] },
      { stayId: s.R.id, takenAt: `${yesterday}T07:35:00+07:00`, temperatureC: 36.6, symptoms: [] },
    ]);
    await round([{ stayId: s.O.id, takenAt: `${yesterday}T14:10:00+07:00`, temperatureC: 37.8, symptoms: [] }]);

    committee = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    otherCommittee = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
    managerOfG = (await userToken(t, 'camp_manager', { facilityId: g.id })).token;
  }, 180_000);
  afterAll(() => t?.close());

  it('counts and lists the day of a camp', async () => {
    const res = await board(f.id, undefined, manager).expect(200);
    const b = res.body;
    expect(b).toMatchObject({ facilityId: f.id, date: today });
    expect(b.counts).toMatchObject({
      inQuarantine: 5,
      arrivals: 1,
      testsDue: 1,
      testsOverdue: 3,
      releasesDue: 1,
      releasesOverdue: 1,
      readyForRelease: 1,
      positives: 1,
    });
    expect(names(b.arrivals)).toEqual(['N']);
    expect(b.testsDue).toEqual([expect.objectContaining({ stayId: s.N.id, testDay: 1, dueDate: today, fullName: expect.any(String) })]);
    expect(b.testsOverdue.map((i: { stayId: string; testDay: number }) => `${names([i])[0]}${i.testDay}`).sort()).toEqual([
      'L1',
      'L7',
      'O7',
    ]);
    expect(b.testsOverdue.find((i: { stayId: string }) => i.stayId === s.O.id).dueDate).toBe(addDays(today, -2));
    expect(names(b.releasesDue)).toEqual(['R']);
    expect(names(b.releasesOverdue)).toEqual(['L']);
    expect(names(b.readyForRelease)).toEqual(['R']);
    expect(b.positives).toEqual([
      expect.objectContaining({ stayId: s.P.id, status: 'positive', classification: 'F0', positiveResultAt: expect.any(String) }),
    ]);
    expect(b.arrivals[0]).toMatchObject({ roomCode: expect.any(String), bedCode: expect.any(String), admittedAt: s.N.admittedAt });
    // Every count is the length of its list.
    for (const list of Object.keys(b.counts).filter((k) => k !== 'inQuarantine')) expect(b[list]).toHaveLength(b.counts[list]);
  });

  it('lists who missed a round of an earlier day', async () => {
    const b = (await board(f.id, yesterday, committee).expect(200)).body;
    expect(b.date).toBe(yesterday);
    // O, R, L and P were here before both of yesterday's rounds; O was checked twice, R once.
    expect(b.counts.healthChecksMissing).toBe(5);
    expect(b.healthChecksMissing.map((i: { stayId: string; round: string }) => `${names([i])[0]}:${i.round}`).sort()).toEqual([
      'L:afternoon',
      'L:morning',
      'P:afternoon',
      'P:morning',
      'R:afternoon',
    ]);
    expect(b.healthChecksMissing[0].roundDate).toBe(yesterday);
    expect(b.counts.arrivals).toBe(0);
    expect(b.counts.inQuarantine).toBe(4);
  });

  it('rolls the counts up over a committee’s area, facility by facility', async () => {
    const res = await t.http().get('/api/v1/today').query({ adminUnitCode: '947' }).set(bearer(committee)).expect(200);
    expect(res.body).toMatchObject({ adminUnitCode: '947', date: today });
    const byId = Object.fromEntries(res.body.facilities.map((x: { facilityId: string }) => [x.facilityId, x]));
    expect(byId[f.id].counts).toEqual((await board(f.id).expect(200)).body.counts);
    expect(byId[g.id].counts).toMatchObject({ inQuarantine: 1, arrivals: 1, testsDue: 1 });
    expect(res.body.totals).toMatchObject({ inQuarantine: 6, arrivals: 2, testsDue: 2, testsOverdue: 3, positives: 1 });

    const own = await t.http().get('/api/v1/today').set(bearer(committee)).expect(200);
    expect(own.body.totals).toEqual(res.body.totals);
    const manager = await t.http().get('/api/v1/today').set(bearer(managerOfG)).expect(200);
    expect(manager.body.facilities.map((x: { facilityId: string }) => x.facilityId)).toEqual([g.id]);
  });

  it('keeps to scope: another district’s committee and another camp’s manager see nothing of F', async () => {
    const refused = await t.http().get('/api/v1/today').query({ adminUnitCode: '947' }).set(bearer(otherCommittee)).expect(403);
    expect(refused.body.code).toBe('OUT_OF_SCOPE');
    const own = await t.http().get('/api/v1/today').set(bearer(otherCommittee)).expect(200);
    expect(own.body.facilities).toEqual([]);
    expect(own.body.totals.inQuarantine).toBe(0);
    await board(f.id, undefined, otherCommittee).expect(404);
    await board(f.id, undefined, managerOfG).expect(404);
  });

  it('refuses a date that is not a calendar day, and an unknown unit', async () => {
    for (const date of ['2021-02-30', '01/08/2021', 'today']) {
      const res = await board(f.id, date);
      expect([date, res.status, res.body.code]).toEqual([date, 400, 'VALIDATION_FAILED']);
    }
    await t.http().get('/api/v1/today').query({ adminUnitCode: '99999' }).set(bearer(t.adminToken)).expect(404);
    await t.http().get('/api/v1/today').query({ adminUnitCode: 'x' }).set(bearer(t.adminToken)).expect(400);
  });

  /**
   * A past day is read from the records, not from today's state. Camp H in Long Phú (946), all entered
   * late; K is where W goes today.
   *   V  vaccinated, admitted 8 days ago, days 1 and 7 negative: release due yesterday, ready; released today
   *   X  admitted two days ago, never tested, checked in both of yesterday's rounds; released today
   *   W  admitted two days ago, never tested; moved to camp K today
   *   Z  admitted two days ago, sampled then; the result, positive, came in yesterday evening
   *   Y  admitted yesterday morning; day 1 sampled only today
   */
  describe('a past day', () => {
    const p: Record<'V' | 'X' | 'W' | 'Z' | 'Y', { id: string }> = {} as never;
    let h: { id: string };
    let k: { id: string };
    let committee946: string;
    const twoDaysAgo = addDays(today, -2);
    const who = (items: { stayId: string }[]) =>
      items.map((i) => Object.entries(p).find(([, stay]) => stay.id === i.stayId)?.[0] ?? '?').sort();
    const withDay = (items: { stayId: string; testDay: number }[]) => items.map((i) => `${who([i])[0]}${i.testDay}`).sort();
    const withRound = (items: { stayId: string; round: string }[]) => items.map((i) => `${who([i])[0]}:${i.round}`).sort();

    beforeAll(async () => {
      h = await createFacility(t, { adminUnitCode: '946' });
      k = await createFacility(t, { adminUnitCode: '946' });
      for (let i = 0; i < 5; i++) await createRoom(t, h.id, { beds: 1 });
      await createRoom(t, k.id, { beds: 1 });
      const eightDaysAgo = addDays(yesterday, -7);
      p.V = await admit(t, h.id, { admittedAt: `${eightDaysAgo}T10:00:00+07:00`, vaccinated: true });
      await sample(p.V.id, 1, `${eightDaysAgo}T12:00:00+07:00`, 'negative');
      await sample(p.V.id, 7, `${addDays(yesterday, -1)}T09:00:00+07:00`, 'negative');
      p.X = await admit(t, h.id, { admittedAt: `${twoDaysAgo}T08:00:00+07:00` });
      p.W = await admit(t, h.id, { admittedAt: `${twoDaysAgo}T09:00:00+07:00` });
      p.Z = await admit(t, h.id, { admittedAt: `${twoDaysAgo}T10:00:00+07:00` });
      p.Y = await admit(t, h.id, { admittedAt: `${yesterday}T09:00:00+07:00` });
      const zSample = await t.http().post(`/api/v1/stays/${p.Z.id}/tests`).set(bearer(t.adminToken))
        .send({ scheduledDay: 1, kind: 'rt_pcr', sampledAt: `${twoDaysAgo}T11:00:00+07:00` }).expect(201);

      committee946 = (await userToken(t, 'district_committee', { adminUnitCode: '946' })).token;
      const managerOfH = (await userToken(t, 'camp_manager', { facilityId: h.id })).token;
      for (const at of ['07:30', '14:10']) {
        await t.http().post(`/api/v1/facilities/${h.id}/health-checks`).set(bearer(managerOfH))
          .send({ checks: [{ stayId: p.X.id, takenAt: `${yesterday}T${at}:00+07:00`, temperatureC: 36.7, symptoms: [] }] }).expect(201);
      }
      // Today: Y's first sample; Z's result (yesterday evening's) entered; W moved; X and V go home.
      await sample(p.Y.id, 1, ago(HOUR), 'negative');
      await t.http().patch(`/api/v1/tests/${zSample.body.id}`).set(bearer(t.adminToken))
        .send({ result: 'positive', resultAt: `${yesterday}T20:00:00+07:00` }).expect(200);
      await t.http().post(`/api/v1/stays/${p.W.id}/transfer`).set(bearer(t.adminToken))
        .set('Idempotency-Key', `move-${p.W.id}`).send({ toFacilityId: k.id }).expect(200);
      for (const stay of [p.X, p.V]) {
        await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order (minh họa).' }).expect(200);
      }
    }, 180_000);

    it('describes yesterday as it was: the people released and moved since are still there, in their rooms then', async () => {
      const b = (await board(h.id, yesterday, committee946).expect(200)).body;
      expect(b.date).toBe(yesterday);
      expect(b.counts).toEqual({
        inQuarantine: 5,
        arrivals: 1,
        testsDue: 1,
        testsOverdue: 2,
        releasesDue: 1,
        releasesOverdue: 0,
        readyForRelease: 1,
        healthChecksMissing: 7,
        positives: 1,
      });
      expect(who(b.arrivals)).toEqual(['Y']);
      // Y's day 1 was due yesterday (sampled only today); X and W had not been tested by the end of the day.
      expect(withDay(b.testsDue)).toEqual(['Y1']);
      expect(withDay(b.testsOverdue)).toEqual(['W1', 'X1']);
      expect(b.testsOverdue.find((i: { stayId: string }) => i.stayId === p.X.id)).toMatchObject({ status: 'admitted', dueDate: twoDaysAgo });
      expect(who(b.releasesDue)).toEqual(['V']);
      expect(who(b.readyForRelease)).toEqual(['V']);
      // X was checked in both rounds; Y came after the morning round began.
      expect(withRound(b.healthChecksMissing)).toEqual(['V:afternoon', 'V:morning', 'W:afternoon', 'W:morning', 'Y:afternoon', 'Z:afternoon', 'Z:morning']);
      // W is listed in the room of H it held yesterday.
      const [wRoom] = await t.sql(`SELECT r.code FROM stay_movements m JOIN rooms r ON r.id = m.from_room_id WHERE m.stay_id = $1`, [p.W.id]);
      expect(b.healthChecksMissing.find((i: { stayId: string }) => i.stayId === p.W.id).roomCode).toBe(wRoom.code);
      expect(b.positives).toEqual([expect.objectContaining({ stayId: p.Z.id, status: 'positive', positiveResultAt: new Date(`${yesterday}T20:00:00+07:00`).toISOString() })]);
      for (const list of Object.keys(b.counts).filter((c) => c !== 'inQuarantine')) expect(b[list]).toHaveLength(b.counts[list]);
    });

    it('describes the day before it too: Z not yet positive, three arrivals', async () => {
      const b = (await board(h.id, twoDaysAgo).expect(200)).body;
      expect(b.counts).toMatchObject({ inQuarantine: 4, arrivals: 3, positives: 0, testsDue: 2, testsOverdue: 0 });
      expect(who(b.arrivals)).toEqual(['W', 'X', 'Z']);
      expect(withDay(b.testsDue)).toEqual(['W1', 'X1']);
    });

    it('shows today as it is, and the move on the other camp’s side', async () => {
      const now = (await board(h.id).expect(200)).body;
      expect(now.counts).toMatchObject({ inQuarantine: 2, arrivals: 0, positives: 1 });
      expect(who(now.positives)).toEqual(['Z']);
      expect((await board(k.id, yesterday).expect(200)).body.counts.inQuarantine).toBe(0);
      expect((await board(k.id).expect(200)).body.counts.inQuarantine).toBe(1);
    });

    it('rolls a past day up over the area with the same counts', async () => {
      const area = (await t.http().get('/api/v1/today').query({ adminUnitCode: '946', date: yesterday }).set(bearer(t.adminToken)).expect(200)).body;
      const byId = Object.fromEntries(area.facilities.map((x: { facilityId: string }) => [x.facilityId, x]));
      expect(byId[h.id].counts).toEqual((await board(h.id, yesterday).expect(200)).body.counts);
      expect(byId[k.id].counts.inQuarantine).toBe(0);
    });
  });
});
