import { bearer, createFacility, userToken } from './helpers/fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

describe('administrative units', () => {
  let t: TestApp;
  const get = (path: string, token = t.adminToken) => t.http().get(path).set(bearer(token));
  const post = (body: object, token = t.adminToken) => t.http().post('/api/v1/admin-units').set(bearer(token)).send(body);
  const codes = (res: { body: { items: { code: string }[] } }) => res.body.items.map((u) => u.code);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('starts with Sóc Trăng and its eleven district-level units', async () => {
    const res = await get('/api/v1/admin-units?parentCode=94').expect(200);
    expect(res.body.total).toBe(11);
    expect(codes(res)).toEqual(['941', '942', '943', '944', '945', '946', '947', '948', '949', '950', '951']);
    expect(res.body.items[6]).toEqual({ code: '947', name: 'Huyện Mỹ Xuyên', level: 'district', parentCode: '94' });

    const province = await get('/api/v1/admin-units?level=province').expect(200);
    expect(province.body.items).toEqual([{ code: '94', name: 'Tỉnh Sóc Trăng', level: 'province', parentCode: null }]);
  });

  it('pages through the units in code order', async () => {
    const first = await get('/api/v1/admin-units?level=district&limit=5').expect(200);
    const third = await get('/api/v1/admin-units?level=district&limit=5&page=3').expect(200);
    expect(first.body).toMatchObject({ total: 11, page: 1, limit: 5 });
    expect(codes(first)).toEqual(['941', '942', '943', '944', '945']);
    expect(codes(third)).toEqual(['951']);
    const beyond = await get('/api/v1/admin-units?level=district&limit=5&page=9').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 11 });
  });

  it('refuses malformed filters with 400', async () => {
    await get('/api/v1/admin-units?level=hamlet').expect(400);
    await get('/api/v1/admin-units?parentCode=abc').expect(400);
    await get('/api/v1/admin-units?limit=0').expect(400);
    await get('/api/v1/admin-units?page=-1').expect(400);
    await get('/api/v1/admin-units?sort=name').expect(400);
  });

  it('shows one unit by its official code', async () => {
    const res = await get('/api/v1/admin-units/950').expect(200);
    expect(res.body).toEqual({ code: '950', name: 'Thị xã Vĩnh Châu', level: 'district', parentCode: '94' });
    await get('/api/v1/admin-units/999').expect(404);
    await get('/api/v1/admin-units/Vinh-Chau').expect(400);
  });

  it('is reference data every signed-in role may read', async () => {
    const facility = await createFacility(t);
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '950' });
    const manager = await userToken(t, 'camp_manager', { facilityId: facility.id });
    for (const token of [committee.token, manager.token]) {
      await get('/api/v1/admin-units?parentCode=94', token).expect(200);
      await get('/api/v1/admin-units/947', token).expect(200);
    }
    await t.http().get('/api/v1/admin-units').expect(401);
  });

  it('lets an admin add a commune under Mỹ Xuyên, which then lists under it', async () => {
    const res = await post({ code: '31900', name: 'Xã thử nghiệm', level: 'commune', parentCode: '947' }).expect(201);
    expect(res.body).toEqual({ code: '31900', name: 'Xã thử nghiệm', level: 'commune', parentCode: '947' });
    const under = await get('/api/v1/admin-units?parentCode=947&limit=200').expect(200);
    expect(codes(under)).toContain('31900');
    expect(codes(under)).toContain('31693');
  });

  it('starts with all 109 communes, wards and townships of Sóc Trăng, each under its district', async () => {
    const communes = await get('/api/v1/admin-units?level=commune&limit=200').expect(200);
    expect(codes(communes).filter((c) => Number(c) < 31900)).toHaveLength(109);
    const thamDon = await get('/api/v1/admin-units/31693').expect(200);
    expect(thamDon.body).toEqual({ code: '31693', name: 'Xã Tham Đôn', level: 'commune', parentCode: '947' });
    const vinhTan = await get('/api/v1/admin-units/31807').expect(200);
    expect(vinhTan.body).toEqual({ code: '31807', name: 'Xã Vĩnh Tân', level: 'commune', parentCode: '950' });
    const [counts] = await t.sql(`
      SELECT count(*) FILTER (WHERE c.name LIKE 'Xã %')::int AS xa,
             count(*) FILTER (WHERE c.name LIKE 'Phường %')::int AS phuong,
             count(*) FILTER (WHERE c.name LIKE 'Thị trấn %')::int AS thi_tran,
             count(*) FILTER (WHERE d.level <> 'district' OR d.parent_code <> '94')::int AS misplaced
        FROM admin_units c JOIN admin_units d ON d.code = c.parent_code
       WHERE c.level = 'commune' AND c.code::int < 31900`);
    expect(counts).toEqual({ xa: 80, phuong: 17, thi_tran: 12, misplaced: 0 });
  });

  it('records residence at commune level and refuses an unknown commune', async () => {
    const facility = await createFacility(t);
    const room = await t.http().post(`/api/v1/facilities/${facility.id}/rooms`).set(bearer(t.adminToken))
      .send({ code: 'R1', sexPolicy: 'male', beds: 2 }).expect(201);
    expect(room.body.beds).toHaveLength(2);
    const person = { fullName: 'Lý Văn Sơn', sex: 'male', birthYear: 1980 };
    const admitted = await t.http().post('/api/v1/stays').set(bearer(t.adminToken))
      .send({ facilityId: facility.id, classification: 'F1', person: { ...person, residenceAdminUnitCode: '31693' } })
      .expect(201);
    expect(admitted.body.person.residenceAdminUnitCode).toBe('31693');
    const unknown = await t.http().post('/api/v1/stays').set(bearer(t.adminToken))
      .send({ facilityId: facility.id, classification: 'F1', person: { ...person, residenceAdminUnitCode: '31999' } });
    expect(unknown.status).toBe(404);
  });

  it('lets a commune committee see the capacity of its commune, and rolls communes up into their district', async () => {
    const inThamDon = await createFacility(t, { adminUnitCode: '31693' });
    const inDistrictSeat = await createFacility(t, { adminUnitCode: '947' });
    await t.http().post(`/api/v1/facilities/${inThamDon.id}/rooms`).set(bearer(t.adminToken))
      .send({ code: 'R1', sexPolicy: 'female', beds: 3 }).expect(201);
    const commune = await userToken(t, 'district_committee', { adminUnitCode: '31693' });

    const own = await get('/api/v1/capacity', commune.token).expect(200);
    expect(own.body).toMatchObject({ adminUnitCode: '31693', name: 'Xã Tham Đôn', childUnits: [] });
    expect(own.body.facilities.map((f: { facilityId: string }) => f.facilityId)).toEqual([inThamDon.id]);
    expect(own.body.totals.totalBeds).toBe(3);
    await get(`/api/v1/facilities/${inDistrictSeat.id}`, commune.token).expect(404);
    await get('/api/v1/capacity?adminUnitCode=947', commune.token).expect(403);

    const district = await get('/api/v1/capacity?adminUnitCode=947').expect(200);
    const thamDon = district.body.childUnits.find((c: { adminUnitCode: string }) => c.adminUnitCode === '31693');
    expect(thamDon).toMatchObject({ name: 'Xã Tham Đôn', facilityCount: 1, totalBeds: 3 });
  });

  it('lets an admin add another province with its districts', async () => {
    await post({ code: '95', name: 'Tỉnh Bạc Liêu', level: 'province' }).expect(201);
    await post({ code: '954', name: 'Thành phố Bạc Liêu', level: 'district', parentCode: '95' }).expect(201);
    const provinces = await get('/api/v1/admin-units?level=province').expect(200);
    expect(codes(provinces)).toEqual(['94', '95']);
  });

  it('refuses a code that exists already, with 409', async () => {
    const res = await post({ code: '947', name: 'Huyện Mỹ Xuyên again', level: 'district', parentCode: '94' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ALREADY_EXISTS');
  });

  it('refuses a unit at the wrong level of the hierarchy, with 422', async () => {
    const commune = await post({ code: '31901', name: 'Xã dưới tỉnh', level: 'commune', parentCode: '94' });
    expect(commune.status).toBe(422);
    expect(commune.body.code).toBe('ADMIN_UNIT_HIERARCHY');
    await post({ code: '31902', name: 'Huyện mồ côi', level: 'district' }).expect(422);
    await post({ code: '96', name: 'Tỉnh dưới tỉnh', level: 'province', parentCode: '94' }).expect(422);
    await post({ code: '31910', name: 'Xã cha', level: 'commune', parentCode: '951' }).expect(201);
    await post({ code: '31911', name: 'Xã dưới xã', level: 'commune', parentCode: '31910' }).expect(422);
  });

  it('answers 404 when the parent unit does not exist', async () => {
    const res = await post({ code: '31904', name: 'Xã lạc', level: 'commune', parentCode: '959' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('refuses malformed units with 400', async () => {
    const good = { code: '31905', name: 'Xã hợp lệ', level: 'commune', parentCode: '947' };
    await post({ ...good, code: 'ST-01' }).expect(400);
    await post({ ...good, code: '12345678901' }).expect(400);
    await post({ ...good, level: 'hamlet' }).expect(400);
    await post({ ...good, name: '' }).expect(400);
    await post({ ...good, population: 12000 }).expect(400);
    await post({ code: '31905' }).expect(400);
  });

  it('lets only admins add units', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    await post({ code: '31906', name: 'Xã', level: 'commune', parentCode: '947' }, committee.token).expect(403);
  });
});
