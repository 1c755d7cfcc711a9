import { addDays, localDay } from '../src/common/time/local-date';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { downloadRows, exportAndWait } from './helpers/exports';
import { admit, newPerson, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

describe('exports in the background', () => {
  let t: TestApp;
  let f: { id: string };
  let g: { id: string };
  beforeAll(async () => {
    t = await createTestApp();
    f = await createFacility(t, { adminUnitCode: '947', name: 'Khu cách ly Mỹ Xuyên' });
    g = await createFacility(t, { adminUnitCode: '941', name: 'Khu cách ly Thành phố' });
    await createRoom(t, f.id, { beds: 3 });
    await createRoom(t, g.id, { beds: 2 });
    await admit(t, f.id, { person: newPerson({ fullName: 'Trần Thị Ánh', sex: 'male', idNumber: '079123456789', phone: '0912345678' }) });
    await admit(t, f.id);
    await admit(t, g.id);
  });
  afterAll(() => t.close());

  it('exports stays as CSV and XLSX that read back with Vietnamese headers, masked ids and phones', async () => {
    for (const format of ['csv', 'xlsx']) {
      const done = await exportAndWait(t, t.adminToken, { kind: 'stays', format, filters: { facilityId: f.id } });
      expect(done).toMatchObject({ status: 'done', progress: 100, rowCount: 2, kind: 'stays', format });
      const { rows, headers } = await downloadRows(t, t.adminToken, done.id);
      expect(headers['content-type']).toMatch(format === 'csv' ? /^text\/csv; charset=utf-8/ : /spreadsheetml\.sheet/);
      expect(headers['content-disposition']).toMatch(/^attachment; filename="Luot cach ly .*"; filename\*=UTF-8''L%C6%B0%E1%BB%A3t%20c%C3%A1ch%20ly%20/);
      expect(rows[0].slice(0, 5)).toEqual(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD/CMND', 'Số điện thoại']);
      expect(rows).toHaveLength(3);
      const anh = rows.find((r) => r[0] === 'Trần Thị Ánh')!;
      expect(anh.slice(1, 5)).toEqual(['Nam', format === 'csv' ? '1985' : 1985, '*********789', '*******678']);
      expect(anh).toContain('Khu cách ly Mỹ Xuyên');
    }
  });

  it('exports the health rounds of an area, with the person, the room and what was measured', async () => {
    const h = await createFacility(t, { adminUnitCode: '943', name: 'Khu cách ly Kế Sách' });
    await createRoom(t, h.id, { beds: 1 });
    const stay = await admit(t, h.id, { person: newPerson({ fullName: 'Lê Văn Bình', sex: 'male' }) });
    await t.http().post(`/api/v1/stays/${stay.id}/health-checks`).set(bearer(t.adminToken))
      .send({ temperatureC: 38.4, spo2: 96, symptoms: ['fever', 'cough'] }).expect(201);
    const done = await exportAndWait(t, t.adminToken, { kind: 'health-checks', format: 'csv', filters: { facilityId: h.id } });
    expect(done).toMatchObject({ status: 'done', rowCount: 1 });
    const { rows } = await downloadRows(t, t.adminToken, done.id);
    expect(rows[0]).toEqual(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD/CMND', 'Khu cách ly', 'Phòng', 'Đo lúc', 'Buổi', 'Nhiệt độ (°C)', 'SpO2 (%)', 'Triệu chứng', 'Ghi chú']);
    expect(rows[1][0]).toBe('Lê Văn Bình');
    expect(rows[1].slice(8, 11)).toEqual(['38.4', '96', 'fever, cough']);
  });

  it('gives an admin who asks the personal data unmasked, with English headers, and audits the request', async () => {
    const done = await exportAndWait(t, t.adminToken, {
      kind: 'people',
      format: 'csv',
      lang: 'en',
      includePersonalData: true,
      filters: { facilityId: f.id },
    });
    const { rows } = await downloadRows(t, t.adminToken, done.id);
    expect(rows[0]).toEqual(['Full name', 'Sex', 'Birth year', 'National ID', 'Phone', 'Residence (commune code)', 'Address', 'Vaccine doses']);
    expect(rows.find((r) => r[0] === 'Trần Thị Ánh')!.slice(3, 5)).toEqual(['079123456789', '0912345678']);
    const audit = await t.sql(`SELECT action, after FROM audit_events WHERE entity_id = $1`, [done.id]);
    expect(audit).toEqual([expect.objectContaining({ action: 'export.requested_with_personal_data' })]);
  });

  it('keeps personal data for admins: anyone else asking for it gets 403', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    const res = await t.http().post('/api/v1/exports').set(bearer(committee.token))
      .send({ kind: 'stays', format: 'csv', includePersonalData: true }).expect(403);
    expect(res.body.code).toBe('PERSONAL_DATA_ADMIN_ONLY');
  });

  it('exports only the rows of the requester’s area', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    const manager = await userToken(t, 'camp_manager', { facilityId: g.id });
    const byCommittee = await exportAndWait(t, committee.token, { kind: 'stays', format: 'csv' });
    expect(byCommittee.rowCount).toBe(2);
    const byManager = await exportAndWait(t, manager.token, { kind: 'stays', format: 'xlsx' });
    expect(byManager.rowCount).toBe(1);
    const { rows } = await downloadRows(t, manager.token, byManager.id);
    expect(rows.slice(1).map((r) => r[6])).toEqual(['Khu cách ly Thành phố']);

    const outside = await t.http().post('/api/v1/exports').set(bearer(committee.token))
      .send({ kind: 'stays', format: 'csv', filters: { facilityId: g.id } }).expect(403);
    expect(outside.body.code).toBe('OUT_OF_SCOPE');
    await t.http().post('/api/v1/exports').set(bearer(committee.token))
      .send({ kind: 'tests', format: 'csv', filters: { adminUnitCode: '941' } }).expect(403);
  });

  it('shows an export to its requester and admins only, and lists each caller’s own', async () => {
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    const other = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    const mine = await exportAndWait(t, committee.token, { kind: 'alerts', format: 'csv' });
    await t.http().get(`/api/v1/exports/${mine.id}`).set(bearer(other.token)).expect(404);
    await t.http().get(`/api/v1/exports/${mine.id}/file`).set(bearer(other.token)).expect(404);
    await t.http().get(`/api/v1/exports/${mine.id}/file`).set(bearer(t.adminToken)).expect(200);
    const listed = (await t.http().get('/api/v1/exports').set(bearer(committee.token)).expect(200)).body;
    expect(listed).toMatchObject({ total: 1, items: [{ id: mine.id, status: 'done' }] });
    expect((await t.http().get('/api/v1/exports').set(bearer(other.token)).expect(200)).body.total).toBe(0);
  });

  it('exports the alerts addressed to the committee of a person’s residence, as the alerts list shows them', async () => {
    // A person living in Vĩnh Châu (950) released from a camp in Kế Sách (943); a positive result arrives after.
    const camp = await createFacility(t, { adminUnitCode: '943', name: 'Khu cách ly Kế Sách (cảnh báo)' });
    await createRoom(t, camp.id, { beds: 1 });
    const stay = await admit(t, camp.id, { person: newPerson({ residenceAdminUnitCode: '950' }) });
    const sample = await t.http().post(`/api/v1/stays/${stay.id}/tests`).set(bearer(t.adminToken)).send({ kind: 'rt_pcr' }).expect(201);
    await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order (minh họa).' }).expect(200);
    await t.http().patch(`/api/v1/tests/${sample.body.id}`).set(bearer(t.adminToken)).send({ result: 'positive' }).expect(200);

    const residence = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
    const elsewhere = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
    const inList = async (token: string, query: Record<string, string> = {}) =>
      (await t.http().get('/api/v1/alerts').query({ type: 'positive_after_release', ...query }).set(bearer(token)).expect(200)).body.items
        .some((a: { stayId: string }) => a.stayId === stay.id);
    const inExport = async (token: string, filters: Record<string, string> = {}) => {
      const done = await exportAndWait(t, token, { kind: 'alerts', format: 'csv', filters: { type: 'positive_after_release', ...filters } });
      expect(done.status).toBe('done');
      const { rows } = await downloadRows(t, token, done.id);
      return rows.slice(1).some((r) => r[0] === 'positive_after_release' && r[2] === 'Khu cách ly Kế Sách (cảnh báo)');
    };

    expect(await inList(residence)).toBe(true);
    expect(await inExport(residence)).toBe(true);
    expect(await inList(residence, { adminUnitCode: '950' })).toBe(true);
    expect(await inExport(residence, { adminUnitCode: '950' })).toBe(true);
    expect(await inList(elsewhere)).toBe(false);
    expect(await inExport(elsewhere)).toBe(false);
    // The committee of the camp's district sees it as the camp's alert.
    const campDistrict = (await userToken(t, 'district_committee', { adminUnitCode: '943' })).token;
    expect(await inList(campDistrict)).toBe(true);
    expect(await inExport(campDistrict)).toBe(true);
  });

  describe('the daily report', () => {
    // Two camps in Cù Lao Dung (945), entered late: admissions two days ago and yesterday, a release
    // and a sample today.
    const FIGURES = ['inQuarantine', 'admitted', 'released', 'transferredIn', 'transferredOut', 'positives', 'testsSampled', 'resultsPending', 'bedsTotal', 'bedsOccupied'];
    const today = localDay(new Date(), 'Asia/Ho_Chi_Minh');
    const yesterday = addDays(today, -1);
    const twoDaysAgo = addDays(today, -2);
    let A: { id: string; code: string };
    let B: { id: string; code: string };
    let committee945: string;
    let managerA: string;
    beforeAll(async () => {
      A = await createFacility(t, { adminUnitCode: '945', name: 'Khu cách ly A (minh họa)' });
      B = await createFacility(t, { adminUnitCode: '945', name: 'Khu cách ly B (minh họa)' });
      // A room holds one cohort (the people admitted on one day): a room per day.
      await createRoom(t, A.id, { beds: 2 });
      await createRoom(t, A.id, { beds: 1 });
      await createRoom(t, B.id, { beds: 2 });
      const early = await admit(t, A.id, { admittedAt: `${twoDaysAgo}T09:00:00+07:00` });
      await admit(t, A.id, { admittedAt: `${yesterday}T10:00:00+07:00` });
      const b = await admit(t, B.id, { admittedAt: `${yesterday}T15:00:00+07:00` });
      await t.http().post(`/api/v1/stays/${b.id}/tests`).set(bearer(t.adminToken)).send({ kind: 'rt_pcr', sampledAt: `${yesterday}T16:00:00+07:00` }).expect(201);
      await release(t, early.id, { outcome: 'other', reason: 'Released on the committee’s written order (minh họa).' }).expect(200);
      committee945 = (await userToken(t, 'district_committee', { adminUnitCode: '945' })).token;
      managerA = (await userToken(t, 'camp_manager', { facilityId: A.id })).token;
    });

    /** A row read back from either format: the words as text, the figures as numbers. */
    const normalise = (row: unknown[]) => [...row.slice(0, 4).map((c) => (c === null || c === undefined || c === '' ? null : String(c))), ...row.slice(4).map(Number)];
    const figuresOf = (r: Record<string, number>) => FIGURES.map((k) => r[k]);

    it('exports one day as GET /reports/daily answers it, in CSV and XLSX, with the day before', async () => {
      const report = (await t.http().get('/api/v1/reports/daily').query({ adminUnitCode: '945', date: yesterday }).set(bearer(t.adminToken)).expect(200)).body;
      expect(report.totals).toMatchObject({ inQuarantine: 3, admitted: 2, testsSampled: 1, resultsPending: 1 });
      const expected = [
        ...report.facilities.map((f: any) => [yesterday, 'Khu cách ly', f.code, f.name, ...figuresOf(f)]),
        ...report.childUnits.map((u: any) => [yesterday, 'Đơn vị hành chính', u.adminUnitCode, u.name, ...figuresOf(u)]),
        [yesterday, 'Tổng cộng', '945', report.name, ...figuresOf(report.totals)],
        [twoDaysAgo, 'Tổng cộng ngày trước', '945', report.name, ...figuresOf(report.previous)],
      ];
      expect(report.facilities.map((f: { code: string }) => f.code).sort()).toEqual([A.code, B.code].sort());
      for (const format of ['csv', 'xlsx']) {
        const done = await exportAndWait(t, t.adminToken, { kind: 'daily-report', format, filters: { adminUnitCode: '945', date: yesterday } });
        expect(done).toMatchObject({ status: 'done', kind: 'daily-report', format, rowCount: expected.length });
        const { rows, headers } = await downloadRows(t, t.adminToken, done.id);
        expect(headers['content-disposition']).toMatch(/filename="Bao cao ngay /);
        expect(rows[0]).toEqual(['Ngày', 'Dòng', 'Mã', 'Tên', 'Đang cách ly', 'Tiếp nhận', 'Ra khỏi khu cách ly', 'Chuyển đến', 'Chuyển đi',
          'Kết quả dương tính', 'Mẫu đã lấy', 'Mẫu chờ kết quả', 'Số giường', 'Giường có người']);
        expect(rows.slice(1).map(normalise)).toEqual(expected);
      }
    });

    it('exports a range as the series, one row of totals per day, with English headers', async () => {
      const series = (await t.http().get('/api/v1/reports/daily/series').query({ adminUnitCode: '945', from: twoDaysAgo, to: today }).set(bearer(t.adminToken)).expect(200)).body;
      for (const format of ['xlsx', 'csv']) {
        const done = await exportAndWait(t, t.adminToken, { kind: 'daily-report', format, lang: 'en', filters: { adminUnitCode: '945', from: twoDaysAgo, to: today } });
        expect(done).toMatchObject({ status: 'done', rowCount: 3 });
        const { rows } = await downloadRows(t, t.adminToken, done.id);
        expect(rows[0].slice(0, 5)).toEqual(['Date', 'Row', 'Code', 'Name', 'In quarantine']);
        expect(rows.slice(1).map(normalise)).toEqual(series.days.map((d: any) => [d.date, 'Total', '945', series.name, ...figuresOf(d)]));
      }
      // The release today shows: one fewer in quarantine than yesterday.
      expect(series.days.map((d: { inQuarantine: number }) => d.inQuarantine)).toEqual([1, 3, 2]);
    });

    it('keeps to the report’s scope: a committee its area, a manager its camp, nobody another area', async () => {
      const own = await exportAndWait(t, committee945, { kind: 'daily-report', format: 'csv', filters: { date: yesterday } });
      const { rows } = await downloadRows(t, committee945, own.id);
      const report = (await t.http().get('/api/v1/reports/daily').query({ date: yesterday }).set(bearer(committee945)).expect(200)).body;
      expect(rows.find((r) => r[1] === 'Tổng cộng')!.slice(4).map(Number)).toEqual(figuresOf(report.totals));

      const camp = await exportAndWait(t, managerA, { kind: 'daily-report', format: 'csv', filters: { date: yesterday } });
      const campRows = (await downloadRows(t, managerA, camp.id)).rows;
      expect(campRows.filter((r) => r[1] === 'Khu cách ly').map((r) => r[2])).toEqual([A.code]);

      const elsewhere = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
      const refused = await t.http().post('/api/v1/exports').set(bearer(elsewhere))
        .send({ kind: 'daily-report', format: 'csv', filters: { adminUnitCode: '945' } }).expect(403);
      expect(refused.body.code).toBe('OUT_OF_SCOPE');
      await t.http().post('/api/v1/exports').set(bearer(managerA))
        .send({ kind: 'daily-report', format: 'csv', filters: { adminUnitCode: '941' } }).expect(403);
    });

    it('refuses bad filters with 4xx and a code, before any job runs', async () => {
      const codeOf = async (filters: Record<string, unknown>, status = 400) => {
        const res = await t.http().post('/api/v1/exports').set(bearer(t.adminToken)).send({ kind: 'daily-report', format: 'csv', filters });
        expect([JSON.stringify(filters), res.status]).toEqual([JSON.stringify(filters), status]);
        return res.body.code;
      };
      expect(await codeOf({ date: yesterday, from: twoDaysAgo, to: yesterday })).toBe('VALIDATION_FAILED');
      expect(await codeOf({ from: twoDaysAgo })).toBe('VALIDATION_FAILED');
      expect(await codeOf({ to: today })).toBe('VALIDATION_FAILED');
      expect(await codeOf({ date: '2021-02-30' })).toBe('VALIDATION_FAILED');
      expect(await codeOf({ facilityId: A.id })).toBe('VALIDATION_FAILED');
      expect(await codeOf({ date: addDays(today, 2) })).toBe('REPORT_DATE_IN_FUTURE');
      expect(await codeOf({ from: today, to: yesterday })).toBe('REPORT_RANGE_INVALID');
      expect(await codeOf({ from: '2021-08-01', to: '2021-11-01' })).toBe('REPORT_RANGE_TOO_LONG');
      expect(await codeOf({ adminUnitCode: '959' }, 404)).toBe('NOT_FOUND');
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM exports WHERE kind = 'daily-report' AND status = 'failed'`);
      expect(n).toBe(0);
    });
  });

  it('removes files after they expire, with a clean-up job that can run twice', async () => {
    const done = await exportAndWait(t, t.adminToken, { kind: 'tests', format: 'xlsx' });
    await t.sql(`UPDATE exports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [done.id]);
    const run = () => t.http().post('/api/v1/jobs/exports-cleanup/run').query({ wait: 'true' }).set(bearer(t.adminToken)).expect(200);
    expect((await run()).body).toMatchObject({ expired: 1 });
    expect((await run()).body).toMatchObject({ expired: 0 });
    const [chunks] = await t.sql(`SELECT count(*)::int AS n FROM export_chunks WHERE export_id = $1`, [done.id]);
    expect(chunks.n).toBe(0);
    expect((await t.http().get(`/api/v1/exports/${done.id}`).set(bearer(t.adminToken)).expect(200)).body.status).toBe('expired');
    const gone = await t.http().get(`/api/v1/exports/${done.id}/file`).set(bearer(t.adminToken)).expect(410);
    expect(gone.body.code).toBe('EXPORT_EXPIRED');
  });

  it('lists export and clean-up as jobs of the exports queue; the export job is not run by hand', async () => {
    const jobs = (await t.http().get('/api/v1/jobs').set(bearer(t.adminToken)).expect(200)).body;
    expect(jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'export', queue: 'exports', cron: null, stale: false }),
        expect.objectContaining({ name: 'exports-cleanup', queue: 'exports', cron: '7 * * * *' }),
      ]),
    );
    const exportJob = jobs.find((j: { name: string }) => j.name === 'export');
    expect(exportJob.lastResult).toMatchObject({ status: 'done', rowCount: expect.any(Number) });
    const res = await t.http().post('/api/v1/jobs/export/run').set(bearer(t.adminToken)).expect(422);
    expect(res.body.code).toBe('JOB_NOT_RUNNABLE_BY_HAND');
  });

  it('refuses bad requests with 4xx and a code', async () => {
    const INVALID = /^(BAD_REQUEST|VALIDATION_FAILED)$/;
    const post = (body: object) => t.http().post('/api/v1/exports').set(bearer(t.adminToken)).send(body);
    expect((await post({ kind: 'beds', format: 'csv' }).expect(400)).body.code).toMatch(INVALID);
    expect((await post({ kind: 'stays', format: 'pdf' }).expect(400)).body.code).toMatch(INVALID);
    expect((await post({ kind: 'stays', format: 'csv', lang: 'fr' }).expect(400)).body.code).toMatch(INVALID);
    expect((await post({ kind: 'stays', format: 'csv', filters: { colour: 'red' } }).expect(400)).body.code).toMatch(INVALID);
    expect((await post({ kind: 'stays', format: 'csv', filters: { status: 'asleep' } }).expect(400)).body.code).toMatch(INVALID);
    expect((await post({ kind: 'stays', format: 'csv', filters: 'all' }).expect(400)).body.code).toMatch(INVALID);
    await t.http().get('/api/v1/exports/not-a-uuid').set(bearer(t.adminToken)).expect(400);
    await t.http().get('/api/v1/exports/00000000-0000-4000-8000-000000000000/file').set(bearer(t.adminToken)).expect(404);
  });
});
