import { randomBytes } from 'node:crypto';
import { Response } from 'supertest';
import { bearer, createFacility, createRoom } from './helpers/fixtures';
import { admit, newPerson, OVERRIDE } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * Every change made through the API is in the audit log, with who made it and when, written in the
 * same transaction as the change. Each write operation of the OpenAPI document has a step here that
 * makes the change as an admin and expects a new audit row of its action by that admin; a write
 * operation without a step fails the coverage check at the bottom.
 */

/** Operations that change nothing that is kept (signing in). */
// Signing in and out changes no record: the session lives in the token and its cookie.
const NOT_CHANGES = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/session', 'DELETE /api/v1/auth/session']);

const unique = () => randomBytes(4).toString('hex');
const day = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();

interface Step {
  /** As in the OpenAPI document. */
  route: string;
  /** The audit action the change must leave. */
  action: string;
  /** Sets up what the change needs (its own audit rows do not count), then returns the change to make. */
  change: (t: TestApp) => Promise<() => Promise<Response>>;
}

const as = (t: TestApp) => ({
  post: (path: string, body: object = {}) => t.http().post(path).set(bearer(t.adminToken)).send(body),
  patch: (path: string, body: object) => t.http().patch(path).set(bearer(t.adminToken)).send(body),
  put: (path: string, body: object) => t.http().put(path).set(bearer(t.adminToken)).send(body),
  delete: (path: string) => t.http().delete(path).set(bearer(t.adminToken)),
});

async function made(res: Promise<Response>): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const staffMember = (t: TestApp) =>
  made(as(t).post('/api/v1/staff', { fullName: 'Trần Văn Bảo', role: 'medical', agency: 'Trung tâm Y tế huyện (sample)', adminUnitCode: '947' }));
/** Someone admitted just now to a new facility of their own. */
async function admitted(t: TestApp): Promise<any> {
  const f = await createFacility(t);
  await createRoom(t, f.id, { beds: 1 });
  return admit(t, f.id);
}
/** A pending request to move someone to another facility that has a free bed. */
async function transferRequest(t: TestApp): Promise<any> {
  const [stay, to] = [await admitted(t), await createFacility(t)];
  await createRoom(t, to.id, { beds: 1 });
  return made(as(t).post('/api/v1/transfer-requests', { stayId: stay.id, toFacilityId: to.id, reason: 'Room needed for a new intake' }));
}
/** A spreadsheet of one expected arrival (illustrative), uploaded for a new facility with a free bed. */
const intakeHeaders = 'Họ và tên,Giới tính (Nam/Nữ),Năm sinh,Số CCCD/CMND,Số điện thoại,Mã xã/phường nơi cư trú,Địa chỉ,Phân loại (F0/F1/F2/F3/precaution),Đã tiêm đủ vắc xin (Có/Không),Ghi chú tiếp xúc';
const uploadIntake = (t: TestApp, facilityId: string) =>
  t.http().post('/api/v1/intake-lists').set(bearer(t.adminToken)).field('facilityId', facilityId)
    .attach('file', Buffer.from(`${intakeHeaders}\r\nLâm Thị Hoa,Nữ,1990,0941${String(Date.now()).slice(-8)},,,,F1,Không,`, 'utf8'), 'danh-sach.csv');
async function intakeRow(t: TestApp): Promise<{ listId: string; rowId: string }> {
  const f = await createFacility(t);
  await createRoom(t, f.id, { beds: 1, sexPolicy: 'female' });
  const list = await made(uploadIntake(t, f.id));
  const detail = await made(t.http().get(`/api/v1/intake-lists/${list.id}`).set(bearer(t.adminToken)));
  return { listId: list.id, rowId: detail.items[0].id };
}
const frame = (t: TestApp) => made(as(t).post('/api/v1/frames', { name: `Khung ${unique()}`, adminUnitCode: '947' }));

