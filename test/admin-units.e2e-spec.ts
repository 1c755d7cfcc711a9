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
    const under = await get('/api/v1/admin-units?parentCode=947').expect(200);
    expect(codes(under)).toEqual(['31900']);
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
