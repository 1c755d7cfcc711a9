import { randomBytes } from 'node:crypto';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const tag = () => randomBytes(3).toString('hex').toUpperCase();

describe('facilities', () => {
  let t: TestApp;
  const post = (body: object, token = t.adminToken) => t.http().post('/api/v1/facilities').set(bearer(token)).send(body);
  const patch = (id: string, body: object, token = t.adminToken) =>
    t.http().patch(`/api/v1/facilities/${id}`).set(bearer(token)).send(body);
  const list = (query: string, token = t.adminToken) => t.http().get(`/api/v1/facilities?${query}`).set(bearer(token));
  const codes = (res: { body: { items: { code: string }[] } }) => res.body.items.map((f) => f.code);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('registering a facility', () => {
    it('registers the Tham Đôn camp with its operator, on standby unless said otherwise', async () => {
      const res = await post({
        code: `TD-${tag()}`,
        name: 'Đại đội huấn luyện (cũ)',
        kind: 'provincial_camp',
        adminUnitCode: '947',
        address: 'Xã Tham Đôn, huyện Mỹ Xuyên',
        operator: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sóc Trăng',
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        code: expect.stringMatching(/^TD-/),
        name: 'Đại đội huấn luyện (cũ)',
        kind: 'provincial_camp',
        adminUnitCode: '947',
        address: 'Xã Tham Đôn, huyện Mỹ Xuyên',
        operator: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sóc Trăng',
        status: 'standby',
        notes: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const again = await t.http().get(`/api/v1/facilities/${res.body.id}`).set(bearer(t.adminToken)).expect(200);
      expect(again.body).toEqual(res.body);
    });

    it('refuses a second facility with the same code, with 409', async () => {
      const code = `DUP-${tag()}`;
      await post({ code, name: 'First', kind: 'other', adminUnitCode: '94' }).expect(201);
      const res = await post({ code, name: 'Second', kind: 'other', adminUnitCode: '94' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ALREADY_EXISTS');
    });

    it('answers 404 for an admin unit that does not exist', async () => {
      const res = await post({ code: `X-${tag()}`, name: 'Nowhere', kind: 'other', adminUnitCode: '999' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('REFERENCED_NOT_FOUND');
    });

    it('refuses malformed facilities with 400', async () => {
      const good = { code: `OK-${tag()}`, name: 'Fine', kind: 'district_camp', adminUnitCode: '947' };
      const cases: [object, RegExp][] = [
        [{ ...good, kind: 'hotel' }, /kind/],
        [{ ...good, status: 'open' }, /status/],
        [{ ...good, code: 'has spaces' }, /code/],
        [{ ...good, code: 'X' }, /code/],
        [{ ...good, adminUnitCode: 947 }, /adminUnitCode/],
        [{ ...good, name: '' }, /name/],
        [{ ...good, capacity: 100 }, /capacity/],
        [{ name: 'Only a name' }, /code/],
      ];
      for (const [body, field] of cases) {
        const res = await post(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toMatch(field);
      }
    });

    it('lets only admins register facilities', async () => {
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
      await post({ code: `NO-${tag()}`, name: 'No', kind: 'other', adminUnitCode: '94' }, committee.token).expect(403);
    });
  });

  describe('listing facilities', () => {
    // A district of its own, with a commune below it, keeps these lists free of other tests' facilities.
    const district = String(980 + Math.floor(Math.random() * 10));
    const commune = `${district}01`;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      await t.http().post('/api/v1/admin-units').set(bearer(t.adminToken))
        .send({ code: district, name: 'Huyện thử nghiệm', level: 'district', parentCode: '94' }).expect(201);
      await t.http().post('/api/v1/admin-units').set(bearer(t.adminToken))
        .send({ code: commune, name: 'Xã thử nghiệm', level: 'commune', parentCode: district }).expect(201);
      ids.district = (await createFacility(t, { code: `L-${district}-A`, name: 'Khu cách ly huyện', kind: 'district_camp', adminUnitCode: district, status: 'active' })).id;
      ids.commune = (await createFacility(t, { code: `L-${district}-B`, name: 'Trạm y tế xã', kind: 'other', adminUnitCode: commune, status: 'standby' })).id;
      ids.closed = (await createFacility(t, { code: `L-${district}-C`, name: 'Khách sạn 100%_ sạch', kind: 'other', adminUnitCode: commune, status: 'closed' })).id;
    });

    it('includes the facilities of the units below the one asked for', async () => {
      const res = await list(`adminUnitCode=${district}`).expect(200);
      expect(codes(res)).toEqual([`L-${district}-A`, `L-${district}-B`, `L-${district}-C`]);
      expect(res.body).toMatchObject({ total: 3, page: 1, limit: 50 });
      expect(codes(await list(`adminUnitCode=${commune}`))).toEqual([`L-${district}-B`, `L-${district}-C`]);
      const province = await list('adminUnitCode=94&limit=200').expect(200);
      expect(codes(province)).toEqual(expect.arrayContaining([`L-${district}-A`, `L-${district}-B`]));
    });

    it('filters by status, kind and a search term', async () => {
      expect(codes(await list(`adminUnitCode=${district}&status=active`))).toEqual([`L-${district}-A`]);
      expect(codes(await list(`adminUnitCode=${district}&kind=other`))).toEqual([`L-${district}-B`, `L-${district}-C`]);
      expect(codes(await list(`adminUnitCode=${district}&kind=other&status=closed`))).toEqual([`L-${district}-C`]);
      expect(codes(await list(`q=${encodeURIComponent('trạm Y TẾ')}`))).toEqual([`L-${district}-B`]);
      expect(codes(await list(`q=l-${district}-a`))).toEqual([`L-${district}-A`]);
      // % and _ are matched literally, not as wildcards.
      expect(codes(await list(`adminUnitCode=${district}&q=${encodeURIComponent('100%_')}`))).toEqual([`L-${district}-C`]);
      expect(codes(await list(`adminUnitCode=${district}&q=${encodeURIComponent('%')}`))).toEqual([`L-${district}-C`]);
    });

    it('pages in code order', async () => {
      const second = await list(`adminUnitCode=${district}&limit=2&page=2`).expect(200);
      expect(second.body).toMatchObject({ items: [expect.objectContaining({ code: `L-${district}-C` })], total: 3, page: 2, limit: 2 });
    });

    it('refuses malformed filters with 400', async () => {
      await list('status=open').expect(400);
      await list('kind=hotel').expect(400);
      await list('adminUnitCode=Soc-Trang').expect(400);
      await list('limit=1000').expect(400);
      await list('orderBy=name').expect(400);
    });

    it('answers an empty list for a unit code that has no facilities or does not exist', async () => {
      const res = await list('adminUnitCode=99999').expect(200);
      expect(res.body).toMatchObject({ items: [], total: 0 });
    });

    it('shows a committee only its area: 403 for a filter outside it', async () => {
      const committee = await userToken(t, 'district_committee', { adminUnitCode: district });
      const own = await list('limit=200', committee.token).expect(200);
      expect(codes(own)).toEqual([`L-${district}-A`, `L-${district}-B`, `L-${district}-C`]);
      expect(codes(await list(`adminUnitCode=${commune}`, committee.token).expect(200))).toHaveLength(2);
      await list('adminUnitCode=94', committee.token).expect(403);
      await list('adminUnitCode=947', committee.token).expect(403);
    });

    it('shows a camp manager only its facility', async () => {
      const manager = await userToken(t, 'camp_manager', { facilityId: ids.commune });
      expect(codes(await list('', manager.token).expect(200))).toEqual([`L-${district}-B`]);
      expect(codes(await list(`adminUnitCode=${district}`, manager.token).expect(200))).toEqual([`L-${district}-B`]);
      await list('adminUnitCode=947', manager.token).expect(403);
    });
  });

  describe('one facility and its changes', () => {
    it('answers 404 for an unknown facility and 400 for a malformed id', async () => {
      await t.http().get(`/api/v1/facilities/${UNKNOWN_ID}`).set(bearer(t.adminToken)).expect(404);
      await t.http().get('/api/v1/facilities/ST-TQSDP').set(bearer(t.adminToken)).expect(400);
      await patch(UNKNOWN_ID, { name: 'Nobody' }).expect(404);
      await patch('123', { name: 'Nobody' }).expect(400);
    });

    it('brings a facility from standby into service and renames it', async () => {
      const facility = await createFacility(t, { status: 'standby' });
      const res = await patch(facility.id, { status: 'active', name: 'Khu cách ly đã khởi động lại', notes: 'Reactivated on 9 Feb 2021.' }).expect(200);
      expect(res.body).toMatchObject({ status: 'active', name: 'Khu cách ly đã khởi động lại', notes: 'Reactivated on 9 Feb 2021.', code: facility.code });
    });

    it('refuses changes that clash or are malformed', async () => {
      const a = await createFacility(t);
      const b = await createFacility(t);
      await patch(b.id, { code: a.code }).expect(409);
      await patch(b.id, { adminUnitCode: '999' }).expect(404);
      await patch(b.id, { status: 'open' }).expect(400);
      await patch(b.id, { id: UNKNOWN_ID }).expect(400);
      await patch(b.id, { name: null }).expect(400);
      await patch(b.id, { status: null }).expect(400);
      await patch(b.id, { adminUnitCode: null }).expect(400);
    });

    it('clears the address, operator and notes with null', async () => {
      const facility = await createFacility(t);
      await patch(facility.id, { address: 'Xã Vĩnh Tân', operator: 'Sở Y tế', notes: 'Ghi chú' }).expect(200);
      const res = await patch(facility.id, { address: null, operator: null, notes: null }).expect(200);
      expect(res.body).toMatchObject({ address: null, operator: null, notes: null });
    });

    it('refuses to close a facility that still holds people, and closes it once they are released', async () => {
      const facility = await createFacility(t, { status: 'active' });
      await createRoom(t, facility.id, { beds: 2 });
      const stay = await admit(t, facility.id);

      const refused = await patch(facility.id, { status: 'closed' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('FACILITY_NOT_EMPTY');
      const unchanged = await t.http().get(`/api/v1/facilities/${facility.id}`).set(bearer(t.adminToken)).expect(200);
      expect(unchanged.body.status).toBe('active');

      await release(t, stay.id, OVERRIDE).expect(200);
      const closed = await patch(facility.id, { status: 'closed' }).expect(200);
      expect(closed.body.status).toBe('closed');
    });

    it('closes an empty facility at once', async () => {
      const facility = await createFacility(t, { status: 'standby' });
      await createRoom(t, facility.id);
      await patch(facility.id, { status: 'closed' }).expect(200);
    });

    it('lets a committee read a facility in its area, and answers 404 for one outside it', async () => {
      const inside = await createFacility(t, { adminUnitCode: '950' });
      const outside = await createFacility(t, { adminUnitCode: '941' });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '950' });
      await t.http().get(`/api/v1/facilities/${inside.id}`).set(bearer(committee.token)).expect(200);
      await t.http().get(`/api/v1/facilities/${outside.id}`).set(bearer(committee.token)).expect(404);
      await patch(inside.id, { name: 'Renamed' }, committee.token).expect(403);
    });

    it('lets a camp manager read its own facility only, and change it not at all', async () => {
      const own = await createFacility(t);
      const other = await createFacility(t);
      const manager = await userToken(t, 'camp_manager', { facilityId: own.id });
      await t.http().get(`/api/v1/facilities/${own.id}`).set(bearer(manager.token)).expect(200);
      await t.http().get(`/api/v1/facilities/${other.id}`).set(bearer(manager.token)).expect(404);
      await patch(own.id, { name: 'Renamed' }, manager.token).expect(403);
    });
  });
});