const STEPS: Step[] = [
  { route: 'POST /api/v1/users', action: 'user.created', change: async (t) => () =>
      as(t).post('/api/v1/users', { username: `u-${unique()}`, fullName: 'Audited user', password: 'long-enough-pw', role: 'district_committee', adminUnitCode: '947' }) },
  { route: 'PATCH /api/v1/users/{id}', action: 'user.updated', change: async (t) => {
      const user = await made(as(t).post('/api/v1/users', { username: `u-${unique()}`, fullName: 'Audited user', password: 'long-enough-pw', role: 'district_committee', adminUnitCode: '947' }));
      return () => as(t).patch(`/api/v1/users/${user.id}`, { password: 'another-long-pw' });
    } },
  { route: 'POST /api/v1/admin-units', action: 'admin_unit.created', change: async (t) => () =>
      as(t).post('/api/v1/admin-units', { code: String(40000 + Math.floor(Math.random() * 50000)), name: 'Xã kiểm toán', level: 'commune', parentCode: '947' }) },
  { route: 'POST /api/v1/facilities', action: 'facility.created', change: async (t) => () =>
      as(t).post('/api/v1/facilities', { code: `A-${unique()}`, name: 'Audited camp', kind: 'other', adminUnitCode: '947' }) },
  { route: 'PATCH /api/v1/facilities/{id}', action: 'facility.updated', change: async (t) => {
      const f = await createFacility(t);
      return () => as(t).patch(`/api/v1/facilities/${f.id}`, { notes: 'Audited' });
    } },
  { route: 'POST /api/v1/facilities/{id}/rooms', action: 'room.created', change: async (t) => {
      const f = await createFacility(t);
      return () => as(t).post(`/api/v1/facilities/${f.id}/rooms`, { code: 'R1', sexPolicy: 'male', beds: 3 });
    } },
  { route: 'POST /api/v1/facilities/{id}/rooms/bulk', action: 'room.created', change: async (t) => {
      const f = await createFacility(t);
      return () => as(t).post(`/api/v1/facilities/${f.id}/rooms/bulk`, { rooms: [{ code: 'R1', sexPolicy: 'female', beds: 2 }] });
    } },
  { route: 'PATCH /api/v1/beds/{id}', action: 'bed.status_changed', change: async (t) => {
      const room = await createRoom(t, (await createFacility(t)).id, { beds: 1 });
      return () => as(t).patch(`/api/v1/beds/${room.beds[0].id}`, { status: 'out_of_service' });
    } },
  { route: 'POST /api/v1/people', action: 'person.created', change: async (t) => () => as(t).post('/api/v1/people', newPerson()) },
  { route: 'PATCH /api/v1/people/{id}', action: 'person.updated', change: async (t) => {
      const person = await made(as(t).post('/api/v1/people', newPerson()));
      return () => as(t).patch(`/api/v1/people/${person.id}`, { notes: 'Audited' });
    } },
  { route: 'POST /api/v1/stays', action: 'stay.admitted', change: async (t) => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      return () => as(t).post('/api/v1/stays', { facilityId: f.id, classification: 'F1', person: newPerson() });
    } },
  { route: 'POST /api/v1/stays/{id}/release', action: 'stay.released', change: async (t) => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      return () => as(t).post(`/api/v1/stays/${stay.id}/release`, OVERRIDE);
    } },
  { route: 'POST /api/v1/stays/{id}/transfer', action: 'stay.transferred', change: async (t) => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 2 });
      const stay = await admit(t, f.id);
      return () => as(t).post(`/api/v1/stays/${stay.id}/transfer`, { toFacilityId: f.id });
    } },
  { route: 'POST /api/v1/stays/{id}/tests', action: 'test.recorded', change: async (t) => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      return () => as(t).post(`/api/v1/stays/${stay.id}/tests`, { kind: 'rt_pcr', scheduledDay: 1 });
    } },
  { route: 'PATCH /api/v1/tests/{id}', action: 'test.result_recorded', change: async (t) => {
      const f = await createFacility(t);
      await createRoom(t, f.id, { beds: 1 });
      const stay = await admit(t, f.id);
      const sample = await made(as(t).post(`/api/v1/stays/${stay.id}/tests`, { kind: 'rt_pcr', scheduledDay: 1 }));
      return () => as(t).patch(`/api/v1/tests/${sample.id}`, { result: 'negative' });
    } },
  { route: 'POST /api/v1/stays/{id}/health-checks', action: 'health_check.recorded', change: async (t) => {
      const stay = await admitted(t);
      return () => as(t).post(`/api/v1/stays/${stay.id}/health-checks`, { temperatureC: 36.8, symptoms: [] });
    } },
  { route: 'POST /api/v1/facilities/{id}/health-checks', action: 'health_check.recorded', change: async (t) => {
      const stay = await admitted(t);
      return () => as(t).post(`/api/v1/facilities/${stay.facilityId}/health-checks`, { checks: [{ stayId: stay.id, temperatureC: 36.8, symptoms: [] }] });
    } },
  { route: 'POST /api/v1/stays/{id}/home-monitoring/checks', action: 'home_monitoring.check_recorded', change: async (t) => {
      const stay = await admitted(t);
      await made(as(t).post(`/api/v1/stays/${stay.id}/release`, OVERRIDE));
      return () => as(t).post(`/api/v1/stays/${stay.id}/home-monitoring/checks`, { status: 'ok' });
    } },
  { route: 'POST /api/v1/transfer-requests', action: 'transfer_request.created', change: async (t) => {
      const [stay, to] = [await admitted(t), await createFacility(t)];
      return () => as(t).post('/api/v1/transfer-requests', { stayId: stay.id, toFacilityId: to.id, reason: 'Room needed for a new intake' });
    } },
  { route: 'POST /api/v1/transfer-requests/{id}/accept', action: 'transfer_request.accepted', change: async (t) => {
      const request = await transferRequest(t);
      return () => as(t).post(`/api/v1/transfer-requests/${request.id}/accept`);
    } },
  { route: 'POST /api/v1/transfer-requests/{id}/reject', action: 'transfer_request.rejected', change: async (t) => {
      const request = await transferRequest(t);
      return () => as(t).post(`/api/v1/transfer-requests/${request.id}/reject`, { reason: 'No free bed for women' });
    } },
  { route: 'POST /api/v1/transfer-requests/{id}/cancel', action: 'transfer_request.cancelled', change: async (t) => {
      const request = await transferRequest(t);
      return () => as(t).post(`/api/v1/transfer-requests/${request.id}/cancel`);
    } },
  { route: 'POST /api/v1/policies', action: 'policy.created', change: async (t) => () =>
      as(t).post('/api/v1/policies', { classification: 'F2', vaccinated: true, durationDays: 7, testDays: [1, 7], homeMonitoringDays: 7, effectiveFrom: inDays(Math.random() * 300) }) },
  { route: 'POST /api/v1/alerts/{id}/acknowledge', action: 'alert.acknowledged', change: async (t) => {
      const f = await createFacility(t);
      // Alerts are raised by scheduled jobs, not through the API: one is put in place directly.
      const [alert] = await t.sql<{ id: string }>(
        `INSERT INTO alerts (type, subject_key, facility_id, message)
         VALUES ('capacity_high', $1, $2, 'Illustrative alert for the audit test') RETURNING id`,
        [`audit:${unique()}`, f.id],
      );
      return () => as(t).post(`/api/v1/alerts/${alert.id}/acknowledge`);
    } },
  { route: 'POST /api/v1/staff', action: 'staff_member.created', change: async (t) => () =>
      as(t).post('/api/v1/staff', { fullName: 'Lý Thị Cúc', role: 'logistics', agency: 'Hội Chữ thập đỏ (sample)', adminUnitCode: '947' }) },
  { route: 'PATCH /api/v1/staff/{id}', action: 'staff_member.updated', change: async (t) => {
      const staff = await staffMember(t);
      return () => as(t).patch(`/api/v1/staff/${staff.id}`, { agency: 'Bệnh viện huyện (sample)' });
    } },
  { route: 'POST /api/v1/frames', action: 'frame.created', change: async (t) => () =>
      as(t).post('/api/v1/frames', { name: `Khung ${unique()}`, adminUnitCode: '947' }) },
  { route: 'PATCH /api/v1/frames/{id}', action: 'frame.updated', change: async (t) => {
      const fr = await frame(t);
      return () => as(t).patch(`/api/v1/frames/${fr.id}`, { name: `Khung ${unique()}` });
    } },
  { route: 'POST /api/v1/frames/{id}/members', action: 'frame.member_added', change: async (t) => {
      const [fr, staff] = [await frame(t), await staffMember(t)];
      return () => as(t).post(`/api/v1/frames/${fr.id}/members`, { staffId: staff.id });
    } },
  { route: 'DELETE /api/v1/frames/{id}/members/{staffId}', action: 'frame.member_removed', change: async (t) => {
      const [fr, staff] = [await frame(t), await staffMember(t)];
      await made(as(t).post(`/api/v1/frames/${fr.id}/members`, { staffId: staff.id }));
      return () => as(t).delete(`/api/v1/frames/${fr.id}/members/${staff.id}`);
    } },
  { route: 'POST /api/v1/frames/{id}/deploy', action: 'frame.deployed', change: async (t) => {
      const [fr, staff, f] = [await frame(t), await staffMember(t), await createFacility(t)];
      await made(as(t).post(`/api/v1/frames/${fr.id}/members`, { staffId: staff.id }));
      return () => as(t).post(`/api/v1/frames/${fr.id}/deploy`, { facilityId: f.id, from: inDays(1), to: inDays(2) });
    } },
  { route: 'POST /api/v1/facilities/{id}/assignments', action: 'assignment.created', change: async (t) => {
      const [staff, f] = [await staffMember(t), await createFacility(t)];
      return () => as(t).post(`/api/v1/facilities/${f.id}/assignments`, { staffId: staff.id, startsAt: inDays(1), endsAt: inDays(1.5) });
    } },
  { route: 'DELETE /api/v1/facilities/{id}/assignments/{assignmentId}', action: 'assignment.removed', change: async (t) => {
      const [staff, f] = [await staffMember(t), await createFacility(t)];
      const a = await made(as(t).post(`/api/v1/facilities/${f.id}/assignments`, { staffId: staff.id, startsAt: inDays(1), endsAt: inDays(1.5) }));
      return () => as(t).delete(`/api/v1/facilities/${f.id}/assignments/${a.id}`);
    } },
  { route: 'PUT /api/v1/facilities/{id}/staffing-requirements', action: 'staffing_requirements.replaced', change: async (t) => {
      const f = await createFacility(t);
      return () => as(t).put(`/api/v1/facilities/${f.id}/staffing-requirements`, { requirements: [{ role: 'medical', minOnDuty: 2 }] });
    } },
  { route: 'POST /api/v1/exports', action: 'export.requested', change: async (t) => () =>
      as(t).post('/api/v1/exports', { kind: 'stays', format: 'csv' }) },
  { route: 'POST /api/v1/intake-lists', action: 'intake_list.imported', change: async (t) => {
      const f = await createFacility(t);
      return () => uploadIntake(t, f.id);
    } },
  { route: 'POST /api/v1/intake-lists/{id}/rows/{rowId}/admit', action: 'intake_row.admitted', change: async (t) => {
      const { listId, rowId } = await intakeRow(t);
      return () => as(t).post(`/api/v1/intake-lists/${listId}/rows/${rowId}/admit`);
    } },
  { route: 'POST /api/v1/intake-lists/{id}/rows/{rowId}/reject', action: 'intake_row.rejected', change: async (t) => {
      const { listId, rowId } = await intakeRow(t);
      return () => as(t).post(`/api/v1/intake-lists/${listId}/rows/${rowId}/reject`, { reason: 'Did not arrive: gone to another province' });
    } },
  { route: 'POST /api/v1/jobs/{name}/run', action: 'job.run_requested', change: async (t) => () => as(t).post('/api/v1/jobs/flag-capacity/run') },
];

