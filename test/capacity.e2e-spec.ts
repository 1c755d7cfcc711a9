import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const counts = (totalBeds: number, occupied: number, available: number, outOfService: number) => ({
  totalBeds,
  occupied,
  available,
  outOfService,
});

/**
 * A province of its own (97), which no test changes, keeps these numbers free of other tests' beds:
 *   97 (province): facility P, 4 male beds
 *   970 (district): facility A, 4 male (1 occupied), 3 female (1 out of service), 2 mixed
 *     97001 (commune): facility B, 2 female beds
 *   971 (district): facility C, closed, 5 male beds (left out of every count)
 */
describe('capacity', () => {
  let t: TestApp;
  const f: Record<'P' | 'A' | 'B' | 'C', { id: string; code: string }> = {} as never;
  const capacity = (query: string, token = t.adminToken) => t.http().get(`/api/v1/capacity${query}`).set(bearer(token));
  const facilityCapacity = (id: string, token = t.adminToken) =>
    t.http().get(`/api/v1/facilities/${id}/capacity`).set(bearer(token));

  beforeAll(async () => {
    t = await createTestApp();
    const unit = (code: string, name: string, level: string, parentCode?: string) =>
      t.http().post('/api/v1/admin-units').set(bearer(t.adminToken)).send({ code, name, level, parentCode }).expect(201);
    await unit('97', 'Tỉnh thử nghiệm', 'province');
    await unit('970', 'Huyện thử nghiệm A', 'district', '97');
    await unit('971', 'Huyện thử nghiệm B', 'district', '97');
    await unit('97001', 'Xã thử nghiệm', 'commune', '970');

    f.P = await createFacility(t, { code: 'CAP-P', kind: 'provincial_camp', adminUnitCode: '97' });
    f.A = await createFacility(t, { code: 'CAP-A', adminUnitCode: '970' });
    f.B = await createFacility(t, { code: 'CAP-B', kind: 'other', adminUnitCode: '97001' });
    f.C = await createFacility(t, { code: 'CAP-C', adminUnitCode: '971', status: 'standby' });

    await createRoom(t, f.P.id, { sexPolicy: 'male', beds: 4 });
    const male = await createRoom(t, f.A.id, { sexPolicy: 'male', beds: 4 });
    const female = await createRoom(t, f.A.id, { sexPolicy: 'female', beds: 3 });
    await createRoom(t, f.A.id, { sexPolicy: 'mixed', beds: 2 });
    await createRoom(t, f.B.id, { sexPolicy: 'female', beds: 2 });
    await createRoom(t, f.C.id, { sexPolicy: 'male', beds: 5 });

    await admit(t, f.A.id, { bedId: male.beds[0].id });
    await t.http().patch(`/api/v1/beds/${female.beds[2].id}`).set(bearer(t.adminToken)).send({ status: 'out_of_service' }).expect(200);
    await t.http().patch(`/api/v1/facilities/${f.C.id}`).set(bearer(t.adminToken)).send({ status: 'closed' }).expect(200);
  });
  afterAll(() => t.close());

  it('counts a facility’s beds by status and by the sex of their rooms', async () => {
    const res = await facilityCapacity(f.A.id).expect(200);
    expect(res.body).toEqual({
      facilityId: f.A.id,
      ...counts(9, 1, 7, 1),
      // Beds out of service are left out of the rate: 1 occupied of 8 in service.
      occupancyRate: 0.125,
      bySex: { male: counts(4, 1, 3, 0), female: counts(3, 0, 2, 1), mixed: counts(2, 0, 2, 0) },
    });
  });

  it('counts an empty facility as zero', async () => {
    const empty = await createFacility(t, { adminUnitCode: '947' });
    const res = await facilityCapacity(empty.id).expect(200);
    expect(res.body).toMatchObject({ ...counts(0, 0, 0, 0), occupancyRate: 0 });
  });

  it('follows the beds at once: no counter to drift', async () => {
    const facility = await createFacility(t, { adminUnitCode: '947' });
    const room = await createRoom(t, facility.id, { beds: 2 });
    await t.http().patch(`/api/v1/beds/${room.beds[1].id}`).set(bearer(t.adminToken)).send({ status: 'out_of_service' }).expect(200);
    expect((await facilityCapacity(facility.id).expect(200)).body).toMatchObject(counts(2, 0, 1, 1));
    await admit(t, facility.id);
    expect((await facilityCapacity(facility.id).expect(200)).body).toMatchObject({ ...counts(2, 1, 0, 1), occupancyRate: 1 });
  });

  it('tells when each facility’s counts last changed: null before any bed, then the time of each change', async () => {
    const facility = await createFacility(t, { adminUnitCode: '947' });
    const row = async () =>
      (await capacity('?adminUnitCode=947&facilitiesLimit=200').expect(200)).body.facilities.find(
        (r: { facilityId: string }) => r.facilityId === facility.id,
      );
    expect((await row()).lastChangedAt).toBeNull();

    const before = Date.now();
    await createRoom(t, facility.id, { beds: 2 });
    const added = Date.parse((await row()).lastChangedAt);
    expect(added).toBeGreaterThanOrEqual(before - 1000);
    expect(added).toBeLessThanOrEqual(Date.now() + 1000);

    // A read or an update that moves no count leaves the time alone; an admission moves it.
    await t.sql(`UPDATE facility_bed_counts SET available = available WHERE facility_id = $1`, [facility.id]);
    expect(Date.parse((await row()).lastChangedAt)).toBe(added);
    await admit(t, facility.id);
    expect(Date.parse((await row()).lastChangedAt)).toBeGreaterThan(added);
  });

  it('gives a province its totals, a row per open facility and a row per district', async () => {
    const res = await capacity('?adminUnitCode=97').expect(200);
    expect(res.body).toMatchObject({
      adminUnitCode: '97',
      name: 'Tỉnh thử nghiệm',
      totals: { ...counts(15, 1, 13, 1), occupancyRate: 0.0714 },
    });
    expect(res.body.facilities.map((row: { code: string }) => row.code)).toEqual(expect.arrayContaining(['CAP-A', 'CAP-B', 'CAP-P']));
    expect(res.body.facilities.map((row: { code: string }) => row.code)).not.toContain('CAP-C');
    const rowA = res.body.facilities.find((row: { code: string }) => row.code === 'CAP-A');
    expect(rowA).toMatchObject({ facilityId: f.A.id, adminUnitCode: '970', kind: 'district_camp', status: 'active', ...counts(9, 1, 7, 1) });

    const [district970, district971] = res.body.childUnits;
    expect(district970).toMatchObject({ adminUnitCode: '970', name: 'Huyện thử nghiệm A', facilityCount: 2, ...counts(11, 1, 9, 1) });
    expect(district970.bySex.female).toEqual(counts(5, 0, 4, 1));
    expect(district971).toMatchObject({ adminUnitCode: '971', name: 'Huyện thử nghiệm B' });
    expect(res.body.childUnits).toHaveLength(2);
  });

  it('gives a district its communes as child rows', async () => {
    const res = await capacity('?adminUnitCode=970').expect(200);
    expect(res.body.facilities.map((row: { code: string }) => row.code)).toEqual(['CAP-A', 'CAP-B']);
    expect(res.body.childUnits).toEqual([
      expect.objectContaining({ adminUnitCode: '97001', facilityCount: 1, ...counts(2, 0, 2, 0) }),
    ]);
  });

  it('gives an admin without a unit one row per province', async () => {
    const res = await capacity('').expect(200);
    expect(res.body).toMatchObject({ adminUnitCode: null, name: null });
    expect(res.body.childUnits.map((row: { adminUnitCode: string }) => row.adminUnitCode)).toEqual(['94', '97']);
  });

  it('shows a committee its own unit by default, and refuses units outside it with 403', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '970' });
    const own = await capacity('', committee.token).expect(200);
    expect(own.body).toMatchObject({ adminUnitCode: '970', totals: counts(11, 1, 9, 1) });
    await capacity('?adminUnitCode=97001', committee.token).expect(200);
    await capacity('?adminUnitCode=97', committee.token).expect(403);
    await capacity('?adminUnitCode=971', committee.token).expect(403);
    await capacity('?adminUnitCode=99999', committee.token).expect(403);

    await facilityCapacity(f.B.id, committee.token).expect(200);
    await facilityCapacity(f.P.id, committee.token).expect(404);
  });

  it('shows a camp manager its own facility only', async () => {
    const manager = await userToken(t, 'camp_manager', { facilityId: f.A.id });
    const own = await capacity('', manager.token).expect(200);
    expect(own.body.facilities.map((row: { code: string }) => row.code)).toEqual(['CAP-A']);
    expect(own.body.totals).toMatchObject(counts(9, 1, 7, 1));
    const district = await capacity('?adminUnitCode=970', manager.token).expect(200);
    expect(district.body.facilities.map((row: { code: string }) => row.code)).toEqual(['CAP-A']);
    await capacity('?adminUnitCode=971', manager.token).expect(403);

    await facilityCapacity(f.A.id, manager.token).expect(200);
    await facilityCapacity(f.B.id, manager.token).expect(404);
  });

  it('refuses malformed requests with 400 and unknown objects with 404', async () => {
    await capacity('?adminUnitCode=Soc-Trang').expect(400);
    await capacity('?adminUnitCode=97&date=2021-02-09').expect(400);
    const unknown = await capacity('?adminUnitCode=99999').expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    await facilityCapacity(UNKNOWN_ID).expect(404);
    await facilityCapacity('CAP-A').expect(400);
  });
});
