import { DataSource } from 'typeorm';
import { CoverageService } from '../src/staffing/coverage.service';
import { requiredOnDuty, requiredOnDutySql } from '../src/staffing/requirements';
import { seedSampleStaffing } from '../src/staffing/seed-sample-staffing';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/** A fixed week in the future, so nothing depends on today's date. */
const T = (dayHour: string) => `2031-03-${dayHour}:00+07:00`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('staffing: staff, frames, assignments and coverage', () => {
  let t: TestApp;
  let camp: { id: string; code: string };
  let otherCamp: { id: string };
  let committee947: string;
  let committee941: string;
  let manager: string;
  let otherManager: string;

  const staff = async (token: string, fields: Record<string, unknown> = {}) => {
    const res = await t
      .http()
      .post('/api/v1/staff')
      .set(bearer(token))
      .send({ fullName: 'Trần Thị Mai', role: 'medical', agency: 'Trung tâm Y tế huyện', adminUnitCode: '947', ...fields });
    if (res.status !== 201) throw new Error(`staff: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; fullName: string; role: string; adminUnitCode: string };
  };
  const assign = (facilityId: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.http().post(`/api/v1/facilities/${facilityId}/assignments`).set(bearer(token)).send(body);
  const frame = async (fields: Record<string, unknown> = {}, token = t.adminToken) => {
    const res = await t
      .http()
      .post('/api/v1/frames')
      .set(bearer(token))
      .send({ name: 'Khung cách ly huyện Mỹ Xuyên', adminUnitCode: '947', ...fields });
    if (res.status !== 201) throw new Error(`frame: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const addMember = (frameId: string, staffId: string, position?: string, token = t.adminToken) =>
    t
      .http()
      .post(`/api/v1/frames/${frameId}/members`)
      .set(bearer(token))
      .send({ staffId, ...(position ? { position } : {}) });
  const coverage = async (facilityId: string, at: string, token = t.adminToken) => {
    const res = await t
      .http()
      .get(`/api/v1/facilities/${facilityId}/staffing`)
      .query({ at })
      .set(bearer(token))
      .expect(200);
    return res.body;
  };
  const role = (body: { roles: { role: string }[] }, name: string) => body.roles.find((r) => r.role === name);

  beforeAll(async () => {
    t = await createTestApp();
    camp = await createFacility(t, { kind: 'district_camp', adminUnitCode: '947' });
    otherCamp = await createFacility(t, { kind: 'district_camp', adminUnitCode: '941' });
    committee947 = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    committee941 = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
    manager = (await userToken(t, 'camp_manager', { facilityId: camp.id })).token;
    otherManager = (await userToken(t, 'camp_manager', { facilityId: otherCamp.id })).token;
  });
  afterAll(() => t.close());

  describe('staff', () => {
    it('registers staff and filters them by role, agency, unit and availability', async () => {
      const nurse = await staff(committee947, { fullName: 'Lê Văn Nurse', role: 'medical', agency: 'Bệnh viện Mỹ Xuyên' });
      const guard = await staff(t.adminToken, { fullName: 'Lê Văn Guard', role: 'security', agency: 'Công an huyện' });
      await assign(camp.id, { staffId: guard.id, startsAt: T('10T07:00'), endsAt: T('10T19:00') }).expect(201);

      const byRole = await t.http().get('/api/v1/staff').query({ role: 'security', q: 'Lê Văn' }).set(bearer(t.adminToken));
      expect(byRole.body.items.map((s: { id: string }) => s.id)).toEqual([guard.id]);
      const byAgency = await t.http().get('/api/v1/staff').query({ agency: 'bệnh viện' }).set(bearer(t.adminToken));
      expect(byAgency.body.items.map((s: { id: string }) => s.id)).toContain(nurse.id);

      const free = await t
        .http()
        .get('/api/v1/staff')
        .query({ q: 'Lê Văn', availableFrom: T('10T12:00'), availableTo: T('10T13:00'), limit: 200 })
        .set(bearer(t.adminToken))
        .expect(200);
      const ids = free.body.items.map((s: { id: string }) => s.id);
      expect(ids).toContain(nurse.id);
      expect(ids).not.toContain(guard.id);
    });

    it('refuses an availability window that ends before it starts, or has only one end', async () => {
      const res = await t
        .http()
        .get('/api/v1/staff')
        .query({ availableFrom: T('10T12:00'), availableTo: T('10T11:00') })
        .set(bearer(t.adminToken))
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'availableTo', message: expect.any(String) }] });
      await t.http().get('/api/v1/staff').query({ availableFrom: T('10T12:00') }).set(bearer(t.adminToken)).expect(400);
    });

    it('lets a committee manage only the staff of its own unit', async () => {
      await t
        .http()
        .post('/api/v1/staff')
        .set(bearer(committee947))
        .send({ fullName: 'A', role: 'medical', agency: 'X', adminUnitCode: '941' })
        .expect(403);
      const elsewhere = await staff(committee941, { adminUnitCode: '941' });
      await t.http().get(`/api/v1/staff/${elsewhere.id}`).set(bearer(committee947)).expect(404);
      await t.http().patch(`/api/v1/staff/${elsewhere.id}`).set(bearer(committee947)).send({ active: false }).expect(404);
      await t.http().get('/api/v1/staff').query({ adminUnitCode: '941' }).set(bearer(committee947)).expect(403);
      const listed = await t.http().get('/api/v1/staff').query({ limit: 200 }).set(bearer(committee947)).expect(200);
      expect(listed.body.items.every((s: { adminUnitCode: string }) => s.adminUnitCode === '947')).toBe(true);

      const own = await staff(committee947);
      const patched = await t
        .http()
        .patch(`/api/v1/staff/${own.id}`)
        .set(bearer(committee947))
        .send({ phone: '0299 3822 123', agency: 'Sở Y tế' })
        .expect(200);
      expect(patched.body).toMatchObject({ phone: '0299 3822 123', agency: 'Sở Y tế', adminUnitCode: '947' });
      await t.http().patch(`/api/v1/staff/${own.id}`).set(bearer(committee947)).send({ adminUnitCode: '941' }).expect(403);
    });

    it('shows a camp manager the staff who can serve at its facility, and lets it change none', async () => {
      const provincial = await staff(t.adminToken, { adminUnitCode: '94', agency: 'Công an tỉnh', role: 'security' });
      const district = await staff(t.adminToken, { adminUnitCode: '947' });
      const elsewhere = await staff(t.adminToken, { adminUnitCode: '941' });
      await t.http().get(`/api/v1/staff/${provincial.id}`).set(bearer(manager)).expect(200);
      await t.http().get(`/api/v1/staff/${district.id}`).set(bearer(manager)).expect(200);
      await t.http().get(`/api/v1/staff/${elsewhere.id}`).set(bearer(manager)).expect(404);
      await t.http().patch(`/api/v1/staff/${district.id}`).set(bearer(manager)).send({ active: false }).expect(403);
      await t
        .http()
        .post('/api/v1/staff')
        .set(bearer(manager))
        .send({ fullName: 'A', role: 'medical', agency: 'X', adminUnitCode: '947' })
        .expect(403);
    });

    it('answers bad staff input with 400 or 404, never 500', async () => {
      const base = { fullName: 'A', role: 'medical', agency: 'X', adminUnitCode: '947' };
      await t.http().post('/api/v1/staff').set(bearer(t.adminToken)).send({ ...base, role: 'doctor' }).expect(400);
      await t.http().post('/api/v1/staff').set(bearer(t.adminToken)).send({ ...base, salary: 5 }).expect(400);
      await t.http().post('/api/v1/staff').set(bearer(t.adminToken)).send({ ...base, phone: 'call me' }).expect(400);
      const unknownUnit = await t
        .http()
        .post('/api/v1/staff')
        .set(bearer(t.adminToken))
        .send({ ...base, adminUnitCode: '999' })
        .expect(404);
      expect(unknownUnit.body.code).toBe('REFERENCED_NOT_FOUND');
      const someone = await staff(t.adminToken);
      for (const cleared of [{ fullName: null }, { role: null }, { active: null }]) {
        await t.http().patch(`/api/v1/staff/${someone.id}`).set(bearer(t.adminToken)).send(cleared).expect(400);
      }
      await t.http().patch(`/api/v1/staff/${someone.id}`).set(bearer(t.adminToken)).send({ phone: null }).expect(200);
      await t.http().get('/api/v1/staff/not-a-uuid').set(bearer(t.adminToken)).expect(400);
      await t.http().get(`/api/v1/staff/${UNKNOWN_ID}`).set(bearer(t.adminToken)).expect(404);
    });
  });

  describe('assignments', () => {
    it('puts a staff member on duty in their own role and lists the roster', async () => {
      const nurse = await staff(t.adminToken);
      const res = await assign(camp.id, { staffId: nurse.id, startsAt: T('02T07:00'), endsAt: T('02T19:00') }, manager);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ staffId: nurse.id, staffName: nurse.fullName, role: 'medical', frameId: null });
      expect(new Date(res.body.startsAt).toISOString()).toBe('2031-03-02T00:00:00.000Z');

      const list = await t
        .http()
        .get(`/api/v1/facilities/${camp.id}/assignments`)
        .query({ staffId: nurse.id, from: T('02T00:00'), to: T('03T00:00') })
        .set(bearer(committee947))
        .expect(200);
      expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id: res.body.id }] });
    });

    it('refuses overlapping shifts with 409 naming the clashing assignment, and accepts back-to-back ones', async () => {
      const nurse = await staff(t.adminToken, { fullName: 'Phạm Thị Overlap' });
      const first = await assign(camp.id, { staffId: nurse.id, startsAt: T('03T07:00'), endsAt: T('03T19:00') }).expect(201);
      const clash = await assign(camp.id, { staffId: nurse.id, startsAt: T('03T18:00'), endsAt: T('04T07:00') }).expect(409);
      expect(clash.body.code).toBe('STAFF_ON_DUTY');
      expect(clash.body.message).toContain(first.body.id);
      expect(clash.body.message).toContain('2031-03-03 07:00 +07:00');
      // The next shift starting exactly when the first ends does not overlap it.
      await assign(camp.id, { staffId: nurse.id, startsAt: T('03T19:00'), endsAt: T('04T07:00') }).expect(201);
      // Another facility is no way around it.
      const provincialCamp = await createFacility(t, { kind: 'provincial_camp', adminUnitCode: '94' });
      const elsewhere = await assign(provincialCamp.id, {
        staffId: nurse.id,
        startsAt: T('03T10:00'),
        endsAt: T('03T11:00'),
      }).expect(409);
      expect(elsewhere.body.message).toContain(first.body.id);
    });

    it('refuses a shift that ends before (or when) it starts with a clear 400', async () => {
      const nurse = await staff(t.adminToken);
      const before = await assign(camp.id, { staffId: nurse.id, startsAt: T('05T19:00'), endsAt: T('05T07:00') }).expect(400);
      expect(before.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'endsAt', message: expect.any(String) }] });
      await assign(camp.id, { staffId: nurse.id, startsAt: T('05T07:00'), endsAt: T('05T07:00') }).expect(400);
      const noOffset = await assign(camp.id, {
        staffId: nurse.id,
        startsAt: '2031-03-05T07:00:00',
        endsAt: T('05T19:00'),
      }).expect(400);
      expect(noOffset.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'startsAt', message: expect.any(String) }] });
      const tooLong = await assign(camp.id, {
        staffId: nurse.id,
        startsAt: '2031-03-05T07:00:00+07:00',
        endsAt: '2033-03-05T07:00:00+07:00',
      }).expect(400);
      expect(tooLong.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'endsAt', message: expect.any(String) }] });
    });

    it('answers unknown ids with 404, malformed ids and unknown fields with 400', async () => {
      const nurse = await staff(t.adminToken);
      const body = { staffId: nurse.id, startsAt: T('06T07:00'), endsAt: T('06T19:00') };
      await assign(UNKNOWN_ID, body).expect(404);
      await assign('not-a-uuid', body).expect(400);
      await assign(camp.id, { ...body, staffId: UNKNOWN_ID }).expect(404);
      await assign(camp.id, { ...body, staffId: 'nope' }).expect(400);
      await assign(camp.id, { ...body, shift: 'day' }).expect(400);
      await assign(camp.id, { ...body, role: 'chef' }).expect(400);
      await t.http().delete(`/api/v1/facilities/${camp.id}/assignments/${UNKNOWN_ID}`).set(bearer(t.adminToken)).expect(404);
      await t.http().delete(`/api/v1/facilities/${camp.id}/assignments/xyz`).set(bearer(t.adminToken)).expect(400);
    });

    it('refuses staff of another district and inactive staff with 422', async () => {
      const elsewhere = await staff(t.adminToken, { adminUnitCode: '941' });
      const res = await assign(camp.id, { staffId: elsewhere.id, startsAt: T('06T07:00'), endsAt: T('06T19:00') }).expect(
        422,
      );
      expect(res.body.code).toBe('STAFF_OUT_OF_AREA');
      // Camp managers do not even see staff of another district.
      await assign(camp.id, { staffId: elsewhere.id, startsAt: T('06T07:00'), endsAt: T('06T19:00') }, manager).expect(404);

      const gone = await staff(t.adminToken);
      await t.http().patch(`/api/v1/staff/${gone.id}`).set(bearer(t.adminToken)).send({ active: false }).expect(200);
      const inactive = await assign(camp.id, { staffId: gone.id, startsAt: T('06T07:00'), endsAt: T('06T19:00') }).expect(422);
      expect(inactive.body.code).toBe('STAFF_INACTIVE');
    });

    it('refuses assignments at a closed facility with 422', async () => {
      const closed = await createFacility(t, { adminUnitCode: '947', status: 'closed' });
      const nurse = await staff(t.adminToken);
      const res = await assign(closed.id, { staffId: nurse.id, startsAt: T('06T07:00'), endsAt: T('06T19:00') }).expect(422);
      expect(res.body.code).toBe('FACILITY_NOT_ACTIVE');
    });

    it('lets the camp manager and admins manage assignments; committees and other managers only read or not at all', async () => {
      const nurse = await staff(t.adminToken);
      const body = { staffId: nurse.id, startsAt: T('07T07:00'), endsAt: T('07T19:00') };
      await assign(camp.id, body, committee947).expect(403);
      await assign(camp.id, body, otherManager).expect(404);
      await assign(camp.id, body, committee941).expect(403);
      const created = await assign(camp.id, body, manager).expect(201);
      await t.http().get(`/api/v1/facilities/${camp.id}/assignments`).set(bearer(committee947)).expect(200);
      await t.http().get(`/api/v1/facilities/${camp.id}/assignments`).set(bearer(committee941)).expect(404);
      await t.http().get(`/api/v1/facilities/${camp.id}/assignments`).set(bearer(otherManager)).expect(404);
      const path = `/api/v1/facilities/${camp.id}/assignments/${created.body.id}`;
      await t.http().delete(path).set(bearer(committee947)).expect(403);
      await t.http().delete(path).set(bearer(otherManager)).expect(404);
      await t.http().delete(path).set(bearer(manager)).expect(204);
      await t.http().delete(path).set(bearer(manager)).expect(404);
    });

    it('lets exactly one of 20 parallel overlapping requests through', async () => {
      const nurse = await staff(t.adminToken, { fullName: 'Võ Thị Race' });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          assign(camp.id, {
            staffId: nurse.id,
            startsAt: `2031-03-08T${String(6 + (i % 5)).padStart(2, '0')}:00:00+07:00`,
            endsAt: `2031-03-08T${String(12 + (i % 7)).padStart(2, '0')}:00:00+07:00`,
          }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const winner = results.find((r) => r.status === 201)!;
      for (const loser of results.filter((r) => r.status === 409)) expect(loser.body.message).toContain(winner.body.id);
      const [row] = await t.sql(`SELECT count(*)::int AS n FROM assignments WHERE staff_id = $1`, [nurse.id]);
      expect(row.n).toBe(1);
    });
  });

  describe('frames', () => {
    it('takes members of its unit and below, one leader at most, each once', async () => {
      const f = await frame({}, committee947);
      const leader = await staff(committee947, { role: 'command', fullName: 'Đặng Văn Leader' });
      const deputy = await staff(committee947, { role: 'command', fullName: 'Đặng Văn Deputy' });
      const res = await addMember(f.id, leader.id, 'leader', committee947).expect(201);
      expect(res.body.members).toEqual([expect.objectContaining({ staffId: leader.id, position: 'leader', role: 'command' })]);
      await addMember(f.id, leader.id, 'member', committee947).expect(409);
      const second = await addMember(f.id, deputy.id, 'leader', committee947).expect(409);
      expect(second.body.code).toBe('FRAME_HAS_LEADER');
      await addMember(f.id, deputy.id, 'deputy', committee947).expect(201);

      const other = await staff(t.adminToken, { adminUnitCode: '941' });
      const outside = await addMember(f.id, other.id, undefined, t.adminToken).expect(422);
      expect(outside.body.code).toBe('STAFF_OUT_OF_AREA');
      // The committee does not see that staff member at all.
      await addMember(f.id, other.id, undefined, committee947).expect(404);

      await t.http().delete(`/api/v1/frames/${f.id}/members/${deputy.id}`).set(bearer(committee947)).expect(204);
      await t.http().delete(`/api/v1/frames/${f.id}/members/${deputy.id}`).set(bearer(committee947)).expect(404);
      const got = await t.http().get(`/api/v1/frames/${f.id}`).set(bearer(committee947)).expect(200);
      expect(got.body.members).toHaveLength(1);
    });

    it('keeps frames to their committee', async () => {
      const mine = await frame({}, committee947);
      await t.http().post('/api/v1/frames').set(bearer(committee947)).send({ name: 'X', adminUnitCode: '941' }).expect(403);
      await t.http().post('/api/v1/frames').set(bearer(manager)).send({ name: 'X', adminUnitCode: '947' }).expect(403);
      await t.http().get(`/api/v1/frames/${mine.id}`).set(bearer(committee941)).expect(404);
      await t.http().patch(`/api/v1/frames/${mine.id}`).set(bearer(committee941)).send({ name: 'Y' }).expect(404);
      await t.http().get(`/api/v1/frames/${mine.id}`).set(bearer(manager)).expect(404);
      await t.http().get('/api/v1/frames').query({ adminUnitCode: '941' }).set(bearer(committee947)).expect(403);
      const renamed = await t.http().patch(`/api/v1/frames/${mine.id}`).set(bearer(committee947)).send({ name: 'Tổ 2' });
      expect(renamed.body.name).toBe('Tổ 2');
      await t.http().patch(`/api/v1/frames/${mine.id}`).set(bearer(committee947)).send({ status: 'deployed' }).expect(400);
      await t.http().patch(`/api/v1/frames/${mine.id}`).set(bearer(committee947)).send({ name: null }).expect(400);
      await t.http().get(`/api/v1/frames/${UNKNOWN_ID}`).set(bearer(t.adminToken)).expect(404);
      await t.http().get('/api/v1/frames/123').set(bearer(t.adminToken)).expect(400);
    });

    it('deploys every member in one call and stands them down again', async () => {
      const f = await frame({}, committee947);
      const members = [
        await staff(committee947, { role: 'command', fullName: 'Deploy Command' }),
        await staff(committee947, { role: 'medical', fullName: 'Deploy Medical' }),
        await staff(t.adminToken, { role: 'security', fullName: 'Deploy Security', adminUnitCode: '947' }),
      ];
      for (const m of members) await addMember(f.id, m.id, undefined, committee947).expect(201);

      const res = await t
        .http()
        .post(`/api/v1/frames/${f.id}/deploy`)
        .set(bearer(committee947))
        .send({ facilityId: camp.id, from: '2031-04-01T07:00:00+07:00', to: '2031-04-15T07:00:00+07:00' })
        .expect(201);
      expect(res.body.frame).toMatchObject({ status: 'deployed', facilityId: camp.id });
      expect(res.body.assignments.map((a: { staffId: string; role: string }) => [a.staffId, a.role]).sort()).toEqual(
        members.map((m) => [m.id, m.role]).sort(),
      );
      expect(res.body.assignments.every((a: { frameId: string }) => a.frameId === f.id)).toBe(true);

      // The camp manager now sees the frame deployed to its facility.
      const seen = await t.http().get('/api/v1/frames').set(bearer(manager)).expect(200);
      expect(seen.body.items.map((x: { id: string }) => x.id)).toEqual([f.id]);

      const down = await t.http().patch(`/api/v1/frames/${f.id}`).set(bearer(committee947)).send({ status: 'standby' });
      expect(down.status).toBe(200);
      expect(down.body.status).toBe('standby');
      const [row] = await t.sql(`SELECT count(*)::int AS n FROM assignments WHERE frame_id = $1`, [f.id]);
      expect(row.n).toBe(0);
    });

    it('deploys all members or none: one clash refuses the whole deployment with 409', async () => {
      const f = await frame();
      const free = await staff(t.adminToken, { fullName: 'Free Member' });
      const busy = await staff(t.adminToken, { fullName: 'Busy Member' });
      await addMember(f.id, free.id).expect(201);
      await addMember(f.id, busy.id).expect(201);
      const existing = await assign(camp.id, { staffId: busy.id, startsAt: T('20T07:00'), endsAt: T('20T19:00') }).expect(201);

      const res = await t
        .http()
        .post(`/api/v1/frames/${f.id}/deploy`)
        .set(bearer(t.adminToken))
        .send({ facilityId: camp.id, from: T('18T07:00'), to: T('25T07:00') })
        .expect(409);
      expect(res.body.code).toBe('STAFF_ON_DUTY');
      expect(res.body.message).toContain(existing.body.id);
      const [row] = await t.sql(`SELECT count(*)::int AS n FROM assignments WHERE staff_id = $1`, [free.id]);
      expect(row.n).toBe(0);
      const after = await t.http().get(`/api/v1/frames/${f.id}`).set(bearer(t.adminToken)).expect(200);
      expect(after.body.status).toBe('standby');
    });

    it('refuses to deploy to a closed facility, an empty frame, or a window that ends before it starts', async () => {
      const f = await frame();
      const closed = await createFacility(t, { adminUnitCode: '947', status: 'closed' });
      const deploy = (body: Record<string, unknown>, id = f.id, token = t.adminToken) =>
        t.http().post(`/api/v1/frames/${id}/deploy`).set(bearer(token)).send(body);
      const window = { from: T('26T07:00'), to: T('27T07:00') };

      const empty = await deploy({ facilityId: camp.id, ...window }).expect(422);
      expect(empty.body.code).toBe('FRAME_EMPTY');
      await addMember(f.id, (await staff(t.adminToken)).id).expect(201);
      const res = await deploy({ facilityId: closed.id, ...window }).expect(422);
      expect(res.body.code).toBe('FACILITY_NOT_ACTIVE');
      const backwards = await deploy({ facilityId: camp.id, from: window.to, to: window.from }).expect(400);
      expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'to', message: expect.any(String) }] });
      await deploy({ facilityId: UNKNOWN_ID, ...window }).expect(404);
      await deploy({ facilityId: camp.id, ...window }, UNKNOWN_ID).expect(404);
      await deploy({ facilityId: camp.id, ...window, note: 'x' }).expect(400);
      // A committee cannot send its frame to a facility outside its unit, nor deploy another unit's frame.
      const mine = await frame({}, committee947);
      await deploy({ facilityId: otherCamp.id, ...window }, mine.id, committee947).expect(404);
      await deploy({ facilityId: camp.id, ...window }, mine.id, committee941).expect(404);
      await deploy({ facilityId: camp.id, ...window }, mine.id, manager).expect(403);
    });

    it('refuses to deploy members whose unit does not cover the facility', async () => {
      const provincialFrame = await frame({ name: 'Khung tỉnh', adminUnitCode: '94' });
      await addMember(provincialFrame.id, (await staff(t.adminToken, { adminUnitCode: '941', fullName: 'City Nurse' })).id);
      const res = await t
        .http()
        .post(`/api/v1/frames/${provincialFrame.id}/deploy`)
        .set(bearer(t.adminToken))
        .send({ facilityId: camp.id, from: T('28T07:00'), to: T('29T07:00') })
        .expect(422);
      expect(res.body.code).toBe('STAFF_OUT_OF_AREA');
      expect(res.body.message).toContain('City Nurse (unit 941)');
    });
  });

  describe('requirements and coverage', () => {
    it('uses the defaults of the facility kind until the facility sets its own', async () => {
      const site = await createFacility(t, { kind: 'other', adminUnitCode: '947' });
      const path = `/api/v1/facilities/${site.id}/staffing-requirements`;
      const defaults = await t.http().get(path).set(bearer(committee947)).expect(200);
      expect(defaults.body).toEqual({
        facilityId: site.id,
        source: 'default',
        requirements: [
          { role: 'medical', minOnDuty: 1, perOccupants: 20 },
          { role: 'security', minOnDuty: 1, perOccupants: null },
        ],
      });

      const own = [
        { role: 'security', minOnDuty: 2 },
        { role: 'medical', minOnDuty: 1, perOccupants: 10 },
      ];
      const put = await t.http().put(path).set(bearer(t.adminToken)).send({ requirements: own }).expect(200);
      expect(put.body).toEqual({
        facilityId: site.id,
        source: 'facility',
        requirements: [
          { role: 'medical', minOnDuty: 1, perOccupants: 10 },
          { role: 'security', minOnDuty: 2, perOccupants: null },
        ],
      });
      const back = await t.http().put(path).set(bearer(t.adminToken)).send({ requirements: [] }).expect(200);
      expect(back.body.source).toBe('default');
    });

    it('checks requirement input and who may change it', async () => {
      const path = `/api/v1/facilities/${camp.id}/staffing-requirements`;
      const body = { requirements: [{ role: 'medical', minOnDuty: 1, perOccupants: 20 }] };
      await t.http().put(path).set(bearer(committee947)).send(body).expect(403);
      await t.http().put(path).set(bearer(otherManager)).send(body).expect(404);
      await t.http().get(path).set(bearer(otherManager)).expect(404);
      const dup = await t
        .http()
        .put(path)
        .set(bearer(manager))
        .send({ requirements: [body.requirements[0], body.requirements[0]] })
        .expect(400);
      expect(dup.body.code).toBe('DUPLICATE_IN_REQUEST');
      for (const bad of [
        { role: 'medical', minOnDuty: -1 },
        { role: 'medical', minOnDuty: 1, perOccupants: 0 },
        { role: 'cook', minOnDuty: 1 },
        { role: 'medical', minOnDuty: 1, extra: true },
      ]) {
        await t.http().put(path).set(bearer(manager)).send({ requirements: [bad] }).expect(400);
      }
      await t.http().put(`/api/v1/facilities/${UNKNOWN_ID}/staffing-requirements`).set(bearer(t.adminToken)).send(body).expect(404);
      await t.http().put(path).set(bearer(manager)).send(body).expect(200);
      await t.http().put(path).set(bearer(manager)).send({ requirements: [] }).expect(200);
    });

    it('follows occupancy: more people in the camp need more staff on duty', async () => {
      const site = await createFacility(t, { kind: 'provincial_camp', adminUnitCode: '947' });
      await createRoom(t, site.id, { beds: 30, sexPolicy: 'male' });
      const at = T('12T10:00');
      const empty = await coverage(site.id, at);
      expect(empty).toMatchObject({ facilityId: site.id, occupants: 0, understaffed: true });
      expect(role(empty, 'medical')).toEqual({ role: 'medical', required: 2, onDuty: 0, gap: 2 });
      expect(role(empty, 'command')).toEqual({ role: 'command', required: 1, onDuty: 0, gap: 1 });

      // Medical: one per 5 occupants, at least one; put 2 medical and 2 guards on duty.
      await t
        .http()
        .put(`/api/v1/facilities/${site.id}/staffing-requirements`)
        .set(bearer(t.adminToken))
        .send({
          requirements: [
            { role: 'medical', minOnDuty: 1, perOccupants: 5 },
            { role: 'security', minOnDuty: 2 },
          ],
        })
        .expect(200);
      for (const r of ['medical', 'medical', 'security', 'security', 'volunteer']) {
        const s = await staff(t.adminToken, { role: r });
        await assign(site.id, { staffId: s.id, startsAt: T('12T07:00'), endsAt: T('12T19:00') }).expect(201);
      }
      const staffed = await coverage(site.id, at);
      expect(staffed.roles).toEqual([
        { role: 'medical', required: 1, onDuty: 2, gap: 0 },
        { role: 'security', required: 2, onDuty: 2, gap: 0 },
        { role: 'volunteer', required: 0, onDuty: 1, gap: 0 },
      ]);
      expect(staffed).toMatchObject({ required: 3, onDuty: 5, gap: 0, understaffed: false });

      const stays = [];
      for (let i = 0; i < 11; i++) stays.push(await admit(t, site.id));
      const busy = await coverage(site.id, at);
      expect(busy.occupants).toBe(11);
      expect(role(busy, 'medical')).toEqual({ role: 'medical', required: 3, onDuty: 2, gap: 1 });
      expect(busy).toMatchObject({ gap: 1, understaffed: true });

      // Releasing people brings the need back down.
      for (const stay of stays.slice(0, 2)) await release(t, stay.id, OVERRIDE).expect(200);
      const lighter = await coverage(site.id, at);
      expect(lighter.occupants).toBe(9);
      expect(role(lighter, 'medical')).toMatchObject({ required: 2, gap: 0 });

      // Outside the shift nobody is on duty.
      const night = await coverage(site.id, T('12T22:00'));
      expect(role(night, 'medical')).toMatchObject({ onDuty: 0, gap: 2 });
      // Deactivated staff no longer count.
      const inactive = await t.sql(`SELECT staff_id FROM assignments WHERE facility_id = $1 AND role = 'security' LIMIT 1`, [
        site.id,
      ]);
      await t.http().patch(`/api/v1/staff/${inactive[0].staff_id}`).set(bearer(t.adminToken)).send({ active: false }).expect(200);
      expect(role(await coverage(site.id, at), 'security')).toEqual({ role: 'security', required: 2, onDuty: 1, gap: 1 });
    });

    it('needs nobody on duty at a facility on standby', async () => {
      const standby = await createFacility(t, { kind: 'district_camp', adminUnitCode: '947', status: 'standby' });
      const res = await coverage(standby.id, T('12T10:00'));
      expect(res).toMatchObject({ required: 0, gap: 0, understaffed: false });
    });

    it('rolls coverage up per facility and per unit below, within the caller scope', async () => {
      const at = T('13T10:00');
      const site = await createFacility(t, { kind: 'other', adminUnitCode: '947' });
      const nurse = await staff(t.adminToken);
      await assign(site.id, { staffId: nurse.id, startsAt: T('13T07:00'), endsAt: T('13T19:00') }).expect(201);

      const province = await t.http().get('/api/v1/staffing').query({ adminUnitCode: '94', at }).set(bearer(t.adminToken));
      expect(province.status).toBe(200);
      expect(province.body).toMatchObject({ adminUnitCode: '94', name: 'Tỉnh Sóc Trăng' });
      const row = province.body.facilities.find((f: { facilityId: string }) => f.facilityId === site.id);
      expect(row).toMatchObject({ kind: 'other', adminUnitCode: '947', required: 2, onDuty: 1, gap: 1, understaffed: true });
      expect(row.roles).toEqual([
        { role: 'medical', required: 1, onDuty: 1, gap: 0 },
        { role: 'security', required: 1, onDuty: 0, gap: 1 },
      ]);
      const myXuyen = province.body.childUnits.find((u: { adminUnitCode: string }) => u.adminUnitCode === '947');
      const inMyXuyen = province.body.facilities.filter((f: { adminUnitCode: string }) => f.adminUnitCode === '947');
      expect(myXuyen.facilityCount).toBe(inMyXuyen.length);
      expect(myXuyen.gap).toBe(inMyXuyen.reduce((n: number, f: { gap: number }) => n + f.gap, 0));
      expect(myXuyen.understaffedFacilities).toBe(inMyXuyen.filter((f: { understaffed: boolean }) => f.understaffed).length);
      expect(province.body.childUnits).toHaveLength(11);
      expect(province.body.totals.gap).toBe(
        province.body.facilities.reduce((n: number, f: { gap: number }) => n + f.gap, 0),
      );

      const committee = await t.http().get('/api/v1/staffing').query({ at }).set(bearer(committee947)).expect(200);
      expect(committee.body.adminUnitCode).toBe('947');
      expect(committee.body.facilities.every((f: { adminUnitCode: string }) => f.adminUnitCode === '947')).toBe(true);
      await t.http().get('/api/v1/staffing').query({ adminUnitCode: '941' }).set(bearer(committee947)).expect(403);

      const mgr = await t.http().get('/api/v1/staffing').set(bearer(manager)).expect(200);
      expect(mgr.body.facilities.map((f: { facilityId: string }) => f.facilityId)).toEqual([camp.id]);
      await t.http().get(`/api/v1/facilities/${site.id}/staffing`).set(bearer(manager)).expect(404);
      await t.http().get(`/api/v1/facilities/${site.id}/staffing`).set(bearer(committee941)).expect(404);
      await t.http().get(`/api/v1/facilities/${site.id}/staffing`).query({ at: 'tomorrow' }).set(bearer(t.adminToken)).expect(400);
      await t.http().get('/api/v1/staffing').query({ adminUnitCode: 'x' }).set(bearer(t.adminToken)).expect(400);
    });

    it('computes the required-on-duty formula the same way in SQL as in code', async () => {
      const cases: [number, number | null, number][] = [];
      for (const min of [0, 1, 2, 5]) for (const per of [null, 1, 7, 20, 30]) for (const occ of [0, 1, 19, 20, 21, 59, 60, 61, 400]) {
        cases.push([min, per, occ]);
      }
      const rows = await t.sql<{ required: number }>(
        `SELECT ${requiredOnDutySql('c.min', 'c.per', 'c.occ')} AS required
           FROM jsonb_to_recordset($1::jsonb) AS c(min int, per int, occ int, ord int)
          ORDER BY c.ord`,
        [JSON.stringify(cases.map(([min, per, occ], ord) => ({ min, per, occ, ord })))],
      );
      expect(rows.map((r) => r.required)).toEqual(
        cases.map(([min, per, occ]) => requiredOnDuty({ minOnDuty: min, perOccupants: per }, occ)),
      );
    });
  });

  describe('understaffed windows (for the flag-staffing job)', () => {
    it('lists every role and hour of the next day where fewer are on duty than required', async () => {
      const site = await createFacility(t, { kind: 'other', adminUnitCode: '947' });
      await t
        .http()
        .put(`/api/v1/facilities/${site.id}/staffing-requirements`)
        .set(bearer(t.adminToken))
        .send({ requirements: [{ role: 'medical', minOnDuty: 1 }] })
        .expect(200);
      const a = await staff(t.adminToken);
      const b = await staff(t.adminToken);
      // 08:00–20:00 covered by a, then b from 20:30 until 08:00 the next morning: 20:00–20:30 is open.
      await assign(site.id, { staffId: a.id, startsAt: '2031-05-01T08:00:00+07:00', endsAt: '2031-05-01T20:00:00+07:00' }).expect(201);
      await assign(site.id, { staffId: b.id, startsAt: '2031-05-01T20:30:00+07:00', endsAt: '2031-05-02T08:00:00+07:00' }).expect(201);

      const service = t.app.get(CoverageService);
      const manager = t.app.get(DataSource).manager;
      const windows = (await service.understaffedWindows(manager, new Date('2031-05-01T08:15:00+07:00'))).filter(
        (w) => w.facilityId === site.id,
      );
      expect(windows.map((w) => [w.role, new Date(w.windowStart).toISOString(), w.required, w.onDuty])).toEqual([
        ['medical', new Date('2031-05-01T20:00:00+07:00').toISOString(), 1, 0],
        // The last window (08:00–09:00 the next day) starts when b's shift ends.
        ['medical', new Date('2031-05-02T08:00:00+07:00').toISOString(), 1, 0],
      ]);

      // Covering the gap resolves it; running the check twice gives the same answer.
      const c = await staff(t.adminToken);
      await assign(site.id, { staffId: c.id, startsAt: '2031-05-01T19:00:00+07:00', endsAt: '2031-05-01T21:00:00+07:00' }).expect(201);
      for (let run = 0; run < 2; run++) {
        const again = (await service.understaffedWindows(manager, new Date('2031-05-01T08:15:00+07:00'))).filter(
          (w) => w.facilityId === site.id,
        );
        expect(again.map((w) => new Date(w.windowStart).toISOString())).toEqual([
          new Date('2031-05-02T08:00:00+07:00').toISOString(),
        ]);
      }
    });
  });

  describe('sample data', () => {
    it('gives each sample facility a deployed frame and a roster for the coming week, once', async () => {
      const prefix = 'STX-';
      const a = await createFacility(t, { code: `${prefix}A`, kind: 'provincial_camp', adminUnitCode: '94' });
      await createRoom(t, a.id, { beds: 40 });
      const b = await createFacility(t, { code: `${prefix}B`, kind: 'district_camp', adminUnitCode: '947', status: 'standby' });
      const db = t.app.get(DataSource);
      const now = new Date();

      const first = await seedSampleStaffing(db, { codePrefix: prefix, now });
      expect(first.frames).toBe(2);
      expect(first.staff).toBeGreaterThan(0);
      expect(await seedSampleStaffing(db, { codePrefix: prefix, now })).toEqual({ frames: 0, staff: 0, assignments: 0 });

      const frames = await t.sql(
        `SELECT fr.facility_id, fr.status, fr.admin_unit_code, count(m.*)::int AS members,
                count(*) FILTER (WHERE m.position = 'leader')::int AS leaders
           FROM frames fr JOIN frame_members m ON m.frame_id = fr.id
          WHERE fr.facility_id = ANY($1::uuid[]) GROUP BY fr.id ORDER BY fr.admin_unit_code`,
        [[a.id, b.id]],
      );
      expect(frames).toEqual([
        expect.objectContaining({ facility_id: a.id, status: 'deployed', admin_unit_code: '94', leaders: 1 }),
        expect.objectContaining({ facility_id: b.id, status: 'deployed', admin_unit_code: '947', leaders: 1 }),
      ]);

      // Covered around the clock for the week, even if the camp fills up.
      for (const hours of [0, 5, 13, 24 * 3 + 2, 24 * 6 + 20]) {
        const at = new Date(now.getTime() + hours * 3_600_000).toISOString();
        expect(await coverage(a.id, at)).toMatchObject({ gap: 0, understaffed: false });
      }
      const windows = await t.app.get(CoverageService).understaffedWindows(db.manager, now);
      expect(windows.filter((w) => w.facilityId === a.id)).toEqual([]);

      // A day later, only the day that came into the window is added.
      const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM assignments WHERE facility_id = $1`, [a.id]);
      const tomorrow = await seedSampleStaffing(db, { codePrefix: prefix, now: new Date(now.getTime() + 86_400_000) });
      const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM assignments WHERE facility_id = $1`, [a.id]);
      expect(tomorrow.frames).toBe(0);
      expect(after - before).toBe(frames[0].members);
    });
  });

  describe('schema and documentation', () => {
    it('keeps the staffing entities and the migration in agreement', async () => {
      const log = await t.app.get(DataSource).driver.createSchemaBuilder().log();
      const staffingTables = /staff_members|frames|frame_members|staffing_requirements|assignments|staff_role|frame_status|frame_position/;
      expect(log.upQueries.map((q) => q.query).filter((q) => staffingTables.test(q))).toEqual([]);
    });

    it('documents the staffing endpoints', async () => {
      const doc = await t.http().get('/docs-json').expect(200);
      for (const path of [
        '/api/v1/staff',
        '/api/v1/staff/{id}',
        '/api/v1/frames',
        '/api/v1/frames/{id}',
        '/api/v1/frames/{id}/members',
        '/api/v1/frames/{id}/members/{staffId}',
        '/api/v1/frames/{id}/deploy',
        '/api/v1/facilities/{id}/assignments',
        '/api/v1/facilities/{id}/assignments/{assignmentId}',
        '/api/v1/facilities/{id}/staffing-requirements',
        '/api/v1/facilities/{id}/staffing',
        '/api/v1/staffing',
      ]) {
        expect(doc.body.paths).toHaveProperty([path]);
      }
    });
  });
});
