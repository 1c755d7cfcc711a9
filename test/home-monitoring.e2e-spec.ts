import { randomUUID } from 'node:crypto';
import { addDays, localDay } from '../src/common/time/local-date';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, newPerson, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * The hand-off after release, acted out. Camp F lies in Mỹ Xuyên (947). Released from it:
 *   A  resides in a commune of Vĩnh Châu (950), released 8 days ago: 14 days at home, day 7 test overdue
 *   B  resides in Mỹ Xuyên (947), released 2 days ago: day 7 test upcoming
 *   C  resides in Vĩnh Châu, released 20 days ago: monitoring over
 * and D, of Vĩnh Châu too, still in the camp. Vĩnh Châu's committee follows A; Mỹ Xuyên's follows B.
 */
describe('home monitoring after release', () => {
  let t: TestApp;
  let f: { id: string };
  const s = {} as Record<'A' | 'B' | 'C' | 'D', { id: string }>;
  let commune950: string;
  let vinhChau: string;
  let myXuyen: string;
  let manager: string;
  let soc: string;
  const today = localDay(new Date(), TZ);

  const releasedStay = async (residence: string, admittedDaysAgo: number, releasedDaysAgo: number) => {
    await createRoom(t, f.id, { beds: 1 });
    const stay = await admit(t, f.id, { admittedAt: ago(admittedDaysAgo), person: newPerson({ residenceAdminUnitCode: residence }) });
    await release(t, stay.id, { releasedAt: ago(releasedDaysAgo), ...OVERRIDE }).expect(200);
    return stay;
  };
  const list = (token: string, query: Record<string, string> = {}) =>
    t.http().get('/api/v1/home-monitoring').query(query).set(bearer(token));
  const check = (stayId: string, body: Record<string, unknown>, token: string, key?: string) => {
    const req = t.http().post(`/api/v1/stays/${stayId}/home-monitoring/checks`).set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const runJob = async () =>
    (await t.http().post('/api/v1/jobs/flag-home-monitoring/run').query({ wait: 'true' }).set(bearer(t.adminToken)).expect(200)).body;
  const openAlerts = (stayId: string) =>
    t.sql<{ type: string; residence_admin_unit_code: string }>(
      `SELECT type::text, residence_admin_unit_code FROM alerts WHERE stay_id = $1 AND status <> 'resolved' ORDER BY type`,
      [stayId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    [{ code: commune950 }] = await t.sql(`SELECT code FROM admin_units WHERE parent_code = '950' ORDER BY code LIMIT 1`);
    f = await createFacility(t, { adminUnitCode: '947' });
    s.A = await releasedStay(commune950, 23, 8);
    s.B = await releasedStay('947', 16, 2);
    s.C = await releasedStay('950', 35, 20);
    await createRoom(t, f.id, { beds: 1 });
    s.D = await admit(t, f.id, { person: newPerson({ residenceAdminUnitCode: '950' }) });
    vinhChau = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
    myXuyen = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    soc = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
    manager = (await userToken(t, 'camp_manager', { facilityId: f.id })).token;
  }, 180_000);
  afterAll(() => t?.close());

  it('shows each committee the people residing in its area, whatever facility released them', async () => {
    const res = await list(vinhChau).expect(200);
    expect(res.body.total).toBe(1);
    const [a] = res.body.items;
    expect(a).toMatchObject({
      stayId: s.A.id,
      facilityId: f.id,
      facilityName: 'Test facility',
      monitoringUntil: addDays(localDay(new Date(Date.now() - 8 * DAY), TZ), 14),
      lastCheck: null,
    });
    expect(a.postReleaseTests).toEqual([
      { day: 7, dueDate: addDays(localDay(new Date(Date.now() - 8 * DAY), TZ), 7), state: 'overdue', doneOn: null },
    ]);
    expect(a.person).toMatchObject({ residenceAdminUnitCode: commune950, phone: '*******678' });
    expect(a.person.idNumber).toMatch(/^\*+\d{3}$/);

    expect((await list(myXuyen).expect(200)).body.items.map((i: { stayId: string }) => i.stayId)).toEqual([s.B.id]);
    const all = await list(t.adminToken).expect(200);
    expect(all.body.items.find((i: { stayId: string }) => i.stayId === s.A.id).person.phone).toBe('0912345678');
    expect(all.body.items.map((i: { stayId: string }) => i.stayId).sort()).toEqual([s.A.id, s.B.id].sort());
    // Ten days ago C was still at home and A not yet released.
    const earlier = await list(vinhChau, { activeOn: addDays(today, -10) }).expect(200);
    expect(earlier.body.items.map((i: { stayId: string }) => i.stayId)).toEqual([s.C.id]);
    expect((await list(t.adminToken, { adminUnitCode: commune950 }).expect(200)).body.total).toBe(1);
  });

  it('keeps the list to the committee’s own area, and from camp managers', async () => {
    expect((await list(myXuyen, { adminUnitCode: '950' }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    await list(manager).expect(403);
    await list(t.adminToken, { adminUnitCode: '99999' }).expect(404);
    await list(t.adminToken, { activeOn: '2021-02-30' }).expect(400);
    expect((await list(soc).expect(200)).body.items).toEqual([]);
  });

  it('records the committee’s checks, raises the alerts of residence, and the job adds the overdue test', async () => {
    await check(s.A.id, { status: 'ok' }, myXuyen).expect(404);
    await check(s.A.id, { status: 'ok' }, manager).expect(403);

    const absent = await check(s.A.id, { status: 'absent', note: 'Không có ở nhà' }, vinhChau, randomUUID()).expect(201);
    expect(absent.body).toMatchObject({ stayId: s.A.id, status: 'absent', alertsRaised: ['home_monitoring_absent'] });
    expect(await openAlerts(s.A.id)).toEqual([{ type: 'home_monitoring_absent', residence_admin_unit_code: commune950 }]);

    expect(await runJob()).toMatchObject({ raised: 1, resolved: 0 });
    expect((await openAlerts(s.A.id)).map((a) => a.type).sort()).toEqual(['home_monitoring_absent', 'post_release_test_due']);
    expect((await openAlerts(s.A.id)).every((a) => a.residence_admin_unit_code === commune950)).toBe(true);
    expect(await runJob()).toMatchObject({ raised: 0, resolved: 0 });

    // Vĩnh Châu's committee sees the alerts of its resident though the camp lies in Mỹ Xuyên; others do not.
    const seen = await t.http().get('/api/v1/alerts').query({ adminUnitCode: '950' }).set(bearer(vinhChau)).expect(200);
    expect(seen.body.items.map((a: { type: string }) => a.type).sort()).toEqual(['home_monitoring_absent', 'post_release_test_due']);
    expect(seen.body.items[0].residenceAdminUnitCode).toBe(commune950);
    const own = await t.http().get('/api/v1/alerts').set(bearer(vinhChau)).expect(200);
    expect(own.body.total).toBe(2);
    const elsewhere = await t.http().get('/api/v1/alerts').set(bearer(soc)).expect(200);
    expect(elsewhere.body.total).toBe(0);
    const alertId = seen.body.items[0].id;
    await t.http().post(`/api/v1/alerts/${alertId}/acknowledge`).set(bearer(soc)).expect(404);
    await t.http().post(`/api/v1/alerts/${alertId}/acknowledge`).set(bearer(vinhChau)).expect(200);
  });

  it('resolves the test and the absence with a positive test at home, and raises positive_after_release', async () => {
    const res = await check(s.A.id, { status: 'tested_positive', note: 'Test nhanh dương tính' }, vinhChau).expect(201);
    expect(res.body.alertsRaised).toEqual(['positive_after_release']);
    expect(await openAlerts(s.A.id)).toEqual([{ type: 'positive_after_release', residence_admin_unit_code: commune950 }]);
    expect(await runJob()).toMatchObject({ raised: 0, resolved: 0 });

    const [a] = (await list(vinhChau).expect(200)).body.items;
    expect(a.postReleaseTests[0]).toMatchObject({ state: 'done', doneOn: today });
    expect(a.lastCheck).toMatchObject({ status: 'tested_positive', note: 'Test nhanh dương tính' });
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'home_monitoring.check_recorded' AND stay_id = $1`, [s.A.id]);
    expect(n).toBe(2);
  });

  it('refuses a check of someone still in the camp, after the monitoring, in the future, or with an unknown status', async () => {
    const inCamp = await check(s.D.id, { status: 'ok' }, vinhChau);
    expect([inCamp.status, inCamp.body.code]).toEqual([409, 'STAY_NOT_RELEASED']);
    const over = await check(s.C.id, { status: 'ok' }, vinhChau);
    expect([over.status, over.body.code]).toEqual([422, 'OUTSIDE_HOME_MONITORING']);
    const future = await check(s.B.id, { status: 'ok', at: new Date(Date.now() + 3600_000).toISOString() }, myXuyen);
    expect([future.status, future.body.code]).toEqual([422, 'TIME_IN_FUTURE']);
    await check(s.B.id, { status: 'fine' }, myXuyen).expect(400);
    await check(s.B.id, {}, myXuyen).expect(400);
    await check(randomUUID(), { status: 'ok' }, t.adminToken).expect(404);
  });

  it('gives policies post-release test days, [7] by default, within the home monitoring', async () => {
    const policies = await t.http().get('/api/v1/policies').set(bearer(t.adminToken)).expect(200);
    expect(policies.body.items.every((p: { postReleaseTestDays: number[] }) => p.postReleaseTestDays.join() === '7')).toBe(true);
    const base = { classification: 'F3', vaccinated: true, durationDays: 7, testDays: [1, 7], homeMonitoringDays: 7 };
    const created = await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send(base).expect(201);
    expect(created.body.postReleaseTestDays).toEqual([7]);
    const short = await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send({ ...base, classification: 'F2', homeMonitoringDays: 3 }).expect(201);
    expect(short.body.postReleaseTestDays).toEqual([]);
    await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send({ ...base, postReleaseTestDays: [10] }).expect(422);
    await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send({ ...base, postReleaseTestDays: [0] }).expect(400);
  });
});
