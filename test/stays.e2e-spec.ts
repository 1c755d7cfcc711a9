import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, admitRequest, newPerson, occupancyInvariants, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

describe('intake, release and transfer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
    expect(inv.occupied_beds).toBe(inv.open_stays);
  });

  describe('admission', () => {
    it('admits a new person into a bed the system picks, with policy and test schedule', async () => {
      const f = await createFacility(t);
      const room = await createRoom(t, f.id, { sexPolicy: 'male', beds: 2 });
      const res = await admitRequest(t, t.adminToken, {
        facilityId: f.id,
        classification: 'F1',
        admittedAt: '2021-08-01T09:00:00+07:00',
        person: newPerson({ fullName: 'Trần Văn Bình', vaccinationDoses: 0 }),
      }).expect(201);
      expect(res.body).toMatchObject({
        facilityId: f.id,
        roomId: room.id,
        roomCode: room.code,
        bedCode: '01',
        classification: 'F1',
        status: 'admitted',
        vaccinated: false,
        cohortDate: '2021-08-01',
        expectedReleaseAt: '2021-08-15T02:00:00.000Z',
        policy: { classification: 'F1', vaccinated: false, durationDays: 14, testDays: [1, 7, 14] },
        scheduledTests: [
          { day: 1, dueDate: '2021-08-01' },
          { day: 7, dueDate: '2021-08-07' },
          { day: 14, dueDate: '2021-08-14' },
        ],
        person: { fullName: 'Trần Văn Bình', sex: 'male' },
      });
      const [bed] = await t.sql(`SELECT status FROM beds WHERE id = $1`, [res.body.bedId]);
      expect(bed.status).toBe('occupied');
      const [audit] = await t.sql(`SELECT action, actor_id FROM audit_events WHERE stay_id = $1`, [res.body.id]);
      expect(audit).toMatchObject({ action: 'stay.admitted' });
    });

    it('uses the vaccinated policy for a person with two doses', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { person: newPerson({ vaccinationDoses: 2 }) });
      expect(stay.policy).toMatchObject({ vaccinated: true, durationDays: 7, testDays: [1, 7] });
    });

    it('picks the policy version in force at the admission time, and refuses (422) a time before any', async () => {
      const f = await createFacility(t);
      // One room per day's cohort.
      for (let i = 0; i < 3; i++) await createRoom(t, f.id, { sexPolicy: 'mixed', beds: 1 });
      const [{ id: stricter }] = await t.sql<{ id: string }>(
        `INSERT INTO quarantine_policies
           (classification, vaccinated, duration_days, test_days, home_monitoring_days, post_release_test_days, effective_from)
         VALUES ('F2', false, 21, '{1,7,14,21}', 14, '{7}', '2021-08-10T00:00:00+07:00') RETURNING id`,
      );
      // A new person (the look-up rides on the facility lock) and a registered one (asked after their record).
      const before = await admit(t, f.id, { classification: 'F2', admittedAt: '2021-08-09T09:00:00+07:00' });
      expect(before.policy).toMatchObject({ classification: 'F2', vaccinated: false, durationDays: 14 });
      const after = await admit(t, f.id, { classification: 'F2', admittedAt: '2021-08-10T09:00:00+07:00' });
      expect(after.policy).toMatchObject({ id: stricter, durationDays: 21, testDays: [1, 7, 14, 21] });
      const registered = await t.sql<{ id: string }>(
        `INSERT INTO people (full_name, search_name, sex) VALUES ('Đặng Văn Tới', 'dang van toi', 'male') RETURNING id`,
      );
      const known = await admit(t, f.id, { personId: registered[0].id, classification: 'F2', admittedAt: '2021-08-11T09:00:00+07:00' });
      expect(known.policy.id).toBe(stricter);

      const [unplaced] = await t.sql<{ id: string }>(
        `INSERT INTO people (full_name, search_name, sex) VALUES ('Đặng Thị Mơ', 'dang thi mo', 'female') RETURNING id`,
      );
      for (const fields of [{ person: newPerson() }, { personId: unplaced.id }]) {
        const res = await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F2', admittedAt: '2020-06-01T09:00:00+07:00', ...fields });
        expect([res.status, res.body.code]).toEqual([422, 'NO_POLICY']);
      }
    });

    it('refuses a second open stay for the same person, wherever it is', async () => {
      const f1 = await createFacility(t);
      const f2 = await createFacility(t);
      await createRoom(t, f1.id, { beds: 1 });
      await createRoom(t, f2.id, { beds: 1 });
      const stay = await admit(t, f1.id);
      const res = await admitRequest(t, t.adminToken, {
        facilityId: f2.id,
        personId: stay.person.id,
        classification: 'F1',
      }).expect(409);
      expect(res.body.code).toBe('PERSON_HAS_OPEN_STAY');
    });

    it('fills a partly used room of the same cohort before an empty one', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { code: 'A', beds: 3 });
      await createRoom(t, f.id, { code: 'B', beds: 3 });
      const first = await admit(t, f.id);
      const second = await admit(t, f.id);
      expect(second.roomId).toBe(first.roomId);
    });

    it('keeps cohorts apart: yesterday’s intake does not go into today’s room', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { code: 'A', beds: 3 });
      await createRoom(t, f.id, { code: 'B', beds: 3 });
      const today = await admit(t, f.id);
      const yesterday = await admit(t, f.id, { admittedAt: new Date(Date.now() - 86_400_000).toISOString() });
      expect(yesterday.roomId).not.toBe(today.roomId);
      expect(yesterday.cohortDate).not.toBe(today.cohortDate);
    });

    it('never places a confirmed case (F0) with contacts', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { code: 'A', beds: 3 });
      const contact = await admit(t, f.id);
      const res = await admitRequest(t, t.adminToken, {
        facilityId: f.id,
        classification: 'F0',
        person: newPerson(),
      }).expect(409);
      expect(res.body.code).toBe('NO_SUITABLE_BED');
      const room = await createRoom(t, f.id, { code: 'B', beds: 2 });
      const f0 = await admit(t, f.id, { classification: 'F0' });
      expect(f0.roomId).toBe(room.id);
      expect(f0.roomId).not.toBe(contact.roomId);
    });

    it('puts women only in women’s or mixed rooms', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { code: 'M', sexPolicy: 'male', beds: 2 });
      const res = await admitRequest(t, t.adminToken, {
        facilityId: f.id,
        classification: 'F1',
        person: newPerson({ sex: 'female' }),
      }).expect(409);
      expect(res.body.code).toBe('NO_SUITABLE_BED');
      const mixed = await createRoom(t, f.id, { code: 'X', sexPolicy: 'mixed', beds: 2 });
      const stay = await admit(t, f.id, { person: newPerson({ sex: 'female' }) });
      expect(stay.roomId).toBe(mixed.id);
    });

    it('takes a chosen bed, and refuses it when taken (409), out of service or of the wrong sex (422)', async () => {
      const f = await createFacility(t);
      const room = await createRoom(t, f.id, { sexPolicy: 'male', beds: 3 });
      const [b1, b2, b3] = room.beds;
      const stay = await admit(t, f.id, { bedId: b1.id });
      expect(stay.bedId).toBe(b1.id);

      const taken = await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person: newPerson(), bedId: b1.id });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('BED_TAKEN');

      await t.http().patch(`/api/v1/beds/${b2.id}`).set(bearer(t.adminToken)).send({ status: 'out_of_service' }).expect(200);
      const broken = await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person: newPerson(), bedId: b2.id });
      expect(broken.status).toBe(422);
      expect(broken.body.code).toBe('BED_OUT_OF_SERVICE');

      const woman = await admitRequest(t, t.adminToken, {
        facilityId: f.id,
        classification: 'F1',
        person: newPerson({ sex: 'female' }),
        bedId: b3.id,
      });
      expect(woman.status).toBe(422);
      expect(woman.body.code).toBe('PLACEMENT_REFUSED');
    });

    it('refuses a bed of another facility (404) and a facility on standby (422)', async () => {
      const f = await createFacility(t);
      const other = await createFacility(t);
      const otherRoom = await createRoom(t, other.id, { beds: 1 });
      await createRoom(t, f.id, { beds: 1 });
      await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person: newPerson(), bedId: otherRoom.beds[0].id }).expect(404);

      const standby = await createFacility(t, { status: 'standby' });
      await createRoom(t, standby.id, { beds: 1 });
      const refused = newPerson();
      const res = await admitRequest(t, t.adminToken, { facilityId: standby.id, classification: 'F1', person: refused }).expect(422);
      expect(res.body.code).toBe('FACILITY_NOT_ACTIVE');
      // The new person is stored in the statement that locks the facility: a refusal keeps nothing.
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM people WHERE id_number = $1`, [refused.idNumber]);
      expect(n).toBe(0);
    });

    it('answers bad input with 400/404/422 and never 500', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const ok = { facilityId: f.id, classification: 'F1', person: newPerson() };
      const cases: [Record<string, unknown>, number][] = [
        [{ ...ok, classification: 'F9' }, 400],
        [{ ...ok, facilityId: 'not-a-uuid' }, 400],
        [{ ...ok, facilityId: randomUUID() }, 404],
        [{ ...ok, extra: 1 }, 400],
        [{ facilityId: f.id, classification: 'F1' }, 400],
        [{ ...ok, personId: randomUUID() }, 400],
        [{ facilityId: f.id, classification: 'F1', personId: randomUUID() }, 404],
        [{ ...ok, person: { ...newPerson(), sex: 'other' } }, 400],
        [{ ...ok, person: { ...newPerson(), unknownField: 'x' } }, 400],
        [{ ...ok, admittedAt: '2021-08-01' }, 400],
        [{ ...ok, admittedAt: '2999-01-01T00:00:00+07:00' }, 422],
        [{ ...ok, exposureSourceStayId: randomUUID() }, 404],
      ];
      for (const [body, status] of cases) {
        const res = await admitRequest(t, t.adminToken, body);
        expect({ body, status: res.status }).toEqual({ body, status });
        expect(typeof res.body.message).toBe('string');
        expect(typeof res.body.code).toBe('string');
      }
      await admitRequest(t, t.adminToken, ok, 'short').expect(400);
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and body without admitting twice', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const key = randomUUID();
      const body = { facilityId: f.id, classification: 'F1', person: newPerson() };
      const first = await admitRequest(t, t.adminToken, body, key).expect(201);
      const again = await admitRequest(t, t.adminToken, body, key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM stays WHERE facility_id = $1`, [f.id]);
      expect(n).toBe(1);
    });

    it('refuses the same key with another body (422)', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const key = randomUUID();
      await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person: newPerson() }, key).expect(201);
      const res = await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person: newPerson() }, key);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('admits once from 20 parallel twins: the others hear it is in flight (409) or get the same answer', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 4 });
      const key = randomUUID();
      const body = { facilityId: f.id, classification: 'F1', person: newPerson() };
      const answers = await Promise.all(Array.from({ length: 20 }, () => admitRequest(t, t.adminToken, body, key)));
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'IDEMPOTENCY_IN_FLIGHT')).toBe(true);
      expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
      expect(created.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM stays WHERE facility_id = $1`, [f.id]);
      expect(n).toBe(1);
    });

    it('claims a key in the database: held by one transaction at a time, then showing the stored answer', async () => {
      const owner = randomUUID();
      const runner = t.app.get(DataSource).createQueryRunner();
      const twin = t.app.get(DataSource).createQueryRunner();
      try {
        await runner.startTransaction();
        await twin.startTransaction();
        const claim = `SELECT locked, request_hash, status_code FROM idempotency_claim($1, 'claimed-key-0001')`;
        expect(await runner.query(claim, [owner])).toEqual([{ locked: true, request_hash: null, status_code: null }]);
        expect(await twin.query(claim, [owner])).toEqual([{ locked: false, request_hash: null, status_code: null }]);
        await runner.query(
          `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body)
           VALUES ($1, 'claimed-key-0001', repeat('a', 64), 201, '{}')`,
          [owner],
        );
        await runner.commitTransaction();
        expect(await twin.query(claim, [owner])).toEqual([{ locked: true, request_hash: 'a'.repeat(64), status_code: 201 }]);
        await twin.rollbackTransaction();
      } finally {
        await runner.release();
        await twin.release();
      }
    });

    it('scopes keys to the calling user', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const manager = await userToken(t, 'camp_manager', { facilityId: f.id });
      const key = randomUUID();
      await admitRequest(t, t.adminToken, { facilityId: f.id, classification: 'F1', person: newPerson() }, key).expect(201);
      const res = await admitRequest(t, manager.token, { facilityId: f.id, classification: 'F1', person: newPerson() }, key);
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    });
  });

  describe('release', () => {
    it('refuses to release before the period is served and the tests are negative, naming what is missing', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const res = await release(t, stay.id).expect(422);
      expect(res.body.code).toBe('RELEASE_NOT_DUE');
    });

    it('releases with a written override, frees the bed and sets home monitoring', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { admittedAt: '2021-08-01T09:00:00+07:00' });
      const res = await release(t, stay.id, { releasedAt: '2021-08-15T09:00:00+07:00', ...OVERRIDE }).expect(200);
      expect(res.body).toMatchObject({
        status: 'released',
        releasedAt: '2021-08-15T02:00:00.000Z',
        homeMonitoringUntil: '2021-08-29',
        releaseOverrideReason: OVERRIDE.override.reason,
      });
      const [bed] = await t.sql(`SELECT status FROM beds WHERE id = $1`, [stay.bedId]);
      expect(bed.status).toBe('available');
      const detail = await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(t.adminToken)).expect(200);
      expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual(['stay.admitted', 'stay.released']);
      expect(detail.body.history[1].reason).toMatch(/override/);
    });

    it('refuses a second release (409), a release before admission (422) and a short override reason (400)', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const stay = await admit(t, f.id, { admittedAt: '2021-08-01T09:00:00+07:00' });
      await release(t, stay.id, { override: { reason: 'short' } }).expect(400);
      await release(t, stay.id, { releasedAt: '2021-07-01T09:00:00+07:00', ...OVERRIDE }).expect(422);
      await release(t, stay.id, OVERRIDE).expect(200);
      const res = await release(t, stay.id, OVERRIDE).expect(409);
      expect(res.body.code).toBe('STAY_RELEASED');
      await release(t, randomUUID(), OVERRIDE).expect(404);
      await release(t, 'nope', OVERRIDE).expect(400);
    });

    it('makes exactly one release and one audit row out of 100 parallel requests', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const results = await Promise.all(Array.from({ length: 100 }, () => release(t, stay.id, OVERRIDE)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE stay_id = $1 AND action = 'stay.released'`, [stay.id]);
      expect(n).toBe(1);
    });
  });

  describe('transfer', () => {
    it('moves a person to another facility and keeps one stay with its history', async () => {
      const from = await createFacility(t);
      const to = await createFacility(t);
      await createRoom(t, from.id, { beds: 1 });
      const target = await createRoom(t, to.id, { beds: 1 });
      const stay = await admit(t, from.id);
      const res = await t
        .http()
        .post(`/api/v1/stays/${stay.id}/transfer`)
        .set(bearer(t.adminToken))
        .send({ toFacilityId: to.id })
        .expect(200);
      expect(res.body).toMatchObject({ id: stay.id, facilityId: to.id, roomId: target.id, status: 'admitted' });
      const beds = await t.sql(`SELECT id, status FROM beds WHERE id = ANY($1::uuid[]) ORDER BY status`, [[stay.bedId, res.body.bedId]]);
      expect(beds.map((b) => b.status)).toEqual(['available', 'occupied']);
      const detail = await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(t.adminToken)).expect(200);
      expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual(['stay.admitted', 'stay.transferred']);
    });

    it('lets a camp manager move their person to another bed of their facility but not touch other stays', async () => {
      const f = await createFacility(t);
      const room = await createRoom(t, f.id, { beds: 2 });
      const manager = await userToken(t, 'camp_manager', { facilityId: f.id });
      const stay = await admit(t, f.id, { bedId: room.beds[0].id }, manager.token);
      const moved = await t
        .http()
        .post(`/api/v1/stays/${stay.id}/transfer`)
        .set(bearer(manager.token))
        .send({ toFacilityId: f.id, toBedId: room.beds[1].id })
        .expect(200);
      expect(moved.body.bedId).toBe(room.beds[1].id);

      const other = await createFacility(t);
      await createRoom(t, other.id, { beds: 1 });
      const otherStay = await admit(t, other.id);
      await t.http().post(`/api/v1/stays/${otherStay.id}/transfer`).set(bearer(manager.token)).send({ toFacilityId: f.id }).expect(404);
    });

    it('refuses to transfer a released stay (409) or into a facility that is not active (422)', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const standby = await createFacility(t, { status: 'standby' });
      await createRoom(t, standby.id, { beds: 1 });
      const stay = await admit(t, f.id);
      await t.http().post(`/api/v1/stays/${stay.id}/transfer`).set(bearer(t.adminToken)).send({ toFacilityId: standby.id }).expect(422);
      await t.http().post(`/api/v1/stays/${stay.id}/transfer`).set(bearer(t.adminToken)).send({ toFacilityId: randomUUID() }).expect(404);
      await t.http().post(`/api/v1/stays/${stay.id}/transfer`).set(bearer(t.adminToken)).send({ toFacilityId: f.id, extra: true }).expect(400);
      await release(t, stay.id, OVERRIDE).expect(200);
      await t.http().post(`/api/v1/stays/${stay.id}/transfer`).set(bearer(t.adminToken)).send({ toFacilityId: f.id }).expect(409);
    });
  });

  describe('reading stays and scope', () => {
    it('lists stays with filters, scoped per role, and masks national ids for committees', async () => {
      const f = await createFacility(t, { adminUnitCode: '950' });
      await createRoom(t, f.id, { beds: 2 });
      const stay = await admit(t, f.id, { person: newPerson({ fullName: 'Lê Thị Hồng', sex: 'male', idNumber: '079123456789' }) });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '950' });
      const outsider = await userToken(t, 'district_committee', { adminUnitCode: '941' });
      const manager = await userToken(t, 'camp_manager', { facilityId: f.id });

      const byName = await t.http().get('/api/v1/stays').query({ q: 'le thi hong' }).set(bearer(committee.token)).expect(200);
      expect(byName.body.items.map((s: { id: string }) => s.id)).toEqual([stay.id]);
      expect(byName.body.items[0].person.idNumber).toBe('*********789');

      const mine = await t.http().get('/api/v1/stays').query({ facilityId: f.id, status: 'admitted' }).set(bearer(manager.token)).expect(200);
      expect(mine.body.items[0].person.idNumber).toBe('079123456789');

      const due = await t.http().get('/api/v1/stays').query({ facilityId: f.id, releaseDueBefore: '2999-01-01T00:00:00Z' }).set(bearer(t.adminToken)).expect(200);
      expect(due.body.total).toBe(1);

      await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(outsider.token)).expect(404);
      await t.http().get('/api/v1/stays').query({ facilityId: f.id }).set(bearer(outsider.token)).expect(404);
      const none = await t.http().get('/api/v1/stays').set(bearer(outsider.token)).expect(200);
      expect(none.body.items.find((s: { id: string }) => s.id === stay.id)).toBeUndefined();
      await admitRequest(t, committee.token, { facilityId: f.id, classification: 'F1', person: newPerson() }).expect(403);
      await t.http().get('/api/v1/stays').query({ status: 'gone' }).set(bearer(t.adminToken)).expect(400);
      await t.http().get('/api/v1/stays').query({ limit: 500 }).set(bearer(t.adminToken)).expect(400);
    });

    it('refuses to close a facility that still holds people', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const res = await t.http().patch(`/api/v1/facilities/${f.id}`).set(bearer(t.adminToken)).send({ status: 'closed' }).expect(409);
      expect(res.body.code).toBe('FACILITY_NOT_EMPTY');
      await release(t, stay.id, OVERRIDE).expect(200);
      await t.http().patch(`/api/v1/facilities/${f.id}`).set(bearer(t.adminToken)).send({ status: 'closed' }).expect(200);
    });
  });

  describe('people', () => {
    it('finds people by name without diacritics, by ID number and by phone', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { person: newPerson({ fullName: 'Nguyễn Văn Đức Anh', idNumber: '079099988877', phone: '0987 654 321' }) });
      for (const q of ['nguyen van duc', 'Nguyễn Văn Đức', '079099988877', '0987654321']) {
        const res = await t.http().get('/api/v1/people').query({ q }).set(bearer(t.adminToken)).expect(200);
        expect(res.body.items.map((p: { id: string }) => p.id)).toContain(stay.person.id);
      }
    });

    it('shows ID and phone in full only to admins and the camp manager where the person stays', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id, { person: newPerson({ idNumber: '079011122233', phone: '0911222333' }) });
      const own = await userToken(t, 'camp_manager', { facilityId: f.id });
      const other = await userToken(t, 'camp_manager', { facilityId: (await createFacility(t)).id });
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
      const seen = async (token: string) =>
        (await t.http().get(`/api/v1/people/${stay.person.id}`).set(bearer(token)).expect(200)).body;
      expect(await seen(t.adminToken)).toMatchObject({ idNumber: '079011122233', phone: '0911222333' });
      expect(await seen(own.token)).toMatchObject({ idNumber: '079011122233' });
      expect(await seen(committee.token)).toMatchObject({ idNumber: '*********233', phone: '*******333' });
      // Another camp's manager does not see this person at all (the registry is scoped).
      await t.http().get(`/api/v1/people/${stay.person.id}`).set(bearer(other.token)).expect(404);
    });

    it('lets the camp manager correct their person, audited, and refuses others', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const own = await userToken(t, 'camp_manager', { facilityId: f.id });
      const other = await userToken(t, 'camp_manager', { facilityId: (await createFacility(t)).id });
      await t.http().patch(`/api/v1/people/${stay.person.id}`).set(bearer(own.token)).send({ phone: '0900000001' }).expect(200);
      await t.http().patch(`/api/v1/people/${stay.person.id}`).set(bearer(other.token)).send({ phone: '0900000002' }).expect(404);
      await t.http().patch(`/api/v1/people/${stay.person.id}`).set(bearer(own.token)).send({ sex: 'x' }).expect(400);
      await t.http().patch(`/api/v1/people/${randomUUID()}`).set(bearer(t.adminToken)).send({ notes: 'x' }).expect(404);
      const [event] = await t.sql(`SELECT before->>'phone' AS before, after->>'phone' AS after FROM audit_events WHERE person_id = $1 AND action = 'person.updated'`, [stay.person.id]);
      expect(event).toEqual({ before: expect.any(String), after: '0900000001' });
    });

    it('refuses a duplicate ID number (409)', async () => {
      const person = newPerson();
      await t.http().post('/api/v1/people').set(bearer(t.adminToken)).send(person).expect(201);
      const res = await t.http().post('/api/v1/people').set(bearer(t.adminToken)).send(person).expect(409);
      expect(res.body.code).toBe('PERSON_ALREADY_REGISTERED');
    });
  });

  describe('policies', () => {
    it('adds a new version while admitted stays keep theirs', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const before = await admit(t, f.id, { classification: 'F2', person: newPerson({ vaccinationDoses: 2 }) });
      const versions = (await t.http().get('/api/v1/policies').set(bearer(t.adminToken)).expect(200)).body.total;
      const created = await t
        .http()
        .post('/api/v1/policies')
        .set(bearer(t.adminToken))
        .send({ classification: 'F2', vaccinated: true, durationDays: 5, testDays: [1, 5], homeMonitoringDays: 5 })
        .expect(201);
      const after = await admit(t, f.id, { classification: 'F2', person: newPerson({ vaccinationDoses: 2 }) });
      expect(after.policy.id).toBe(created.body.id);
      const reread = await t.http().get(`/api/v1/stays/${before.id}`).set(bearer(t.adminToken)).expect(200);
      expect(reread.body.policy.durationDays).toBe(7);

      const list = await t.http().get('/api/v1/policies').query({ classification: 'F2', vaccinated: 'true' }).set(bearer(t.adminToken)).expect(200);
      expect(list.body.total).toBe(2);
      const all = await t.http().get('/api/v1/policies').set(bearer(t.adminToken)).expect(200);
      expect(all.body.total).toBe(versions + 1);
    });

    it('refuses a test day after the end of the period (422), bad shapes (400) and non-admins (403)', async () => {
      const ok = { classification: 'F3', vaccinated: false, durationDays: 7, testDays: [1, 7], homeMonitoringDays: 7 };
      await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send({ ...ok, testDays: [1, 10] }).expect(422);
      await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send({ ...ok, durationDays: -1 }).expect(400);
      await t.http().post('/api/v1/policies').set(bearer(t.adminToken)).send({ ...ok, testDays: ['a'] }).expect(400);
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
      await t.http().post('/api/v1/policies').set(bearer(committee.token)).send(ok).expect(403);
    });
  });

  describe('audit log', () => {
    it('lists events for admins only, filtered by entity, and cannot be changed even in SQL', async () => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const res = await t.http().get('/api/v1/audit').query({ entityId: stay.id }).set(bearer(t.adminToken)).expect(200);
      expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['stay.admitted']);
      const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
      await t.http().get('/api/v1/audit').set(bearer(committee.token)).expect(403);
      await t.http().get('/api/v1/audit').query({ from: 'yesterday' }).set(bearer(t.adminToken)).expect(400);
      await expect(t.sql(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/cannot be changed/);
      await expect(t.sql(`DELETE FROM audit_events`)).rejects.toThrow(/cannot be changed/);
    });
  });
});
