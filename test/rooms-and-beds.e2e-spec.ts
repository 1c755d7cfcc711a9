import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('rooms and beds', () => {
  let t: TestApp;
  const addRoom = (facilityId: string, body: object, token = t.adminToken) =>
    t.http().post(`/api/v1/facilities/${facilityId}/rooms`).set(bearer(token)).send(body);
  const addRooms = (facilityId: string, rooms: object[], token = t.adminToken) =>
    t.http().post(`/api/v1/facilities/${facilityId}/rooms/bulk`).set(bearer(token)).send({ rooms });
  const listRooms = (facilityId: string, query = '', token = t.adminToken) =>
    t.http().get(`/api/v1/facilities/${facilityId}/rooms?${query}`).set(bearer(token));
  const setBed = (bedId: string, body: object, token = t.adminToken) =>
    t.http().patch(`/api/v1/beds/${bedId}`).set(bearer(token)).send(body);
  const roomCount = async (facilityId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM rooms WHERE facility_id = $1`, [facilityId]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('adding rooms', () => {
    it('creates a room with its beds numbered 01 to n, all available', async () => {
      const facility = await createFacility(t);
      const res = await addRoom(facility.id, { code: 'A-101', building: 'A', floor: 1, sexPolicy: 'female', beds: 3 }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        facilityId: facility.id,
        code: 'A-101',
        building: 'A',
        floor: 1,
        sexPolicy: 'female',
        beds: ['01', '02', '03'].map((code) => ({ id: expect.any(String), roomId: res.body.id, code, status: 'available' })),
      });
    });

    it('numbers the beds of a hall of up to 500 without collisions, padded to the width of the count', async () => {
      const facility = await createFacility(t);
      const hall = await addRoom(facility.id, { code: 'HALL-1', sexPolicy: 'male', beds: 120 }).expect(201);
      const codes = hall.body.beds.map((b: { code: string }) => b.code);
      expect(new Set(codes).size).toBe(120);
      expect(codes.slice(0, 2)).toEqual(['001', '002']);
      expect(codes).toContain('010');
      expect(codes).toContain('100');
      expect(codes[119]).toBe('120');
      const gym = await addRoom(facility.id, { code: 'GYM-1', sexPolicy: 'mixed', beds: 500 }).expect(201);
      expect(gym.body.beds).toHaveLength(500);
      expect(gym.body.beds[499].code).toBe('500');
      // Small rooms keep the codes they always had.
      const small = await addRoom(facility.id, { code: 'S-1', sexPolicy: 'male', beds: 12 }).expect(201);
      expect(small.body.beds.map((b: { code: string }) => b.code).slice(0, 2)).toEqual(['01', '02']);
    });

    it('creates a hundred rooms of a camp in one request', async () => {
      const facility = await createFacility(t, { kind: 'provincial_camp' });
      const rooms = Array.from({ length: 100 }, (_, i) => ({
        code: `B-${String(i + 1).padStart(3, '0')}`,
        building: 'B',
        floor: Math.floor(i / 20) + 1,
        sexPolicy: i % 2 ? 'female' : 'male',
        beds: 6,
      }));
      const res = await addRooms(facility.id, rooms).expect(201);
      expect(res.body).toHaveLength(100);
      expect(res.body.every((r: { beds: unknown[] }) => r.beds.length === 6)).toBe(true);
      const [beds] = await t.sql(
        `SELECT count(*)::int AS n FROM beds b JOIN rooms r ON r.id = b.room_id WHERE r.facility_id = $1`,
        [facility.id],
      );
      expect(beds.n).toBe(600);
    });

    it('creates none of the rooms when one code is taken already (all or nothing)', async () => {
      const facility = await createFacility(t);
      await createRoom(t, facility.id, { code: 'C-050' });
      const rooms = Array.from({ length: 100 }, (_, i) => ({ code: `C-${String(i + 1).padStart(3, '0')}`, sexPolicy: 'male', beds: 2 }));
      const res = await addRooms(facility.id, rooms);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ALREADY_EXISTS');
      expect(await roomCount(facility.id)).toBe(1);
    });

    it('refuses a request that names the same room twice', async () => {
      const facility = await createFacility(t);
      const res = await addRooms(facility.id, [
        { code: 'D-1', sexPolicy: 'male', beds: 2 },
        { code: 'D-1', sexPolicy: 'female', beds: 2 },
      ]);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DUPLICATE_IN_REQUEST');
      expect(await roomCount(facility.id)).toBe(0);
    });

    it('refuses a room code the facility has already, but allows it in another facility', async () => {
      const a = await createFacility(t);
      const b = await createFacility(t);
      await addRoom(a.id, { code: 'E-1', sexPolicy: 'mixed', beds: 4 }).expect(201);
      await addRoom(a.id, { code: 'E-1', sexPolicy: 'mixed', beds: 4 }).expect(409);
      await addRoom(b.id, { code: 'E-1', sexPolicy: 'mixed', beds: 4 }).expect(201);
    });

    it('refuses malformed rooms with 400, naming the field', async () => {
      const facility = await createFacility(t);
      const good = { code: 'F-1', sexPolicy: 'male', beds: 2 };
      const cases: [object, RegExp][] = [
        [{ ...good, beds: 0 }, /beds/],
        [{ ...good, beds: -4 }, /beds/],
        [{ ...good, beds: 501 }, /beds/],
        [{ ...good, beds: 2.5 }, /beds/],
        [{ ...good, beds: '4' }, /beds/],
        [{ ...good, sexPolicy: 'family' }, /sexPolicy/],
        [{ ...good, code: '' }, /code/],
        [{ ...good, code: 'A/101' }, /code/],
        [{ ...good, floor: 'ground' }, /floor/],
        [{ ...good, pricePerNight: 0 }, /pricePerNight/],
        [{ code: 'F-1', sexPolicy: 'male' }, /beds/],
      ];
      for (const [body, field] of cases) {
        const res = await addRoom(facility.id, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toMatch(field);
      }
      expect(await roomCount(facility.id)).toBe(0);
    });

    it('refuses malformed bulk requests with 400', async () => {
      const facility = await createFacility(t);
      const good = { code: 'G-1', sexPolicy: 'male', beds: 2 };
      await addRooms(facility.id, []).expect(400);
      await addRooms(facility.id, [good, { ...good, code: 'G-2', beds: -1 }]).expect(400);
      await addRooms(facility.id, Array.from({ length: 501 }, (_, i) => ({ ...good, code: `G-${i}` }))).expect(400);
      await t.http().post(`/api/v1/facilities/${facility.id}/rooms/bulk`).set(bearer(t.adminToken)).send({ rooms: 'many' }).expect(400);
      await t.http().post(`/api/v1/facilities/${facility.id}/rooms/bulk`).set(bearer(t.adminToken)).send([good]).expect(400);
      expect(await roomCount(facility.id)).toBe(0);
    });

    it('answers 404 for an unknown facility and 400 for a malformed id', async () => {
      await addRoom(UNKNOWN_ID, { code: 'H-1', sexPolicy: 'male', beds: 2 }).expect(404);
      await addRoom('not-a-uuid', { code: 'H-1', sexPolicy: 'male', beds: 2 }).expect(400);
      await addRooms(UNKNOWN_ID, [{ code: 'H-1', sexPolicy: 'male', beds: 2 }]).expect(404);
      await listRooms(UNKNOWN_ID).expect(404);
    });

    it('lets a camp manager add rooms to its own facility only', async () => {
      const own = await createFacility(t);
      const other = await createFacility(t);
      const manager = await userToken(t, 'camp_manager', { facilityId: own.id });
      await addRoom(own.id, { code: 'M-1', sexPolicy: 'male', beds: 2 }, manager.token).expect(201);
      await addRooms(own.id, [{ code: 'M-2', sexPolicy: 'female', beds: 2 }], manager.token).expect(201);
      await addRoom(other.id, { code: 'M-1', sexPolicy: 'male', beds: 2 }, manager.token).expect(404);
    });

    it('does not let a committee add rooms, even in its own area', async () => {
      const facility = await createFacility(t, { adminUnitCode: '947' });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
      await addRoom(facility.id, { code: 'N-1', sexPolicy: 'male', beds: 2 }, committee.token).expect(403);
    });
  });

  describe('listing rooms', () => {
    it('lists a facility’s rooms with their beds, a page at a time in code order', async () => {
      const facility = await createFacility(t);
      await addRooms(facility.id, [
        { code: 'R-3', sexPolicy: 'male', beds: 1 },
        { code: 'R-1', sexPolicy: 'female', beds: 2 },
        { code: 'R-2', sexPolicy: 'mixed', beds: 3 },
      ]).expect(201);
      const first = await listRooms(facility.id, 'limit=2').expect(200);
      expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(first.body.items.map((r: { code: string }) => r.code)).toEqual(['R-1', 'R-2']);
      expect(first.body.items[1].beds.map((b: { code: string }) => b.code)).toEqual(['01', '02', '03']);
      const second = await listRooms(facility.id, 'limit=2&page=2').expect(200);
      expect(second.body.items.map((r: { code: string }) => r.code)).toEqual(['R-3']);
      await listRooms(facility.id, 'limit=0').expect(400);
    });

    it('shows the rooms to the committee of the area and the facility’s manager, and to no one else', async () => {
      const facility = await createFacility(t, { adminUnitCode: '950' });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '950' });
      const otherCommittee = await userToken(t, 'district_committee', { adminUnitCode: '941' });
      const manager = await userToken(t, 'camp_manager', { facilityId: facility.id });
      const otherManager = await userToken(t, 'camp_manager', { facilityId: (await createFacility(t)).id });
      await listRooms(facility.id, '', committee.token).expect(200);
      await listRooms(facility.id, '', manager.token).expect(200);
      await listRooms(facility.id, '', otherCommittee.token).expect(404);
      await listRooms(facility.id, '', otherManager.token).expect(404);
    });
  });

  describe('taking beds out of service', () => {
    it('takes a broken bed out of service and brings it back', async () => {
      const facility = await createFacility(t);
      const room = await createRoom(t, facility.id, { beds: 2 });
      const bed = room.beds[0];
      const off = await setBed(bed.id, { status: 'out_of_service' }).expect(200);
      expect(off.body).toEqual({ id: bed.id, roomId: room.id, code: '01', status: 'out_of_service' });
      const on = await setBed(bed.id, { status: 'available' }).expect(200);
      expect(on.body.status).toBe('available');
    });

    it('refuses to change an occupied bed by hand, with 409', async () => {
      const facility = await createFacility(t);
      const room = await createRoom(t, facility.id, { beds: 2 });
      const stay = await admit(t, facility.id, { bedId: room.beds[0].id });
      expect(stay.bedId).toBe(room.beds[0].id);
      const res = await setBed(room.beds[0].id, { status: 'out_of_service' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('BED_OCCUPIED');
      await setBed(room.beds[0].id, { status: 'available' }).expect(409);
      const [bed] = await t.sql(`SELECT status FROM beds WHERE id = $1`, [room.beds[0].id]);
      expect(bed.status).toBe('occupied');
    });

    it('refuses to mark a bed occupied by hand, and other malformed changes, with 400', async () => {
      const facility = await createFacility(t);
      const room = await createRoom(t, facility.id, { beds: 1 });
      await setBed(room.beds[0].id, { status: 'occupied' }).expect(400);
      await setBed(room.beds[0].id, { status: 'broken' }).expect(400);
      await setBed(room.beds[0].id, {}).expect(400);
      await setBed(room.beds[0].id, { status: 'available', code: '99' }).expect(400);
      await setBed(UNKNOWN_ID, { status: 'available' }).expect(404);
      await setBed('bed-1', { status: 'available' }).expect(400);
    });

    it('lets the camp manager change beds of its own facility only, and committees none', async () => {
      const own = await createFacility(t, { adminUnitCode: '947' });
      const other = await createFacility(t, { adminUnitCode: '947' });
      const ownBed = (await createRoom(t, own.id)).beds[0];
      const otherBed = (await createRoom(t, other.id)).beds[0];
      const manager = await userToken(t, 'camp_manager', { facilityId: own.id });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
      await setBed(ownBed.id, { status: 'out_of_service' }, manager.token).expect(200);
      await setBed(otherBed.id, { status: 'out_of_service' }, manager.token).expect(404);
      await setBed(ownBed.id, { status: 'available' }, committee.token).expect(403);
    });
  });
});
