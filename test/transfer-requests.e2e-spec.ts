import { randomUUID } from 'node:crypto';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, newPerson, occupancyInvariants, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * Moving people between facilities by agreement: Mỹ Xuyên's camp (947) asks the camp of Thành phố
 * Sóc Trăng (941) to take someone; the target accepts, rejects, or the requester cancels.
 */
describe('transfer requests between facilities', () => {
  let t: TestApp;
  let source: { id: string };
  let target: { id: string };
  let sourceManager: { id: string; token: string };
  let targetManager: { id: string; token: string };
  let committee941: string;
  let committee950: string;

  beforeAll(async () => {
    t = await createTestApp();
    source = await createFacility(t, { adminUnitCode: '947', name: 'Khu cách ly Tham Đôn' });
    target = await createFacility(t, { adminUnitCode: '941', name: 'Khu cách ly Trường Quân sự' });
    await createRoom(t, source.id, { beds: 20 });
    await createRoom(t, target.id, { beds: 20 });
    sourceManager = await userToken(t, 'camp_manager', { facilityId: source.id });
    targetManager = await userToken(t, 'camp_manager', { facilityId: target.id });
    committee941 = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
    committee950 = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
    expect(inv.occupied_beds).toBe(inv.open_stays);
  });

  const ask = (stayId: string, token = sourceManager.token, toFacilityId = target.id, key?: string) => {
    const req = t.http().post('/api/v1/transfer-requests').set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send({ stayId, toFacilityId, reason: 'Phòng cần cho đợt tiếp nhận mới' });
  };
  const act = (id: string, action: 'accept' | 'reject' | 'cancel', body: object = {}, token = targetManager.token, key?: string) => {
    const req = t.http().post(`/api/v1/transfer-requests/${id}/${action}`).set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const list = async (query: string, token: string) =>
    (await t.http().get(`/api/v1/transfer-requests?${query}`).set(bearer(token)).expect(200)).body;

  it('moves the person when the target accepts, and only once however often it is accepted', async () => {
    const stay = await admit(t, source.id, { person: newPerson() }, sourceManager.token);
    const asked = await ask(stay.id).expect(201);
    expect(asked.body).toMatchObject({ status: 'pending', fromFacilityId: source.id, toFacilityId: target.id, stayId: stay.id });

    // The target sees it coming in, the source going out.
    const incoming = await list(`direction=incoming&status=pending`, targetManager.token);
    expect(incoming.items.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    const outgoing = await list(`facilityId=${source.id}&direction=outgoing`, sourceManager.token);
    expect(outgoing.items.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    expect((await list(`direction=outgoing`, targetManager.token)).items).toEqual([]);

    // The source may not accept its own request; the target may.
    await act(asked.body.id, 'accept', {}, sourceManager.token).expect(403);
    const key = randomUUID();
    const accepted = await act(asked.body.id, 'accept', {}, targetManager.token, key).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: targetManager.id });
    const replay = await act(asked.body.id, 'accept', {}, targetManager.token, key).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await act(asked.body.id, 'accept', {}, targetManager.token).expect(200);

    const moved = await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(targetManager.token)).expect(200);
    expect(moved.body).toMatchObject({ facilityId: target.id, bedId: accepted.body.toBedId, status: 'admitted' });
    expect(moved.body.history.filter((e: { action: string }) => e.action === 'stay.transferred')).toHaveLength(1);
    await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(sourceManager.token)).expect(404);
    const audit = await t.sql(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at, id`, [asked.body.id]);
    expect(audit.map((e) => e.action)).toEqual(['transfer_request.created', 'transfer_request.accepted']);
  });

  it('names the active facilities a camp manager may ask, though their own scope holds only their facility', async () => {
    const standby = await createFacility(t, { adminUnitCode: '941', name: 'Khu dự phòng', status: 'standby' });
    const targets = async (query: string) =>
      (await t.http().get(`/api/v1/transfer-requests/targets?${query}`).set(bearer(sourceManager.token)).expect(200)).body;
    const all = await targets('limit=200');
    const ids = all.items.map((f: { id: string }) => f.id);
    expect(ids).toEqual(expect.arrayContaining([source.id, target.id]));
    expect(ids).not.toContain(standby.id);
    expect(all.items.find((f: { id: string }) => f.id === target.id)).toEqual({
      id: target.id, code: expect.any(String), name: 'Khu cách ly Trường Quân sự', kind: 'district_camp', adminUnitCode: '941',
    });
    expect((await targets('q=Trường Quân')).items.map((f: { id: string }) => f.id)).toEqual([target.id]);
    await t.http().get('/api/v1/transfer-requests/targets?q=').set(bearer(sourceManager.token)).expect(400);
  });

  it('places the person in the bed the target chooses', async () => {
    const room = await createRoom(t, target.id, { beds: 2 });
    const stay = await admit(t, source.id, {}, sourceManager.token);
    const asked = await ask(stay.id).expect(201);
    const accepted = await act(asked.body.id, 'accept', { toBedId: room.beds[1].id }).expect(200);
    expect(accepted.body.toBedId).toBe(room.beds[1].id);
    const [row] = await t.sql(`SELECT bed_id, facility_id FROM stays WHERE id = $1`, [stay.id]);
    expect(row).toEqual({ bed_id: room.beds[1].id, facility_id: target.id });
  });

  it('lets the target reject with a reason, and the requester cancel; neither moves anyone', async () => {
    const stay = await admit(t, source.id, {}, sourceManager.token);
    const first = await ask(stay.id).expect(201);
    await act(first.body.id, 'reject', {}, targetManager.token).expect(400);
    const rejected = await act(first.body.id, 'reject', { reason: 'Hết giường cho nam' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Hết giường cho nam' });
    await act(first.body.id, 'accept').expect(409);

    const second = await ask(stay.id).expect(201);
    await act(second.body.id, 'cancel', {}, targetManager.token).expect(403);
    const cancelled = await act(second.body.id, 'cancel', {}, sourceManager.token).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const conflict = await act(second.body.id, 'reject', { reason: 'Too late' }).expect(409);
    expect(conflict.body.code).toBe('TRANSFER_REQUEST_DECIDED');

    const [row] = await t.sql(`SELECT facility_id FROM stays WHERE id = $1`, [stay.id]);
    expect(row.facility_id).toBe(source.id);
    expect((await list(`facilityId=${source.id}&status=rejected`, sourceManager.token)).items.map((r: { id: string }) => r.id)).toEqual([
      first.body.id,
    ]);
  });

  it('refuses a second pending request for the same person (409), even sent at the same moment', async () => {
    const stay = await admit(t, source.id, {}, sourceManager.token);
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask(stay.id)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'TRANSFER_REQUEST_PENDING')).toBe(true);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM transfer_requests WHERE stay_id = $1 AND status = 'pending'`, [stay.id]);
    expect(n).toBe(1);
  });

  it('refuses a request for a released stay (409), to the same facility or a standby one (422)', async () => {
    const stay = await admit(t, source.id, {}, sourceManager.token);
    const same = await ask(stay.id, sourceManager.token, source.id).expect(422);
    expect(same.body.code).toBe('TRANSFER_TO_SAME_FACILITY');
    const standby = await createFacility(t, { status: 'standby' });
    await ask(stay.id, sourceManager.token, standby.id).expect(422);
    await ask(stay.id, sourceManager.token, randomUUID()).expect(404);
    await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order' }, sourceManager.token).expect(200);
    const released = await ask(stay.id).expect(409);
    expect(released.body.code).toBe('STAY_RELEASED');
  });

  it('refuses to accept once the person has been released meanwhile (409)', async () => {
    const stay = await admit(t, source.id, {}, sourceManager.token);
    const asked = await ask(stay.id).expect(201);
    await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order' }, sourceManager.token).expect(200);
    const res = await act(asked.body.id, 'accept').expect(409);
    expect(res.body.code).toBe('STAY_RELEASED');
  });

  it('sends a confirmed case only to a treatment facility', async () => {
    // Confirmed cases are not placed with contacts: a room of their own.
    await createRoom(t, source.id, { beds: 1 });
    const stay = await admit(t, source.id, { classification: 'F0' }, sourceManager.token);
    const refused = await ask(stay.id).expect(422);
    expect(refused.body.code).toBe('F0_NEEDS_TREATMENT_FACILITY');
    const hospital = await createFacility(t, { kind: 'treatment_facility', adminUnitCode: '941' });
    await createRoom(t, hospital.id, { beds: 2 });
    const asked = await ask(stay.id, sourceManager.token, hospital.id).expect(201);
    await act(asked.body.id, 'accept', {}, committee941).expect(200);
    const [row] = await t.sql(`SELECT facility_id FROM stays WHERE id = $1`, [stay.id]);
    expect(row.facility_id).toBe(hospital.id);
  });

  it('keeps requests to the people involved: others get 404, and a filter outside scope 403', async () => {
    const stay = await admit(t, source.id, {}, sourceManager.token);
    const asked = await ask(stay.id).expect(201);
    await t.http().get(`/api/v1/transfer-requests/${asked.body.id}`).set(bearer(committee950)).expect(404);
    await act(asked.body.id, 'accept', {}, committee950).expect(404);
    await t.http().get(`/api/v1/transfer-requests?facilityId=${source.id}`).set(bearer(committee950)).expect(403);
    await t.http().get(`/api/v1/transfer-requests?facilityId=${source.id}`).set(bearer(targetManager.token)).expect(403);
    await ask(stay.id, targetManager.token).expect(404);
    await t.http().get('/api/v1/transfer-requests?direction=incoming').set(bearer(t.adminToken)).expect(400);
    await t.http().get('/api/v1/transfer-requests?direction=sideways&facilityId=' + source.id).set(bearer(t.adminToken)).expect(400);
    await t.http().post('/api/v1/transfer-requests').set(bearer(sourceManager.token)).send({ stayId: stay.id, toFacilityId: target.id }).expect(400);
    await act(asked.body.id, 'cancel', {}, sourceManager.token).expect(200);
  });
});
