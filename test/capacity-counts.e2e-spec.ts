import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, occupancyInvariants, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';
import { COUNT_MISMATCHES_SQL, UNIT_COUNT_MISMATCHES_SQL } from '../src/facilities/capacity.repository';

/** The capacity roll-up reads running counts kept by triggers: they must always equal the beds. */
describe('running bed counts behind the capacity roll-up', () => {
  let t: TestApp;
  const mismatches = () => t.sql(COUNT_MISMATCHES_SQL);
  const unitMismatches = () => t.sql(UNIT_COUNT_MISMATCHES_SQL);
  const capacity = (query: Record<string, string | number>, token = t.adminToken) =>
    t.http().get('/api/v1/capacity').query(query).set(bearer(token));
  const runJob = async (name: string) =>
    (await t.http().post(`/api/v1/jobs/${name}/run`).query({ wait: 'true' }).set(bearer(t.adminToken)).expect(200)).body;
  /** The beds of an area counted the slow way, straight from the beds table. */
  const bedsIn = async (unitCode: string) =>
    (
      await t.sql(
        `SELECT count(*)::int AS "totalBeds", count(*) FILTER (WHERE b.status = 'occupied')::int AS occupied,
                count(*) FILTER (WHERE b.status = 'available')::int AS available,
                count(*) FILTER (WHERE b.status = 'out_of_service')::int AS "outOfService"
           FROM beds b JOIN rooms r ON r.id = b.room_id JOIN facilities f ON f.id = r.facility_id
          WHERE f.status <> 'closed' AND f.admin_unit_code IN (SELECT admin_unit_subtree($1))`,
        [unitCode],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(async () => {
    expect(await mismatches()).toEqual([]);
    expect(await unitMismatches()).toEqual([]);
    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
  });

  it('stays exact under concurrent admissions and releases in several camps', async () => {
    const camps = [await createFacility(t, { adminUnitCode: '943' }), await createFacility(t, { adminUnitCode: '943' })];
    for (const camp of camps) {
      await createRoom(t, camp.id, { beds: 12, sexPolicy: 'male' });
      await createRoom(t, camp.id, { beds: 12, sexPolicy: 'mixed' });
    }
    const first = await Promise.all(camps.flatMap((c) => Array.from({ length: 6 }, () => admit(t, c.id))));
    // Releases of the first wave race with a second wave of admissions (some of which find no bed).
    const results = await Promise.allSettled([
      ...first.slice(0, 8).map((s) => release(t, s.id, OVERRIDE)),
      ...camps.flatMap((c) => Array.from({ length: 10 }, () => admit(t, c.id))),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(8);

    expect(await mismatches()).toEqual([]);
    expect(await unitMismatches()).toEqual([]);
    const res = await capacity({ adminUnitCode: '943' }).expect(200);
    expect(res.body.totals).toMatchObject(await bedsIn('943'));
    const [open] = await t.sql(`SELECT count(*)::int AS n FROM stays WHERE status IN ('admitted','positive') AND facility_id = ANY($1::uuid[])`, [camps.map((c) => c.id)]);
    expect(res.body.totals.occupied).toBe(open.n);
  });

  it('follows beds taken out of service, rooms removed or re-purposed, and bulk room creation', async () => {
    const camp = await createFacility(t, { adminUnitCode: '944' });
    const room = await createRoom(t, camp.id, { beds: 4, sexPolicy: 'female' });
    await t.http().post(`/api/v1/facilities/${camp.id}/rooms/bulk`).set(bearer(t.adminToken))
      .send({ rooms: [{ code: 'B1', sexPolicy: 'male', beds: 3 }, { code: 'B2', sexPolicy: 'mixed', beds: 5 }] }).expect(201);
    await t.http().patch(`/api/v1/beds/${room.beds[0].id}`).set(bearer(t.adminToken)).send({ status: 'out_of_service' }).expect(200);
    await admit(t, camp.id, { person: { fullName: 'Trần Thị Lan', sex: 'female', birthYear: 1990 } });
    expect(await mismatches()).toEqual([]);
    let res = await capacity({ adminUnitCode: '944' }).expect(200);
    expect(res.body.totals).toMatchObject({ totalBeds: 12, occupied: 1, outOfService: 1, available: 10 });
    expect(res.body.totals.bySex.female).toEqual({ totalBeds: 4, occupied: 1, available: 2, outOfService: 1 });

    // Changes made outside the API keep the counts too: the triggers sit in the database.
    await t.sql(`UPDATE rooms SET sex_policy = 'female' WHERE facility_id = $1 AND code = 'B1'`, [camp.id]);
    await t.sql(`DELETE FROM rooms WHERE facility_id = $1 AND code = 'B2'`, [camp.id]);
    await t.sql(`DELETE FROM beds WHERE room_id = $1 AND status = 'out_of_service'`, [room.id]);
    expect(await mismatches()).toEqual([]);
    res = await capacity({ adminUnitCode: '944' }).expect(200);
    expect(res.body.totals).toMatchObject({ totalBeds: 6, occupied: 1, outOfService: 0, available: 5 });
    expect(res.body.totals.bySex.female.totalBeds).toBe(6);
    expect(res.body.totals.bySex.mixed.totalBeds).toBe(0);
  });

  it('moves a facility’s beds between areas when it closes, reopens or changes unit, and follows units added below', async () => {
    const camp = await createFacility(t, { adminUnitCode: '948' });
    await createRoom(t, camp.id, { beds: 4, sexPolicy: 'male' });
    const totals = async (unit: string) => (await capacity({ adminUnitCode: unit }).expect(200)).body.totals;
    const before = await totals('948');
    await t.http().patch(`/api/v1/facilities/${camp.id}`).set(bearer(t.adminToken)).send({ status: 'closed' }).expect(200);
    expect(await totals('948')).toMatchObject({ totalBeds: before.totalBeds - 4 });
    expect(await totals('948')).toMatchObject(await bedsIn('948'));
    expect(await unitMismatches()).toEqual([]);
    await t.http().patch(`/api/v1/facilities/${camp.id}`).set(bearer(t.adminToken)).send({ status: 'active' }).expect(200);
    await admit(t, camp.id);
    expect(await totals('948')).toMatchObject({ ...(await bedsIn('948')), occupied: before.occupied + 1 });
    await t.http().patch(`/api/v1/facilities/${camp.id}`).set(bearer(t.adminToken)).send({ adminUnitCode: '949' }).expect(200);
    expect(await totals('948')).toMatchObject(await bedsIn('948'));
    expect(await totals('949')).toMatchObject(await bedsIn('949'));
    expect((await totals('949')).totalBeds).toBeGreaterThanOrEqual(4);
    expect(await unitMismatches()).toEqual([]);

    // A commune added below the district, and a facility in it, count in the district and the province.
    await t.http().post('/api/v1/admin-units').set(bearer(t.adminToken))
      .send({ code: '94999', name: 'Xã minh họa', level: 'commune', parentCode: '949' }).expect(201);
    const communeCamp = await createFacility(t, { adminUnitCode: '94999' });
    await createRoom(t, communeCamp.id, { beds: 3, sexPolicy: 'female' });
    const district = (await capacity({ adminUnitCode: '949' }).expect(200)).body;
    expect(district.totals).toMatchObject(await bedsIn('949'));
    expect(district.childUnits.find((c: { adminUnitCode: string }) => c.adminUnitCode === '94999')).toMatchObject({ facilityCount: 1, totalBeds: 3 });
    const province = (await capacity({ adminUnitCode: '94' }).expect(200)).body;
    expect(province.totals).toMatchObject(await bedsIn('94'));
    expect(province.childUnits.find((c: { adminUnitCode: string }) => c.adminUnitCode === '949')).toMatchObject(await bedsIn('949'));

    // Changes made outside the API: a facility closed and removed straight in the database.
    await t.sql(`UPDATE facilities SET status = 'closed' WHERE id = $1`, [communeCamp.id]);
    expect(await unitMismatches()).toEqual([]);
    await t.sql(`DELETE FROM facilities WHERE id = $1`, [communeCamp.id]);
    expect(await unitMismatches()).toEqual([]);
  });

  it('raises capacity_counts_mismatch when the counts ever differ from the beds, and resolves it once they agree', async () => {
    const camp = await createFacility(t, { adminUnitCode: '945', name: 'Khu cách ly Cù Lao Dung' });
    await createRoom(t, camp.id, { beds: 3 });
    expect(await runJob('flag-capacity-counts')).toMatchObject({ raised: 0 });
    await t.sql(`UPDATE facility_bed_counts SET available = available + 2 WHERE facility_id = $1`, [camp.id]);
    expect(await mismatches()).toEqual([
      { facilityId: camp.id, sexPolicy: 'male', counted: [5, 0, 0], actual: [3, 0, 0] },
    ]);
    // The unit's counts follow the facility's row (its trigger), so both disagree with the beds.
    expect(await runJob('flag-capacity-counts')).toMatchObject({ raised: 2, resolved: 0 });
    expect(await runJob('flag-capacity-counts')).toMatchObject({ raised: 0, resolved: 0 });
    const alerts = await t.sql(
      `SELECT subject_key, status, message FROM alerts WHERE facility_id = $1 AND type = 'capacity_counts_mismatch' ORDER BY subject_key`,
      [camp.id],
    );
    expect(alerts.map((a) => [a.subject_key, a.status])).toEqual([[`facility:${camp.id}`, 'open'], ['unit:945', 'open']]);
    expect(alerts[0].message).toMatch(/Khu cách ly Cù Lao Dung.*counted male 5\/0\/0, actual male 3\/0\/0/);
    expect(alerts[1].message).toMatch(/\(945\).*counted male 5\/0\/0, actual male 3\/0\/0/);

    await t.sql(`UPDATE facility_bed_counts SET available = available - 2 WHERE facility_id = $1`, [camp.id]);
    expect(await runJob('flag-capacity-counts')).toMatchObject({ raised: 0, resolved: 2 });

    // A unit's own rows going wrong (the facility's stay right) is caught too.
    await t.sql(`UPDATE admin_unit_facility_counts SET facilities = facilities + 1 WHERE admin_unit_code = '945'`);
    expect(await runJob('flag-capacity-counts')).toMatchObject({ raised: 1, resolved: 0 });
    const [unitAlert] = await t.sql(`SELECT subject_key, message FROM alerts WHERE type = 'capacity_counts_mismatch' AND status <> 'resolved'`);
    expect(unitAlert.subject_key).toBe('unit:945');
    expect(unitAlert.message).toMatch(/counted facilities \d+, actual facilities \d+/);
    await t.sql(`UPDATE admin_unit_facility_counts SET facilities = facilities - 1 WHERE admin_unit_code = '945'`);
    expect(await runJob('flag-capacity-counts')).toMatchObject({ raised: 0, resolved: 1 });
  });

  it('pages the facility rows of a large area while totals and child units stay whole', async () => {
    const codes = ['PG-1', 'PG-2', 'PG-3'];
    for (const code of codes) {
      const f = await createFacility(t, { code, adminUnitCode: '946' });
      await createRoom(t, f.id, { beds: 2 });
    }
    const first = await capacity({ adminUnitCode: '946', facilitiesLimit: 2 }).expect(200);
    expect(first.body).toMatchObject({ facilitiesPage: 1, facilitiesLimit: 2, facilitiesTotal: 3 });
    expect(first.body.facilities.map((f: { code: string }) => f.code)).toEqual(['PG-1', 'PG-2']);
    expect(first.body.facilities[0]).toMatchObject({ totalBeds: 2, available: 2 });
    const second = await capacity({ adminUnitCode: '946', facilitiesLimit: 2, facilitiesPage: 2 }).expect(200);
    expect(second.body.facilities.map((f: { code: string }) => f.code)).toEqual(['PG-3']);
    for (const page of [first, second]) expect(page.body.totals.totalBeds).toBe(6);

    const province = await capacity({ facilitiesLimit: 1, adminUnitCode: '94' }).expect(200);
    expect(province.body.facilities).toHaveLength(1);
    expect(province.body.childUnits).toHaveLength(11);
    const longPhu = province.body.childUnits.find((c: { adminUnitCode: string }) => c.adminUnitCode === '946');
    expect(longPhu).toMatchObject({ facilityCount: 3, totalBeds: 6 });
    expect(province.body.facilitiesTotal).toBe(
      province.body.childUnits.reduce((n: number, c: { facilityCount: number }) => n + c.facilityCount, 0),
    );
  });

  it('refuses bad paging with 400', async () => {
    const bad: Record<string, string | number>[] = [{ facilitiesLimit: 0 }, { facilitiesLimit: 201 }, { facilitiesPage: 0 }, { facilitiesPage: 'two' }];
    for (const query of bad) {
      const res = await capacity(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBeDefined();
    }
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '946' });
    await capacity({ adminUnitCode: '947', facilitiesPage: 2 }, committee.token).expect(403);
  });
});