describe('audit trail', () => {
  let t: TestApp;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminId = (await t.http().get('/api/v1/auth/me').set(bearer(t.adminToken)).expect(200)).body.id;
  }, 300_000);
  afterAll(() => t.close());

  const lastId = async () => (await t.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_events`))[0].id;

  it.each(STEPS.map((s) => [s.route, s.action, s] as const))('%s leaves %s in the audit log', async (_, action, step) => {
    const change = await step.change(t);
    const since = await lastId();
    const res = await change();
    if (res.status >= 300) throw new Error(`${step.route}: ${res.status} ${JSON.stringify(res.body)}`);
    const rows = await t.sql<{ action: string; actor_id: string; at: Date }>(
      `SELECT action, actor_id, at FROM audit_events WHERE id > $1 ORDER BY id`,
      [since],
    );
    expect(rows.filter((r) => r.action === action && r.actor_id === adminId)).not.toHaveLength(0);
    for (const row of rows) expect(row.at).toBeInstanceOf(Date);
  });

  it('writes nothing to the log when the change is refused', async () => {
    const f = await createFacility(t);
    const room = await createRoom(t, f.id, { beds: 1 });
    await admit(t, f.id);
    const since = await lastId();
    await as(t).patch(`/api/v1/beds/${room.beds[0].id}`, { status: 'out_of_service' }).expect(409);
    expect(await t.sql(`SELECT 1 FROM audit_events WHERE id > $1`, [since])).toHaveLength(0);
  });

  it('never keeps a password or its hash in the log', async () => {
    const user = await made(as(t).post('/api/v1/users', { username: `u-${unique()}`, fullName: 'Audited user', password: 'first-long-password', role: 'admin' }));
    await as(t).patch(`/api/v1/users/${user.id}`, { password: 'second-long-password' }).expect(200);
    expect(await t.sql(`SELECT 1 FROM audit_events WHERE entity_id = $1`, [user.id])).toHaveLength(2);
    expect(await t.sql(`SELECT 1 FROM audit_events WHERE (before::text || after::text) ~ '(first|second)-long-password'`)).toHaveLength(0);
    const rows = await t.sql(`SELECT 1 FROM audit_events WHERE after::text ~* 'password(hash)?"' OR after::text LIKE '%$argon2%'`);
    expect(rows).toHaveLength(0);
  });

  it('has a step for every write operation of the API', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(STEPS.map((s) => s.route));
    expect(writes.filter((route) => !covered.has(route) && !NOT_CHANGES.has(route))).toEqual([]);
  });
});
