import { randomUUID } from 'node:crypto';
import { addDays, localDay } from '../src/common/time/local-date';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, occupancyInvariants, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const ZERO = {
  inQuarantine: 0,
  admitted: 0,
  released: 0,
  transferredIn: 0,
  transferredOut: 0,
  positives: 0,
  testsSampled: 0,
  resultsPending: 0,
  bedsTotal: 0,
  bedsOccupied: 0,
};
const figures = (values: Partial<typeof ZERO>) => ({ ...ZERO, ...values });
/** Keeps only the figures of a row (a facility or unit row also carries its name and code). */
const only = (row: Record<string, unknown>) => Object.fromEntries(Object.keys(ZERO).map((k) => [k, row[k]]));

describe('daily reports', () => {
  let t: TestApp;
  const report = (query: Record<string, string>, token = t.adminToken) =>
    t.http().get('/api/v1/reports/daily').query(query).set(bearer(token));
  const series = (query: Record<string, string>, token = t.adminToken) =>
    t.http().get('/api/v1/reports/daily/series').query(query).set(bearer(token));
  const sample = async (stayId: string, sampledAt: string, result?: { result: string; resultAt: string }) => {
    const res = await t.http().post(`/api/v1/stays/${stayId}/tests`).set(bearer(t.adminToken))
      .send({ kind: 'rt_pcr', sampledAt });
    expect(res.status).toBe(201);
    if (result) await t.http().patch(`/api/v1/tests/${res.body.id}`).set(bearer(t.adminToken)).send(result).expect(200);
  };
  const releaseAt = async (stayId: string, releasedAt: string) => expect((await release(t, stayId, { ...OVERRIDE, releasedAt })).status).toBe(200);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(async () => {
    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
  });

  describe('three days of August 2021, all entered late', () => {
    // Camp A and camp B in Mỹ Xuyên (947), camp C in Thành phố Sóc Trăng (941). A and B registered their
    // beds in July; C registered its beds only now, so a bed of C counts from the first stay it held.
    let A: { id: string };
    let B: { id: string };
    let C: { id: string };
    let committee947: string;
    let committee941: string;
    let managerA: string;

    beforeAll(async () => {
      A = await createFacility(t, { code: 'RPT-A', adminUnitCode: '947' });
      B = await createFacility(t, { code: 'RPT-B', adminUnitCode: '947' });
      C = await createFacility(t, { code: 'RPT-C', adminUnitCode: '941' });
      for (let i = 0; i < 3; i++) await createRoom(t, A.id, { beds: 2 });
      for (let i = 0; i < 2; i++) await createRoom(t, B.id, { beds: 2 });
      await createRoom(t, C.id, { beds: 2 });
      await t.sql(
        `UPDATE beds SET created_at = '2021-07-01T08:00:00+07:00'
          WHERE room_id IN (SELECT id FROM rooms WHERE facility_id = ANY($1::uuid[]))`,
        [[A.id, B.id]],
      );
      committee947 = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
      committee941 = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
      managerA = (await userToken(t, 'camp_manager', { facilityId: A.id })).token;

      // 31 July: p0 into A (before the range: only the starting stock).
      const p0 = await admit(t, A.id, { admittedAt: '2021-07-31T10:00:00+07:00' });
      // 1 August: p1 into A, p2 into B late in the evening; p0 and p1 sampled.
      const p1 = await admit(t, A.id, { admittedAt: '2021-08-01T09:00:00+07:00' });
      const p2 = await admit(t, B.id, { admittedAt: '2021-08-01T23:30:00+07:00' });
      await sample(p0.id, '2021-08-01T08:00:00+07:00', { result: 'negative', resultAt: '2021-08-02T15:00:00+07:00' });
      await sample(p1.id, '2021-08-01T10:00:00+07:00', { result: 'negative', resultAt: '2021-08-02T09:00:00+07:00' });
      // 2 August: p3 into A half an hour after local midnight (still 1 August in UTC), p4 into C;
      // p0's and p1's results come in, p0 goes home, p2 tests positive.
      const p3 = await admit(t, A.id, { admittedAt: '2021-08-02T00:30:00+07:00' });
      await admit(t, C.id, { admittedAt: '2021-08-02T12:00:00+07:00' });
      await releaseAt(p0.id, '2021-08-02T16:00:00+07:00');
      await sample(p2.id, '2021-08-02T09:00:00+07:00', { result: 'positive', resultAt: '2021-08-02T20:00:00+07:00' });
      // 3 August: p1 and p2 leave, p5 comes into B, p3 is sampled (no result yet).
      await releaseAt(p1.id, '2021-08-03T10:00:00+07:00');
      await releaseAt(p2.id, '2021-08-03T11:00:00+07:00');
      await admit(t, B.id, { admittedAt: '2021-08-03T08:00:00+07:00' });
      await sample(p3.id, '2021-08-03T09:00:00+07:00');
    });

    const expected = {
      A: {
        '2021-07-31': figures({ inQuarantine: 1, admitted: 1, bedsTotal: 6, bedsOccupied: 1 }),
        '2021-08-01': figures({ inQuarantine: 2, admitted: 1, testsSampled: 2, resultsPending: 2, bedsTotal: 6, bedsOccupied: 2 }),
        '2021-08-02': figures({ inQuarantine: 2, admitted: 1, released: 1, bedsTotal: 6, bedsOccupied: 2 }),
        '2021-08-03': figures({ inQuarantine: 1, released: 1, testsSampled: 1, resultsPending: 1, bedsTotal: 6, bedsOccupied: 1 }),
      },
      B: {
        '2021-07-31': figures({ bedsTotal: 4 }),
        '2021-08-01': figures({ inQuarantine: 1, admitted: 1, bedsTotal: 4, bedsOccupied: 1 }),
        '2021-08-02': figures({ inQuarantine: 1, positives: 1, testsSampled: 1, bedsTotal: 4, bedsOccupied: 1 }),
        '2021-08-03': figures({ inQuarantine: 1, admitted: 1, released: 1, bedsTotal: 4, bedsOccupied: 1 }),
      },
      C: {
        '2021-07-31': figures({}),
        '2021-08-01': figures({}),
        '2021-08-02': figures({ inQuarantine: 1, admitted: 1, bedsTotal: 1, bedsOccupied: 1 }),
        '2021-08-03': figures({ inQuarantine: 1, bedsTotal: 1, bedsOccupied: 1 }),
      },
    };
    type Day = keyof typeof expected.A;
    const sum = (...rows: (typeof ZERO)[]) =>
      rows.reduce((acc, r) => Object.fromEntries(Object.keys(ZERO).map((k) => [k, acc[k as keyof typeof ZERO] + r[k as keyof typeof ZERO]])) as typeof ZERO, ZERO);
    const total = (day: Day) => sum(expected.A[day], expected.B[day], expected.C[day]);

    it('gives every number of each day for the province, per facility and per district, with the day before', async () => {
      for (const day of ['2021-08-01', '2021-08-02', '2021-08-03'] as const) {
        const res = await report({ adminUnitCode: '94', date: day }).expect(200);
        const previous = addDays(day, -1) as Day;
        expect(res.body).toMatchObject({ adminUnitCode: '94', name: 'Tỉnh Sóc Trăng', date: day });
        expect(res.body.totals).toEqual(total(day));
        expect(res.body.previous).toEqual(total(previous));
        const rows = Object.fromEntries(res.body.facilities.map((f: { code: string }) => [f.code, only(f)]));
        expect(rows).toEqual({ 'RPT-A': expected.A[day], 'RPT-B': expected.B[day], 'RPT-C': expected.C[day] });
        // The facility rows add up to the totals.
        expect(sum(...(Object.values(rows) as (typeof ZERO)[]))).toEqual(res.body.totals);

        expect(res.body.childUnits).toHaveLength(11);
        const unit = (code: string) => res.body.childUnits.find((u: { adminUnitCode: string }) => u.adminUnitCode === code);
        expect(unit('947')).toMatchObject({ name: 'Huyện Mỹ Xuyên', facilityCount: 2, ...sum(expected.A[day], expected.B[day]) });
        expect(unit('941')).toMatchObject({ facilityCount: 1, ...expected.C[day] });
        expect(unit('950')).toMatchObject({ facilityCount: 0, ...ZERO });
      }
    });

    it('gives the same totals day by day as a series', async () => {
      const res = await series({ adminUnitCode: '94', from: '2021-07-31', to: '2021-08-03' }).expect(200);
      expect(res.body).toMatchObject({ adminUnitCode: '94', from: '2021-07-31', to: '2021-08-03' });
      expect(res.body.days).toEqual(
        (['2021-07-31', '2021-08-01', '2021-08-02', '2021-08-03'] as const).map((date) => ({ date, ...total(date) })),
      );
    });

    it('shows a committee its district, and a camp manager its camp', async () => {
      const district = await report({ date: '2021-08-02' }, committee947).expect(200);
      expect(district.body).toMatchObject({ adminUnitCode: '947', name: 'Huyện Mỹ Xuyên' });
      expect(district.body.totals).toEqual(sum(expected.A['2021-08-02'], expected.B['2021-08-02']));
      expect(district.body.facilities.map((f: { code: string }) => f.code)).toEqual(['RPT-A', 'RPT-B']);

      const camp = await report({ date: '2021-08-02' }, managerA).expect(200);
      expect(camp.body.facilities.map((f: { code: string }) => f.code)).toEqual(['RPT-A']);
      expect(camp.body.totals).toEqual(expected.A['2021-08-02']);
      const campSeries = await series({ from: '2021-08-01', to: '2021-08-03' }, managerA).expect(200);
      expect(campSeries.body.days.map(only)).toEqual([expected.A['2021-08-01'], expected.A['2021-08-02'], expected.A['2021-08-03']]);
    });

    it('refuses an area outside the caller’s scope with 403, and an unknown unit with 404', async () => {
      await report({ adminUnitCode: '947', date: '2021-08-02' }, committee941).expect(403);
      await report({ adminUnitCode: '94', date: '2021-08-02' }, committee947).expect(403);
      await report({ adminUnitCode: '941', date: '2021-08-02' }, managerA).expect(403);
      await series({ adminUnitCode: '947', from: '2021-08-01', to: '2021-08-02' }, committee941).expect(403);
      await report({ adminUnitCode: '959' }).expect(404);
      await series({ adminUnitCode: '959', from: '2021-08-01', to: '2021-08-02' }).expect(404);
    });
  });

  describe('transfers', () => {
    it('counts a move out of one camp and into another today, and leaves yesterday as it was', async () => {
      const from = await createFacility(t, { adminUnitCode: '950' });
      const to = await createFacility(t, { adminUnitCode: '950' });
      await createRoom(t, from.id, { beds: 2 });
      await createRoom(t, to.id, { beds: 2 });
      const today = localDay(new Date(), 'Asia/Ho_Chi_Minh');
      const yesterday = addDays(today, -1);
      const stay = await admit(t, from.id, { admittedAt: `${yesterday}T10:00:00+07:00` });
      await sample(stay.id, `${yesterday}T11:00:00+07:00`);
      const moved = await t.http().post(`/api/v1/stays/${stay.id}/transfer`).set(bearer(t.adminToken))
        .set('Idempotency-Key', randomUUID()).send({ toFacilityId: to.id });
      expect(moved.status).toBe(200);
      const [movement] = await t.sql(`SELECT from_facility_id, to_facility_id FROM stay_movements WHERE stay_id = $1`, [stay.id]);
      expect(movement).toEqual({ from_facility_id: from.id, to_facility_id: to.id });

      const row = (res: { body: { facilities: { facilityId: string }[] } }, id: string) => only(res.body.facilities.find((f) => f.facilityId === id)!);
      const before = await report({ adminUnitCode: '950', date: yesterday }).expect(200);
      expect(row(before, from.id)).toEqual(figures({ inQuarantine: 1, admitted: 1, testsSampled: 1, resultsPending: 1, bedsTotal: 1, bedsOccupied: 1 }));
      expect(row(before, to.id)).toEqual(figures({}));

      const now = await report({ adminUnitCode: '950', date: today }).expect(200);
      expect(row(now, from.id)).toEqual(figures({ transferredOut: 1, resultsPending: 1, bedsTotal: 2 }));
      expect(row(now, to.id)).toEqual(figures({ inQuarantine: 1, transferredIn: 1, bedsTotal: 2, bedsOccupied: 1 }));
      expect(now.body.totals).toMatchObject({ inQuarantine: 1, transferredIn: 1, transferredOut: 1, admitted: 0 });
      expect(now.body.previous).toMatchObject({ inQuarantine: 1, admitted: 1 });
    });
  });

  describe('bad input', () => {
    it('refuses malformed and impossible dates and ranges with 400 and a code', async () => {
      const codeOf = async (req: ReturnType<typeof report>) => {
        const res = await req;
        expect(res.status).toBe(400);
        return res.body.code;
      };
      await codeOf(report({ date: '2021-8-1' }));
      await codeOf(report({ date: '2021-02-30' }));
      await codeOf(report({ adminUnitCode: 'Mỹ Xuyên' }));
      await codeOf(report({ date: '2021-08-01', extra: 'x' }));
      expect(await codeOf(report({ date: addDays(localDay(new Date(), 'Asia/Ho_Chi_Minh'), 2) }))).toBe('REPORT_DATE_IN_FUTURE');
      await codeOf(series({ from: '2021-08-01' }));
      expect(await codeOf(series({ from: '2021-08-03', to: '2021-08-01' }))).toBe('REPORT_RANGE_INVALID');
      expect(await codeOf(series({ from: '2021-08-01', to: '2021-11-01' }))).toBe('REPORT_RANGE_TOO_LONG');
      await series({ from: '2021-08-01', to: '2021-10-31' }).expect(200);
      await t.http().get('/api/v1/reports/daily').expect(401);
    });
  });
});
