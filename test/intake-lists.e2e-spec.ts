import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, newPerson } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const HEADERS = [
  'Họ và tên', 'Giới tính (Nam/Nữ)', 'Năm sinh', 'Số CCCD/CMND', 'Số điện thoại', 'Mã xã/phường nơi cư trú',
  'Địa chỉ', 'Phân loại (F0/F1/F2/F3/precaution)', 'Đã tiêm đủ vắc xin (Có/Không)', 'Ghi chú tiếp xúc',
];

/** Illustrative rows: 2 and 3 valid, 4 a bad sex and year, 5 an unknown commune, 6 row 2's id again, 7 already in quarantine. */
function rows(openStayIdNumber: string): string[][] {
  return [
    ['Lâm Thị Hoa', 'Nữ', '1990', '094190000001', '0912000001', '31693', 'Ấp Hòa Mỹ', 'F1', 'Không', 'Tiếp xúc ca F0'],
    ['Thạch Văn Sang', 'Nam', '1978', '094178000002', '', '', '', 'F2', 'Có', ''],
    ['Sơn Minh', 'X', '1850', '', '', '', '', 'F1', 'Không', ''],
    ['Huỳnh Thị Lan', 'Nữ', '1988', '094188000004', '', '99999', '', 'F1', 'Không', ''],
    ['Trùng Số', 'Nam', '1980', '094190000001', '', '', '', 'F1', 'Không', ''],
    ['Đang Cách Ly', 'Nam', '1980', openStayIdNumber, '', '', '', 'F1', 'Không', ''],
    ['', '', '', '', '', '', '', '', '', ''],
  ];
}

async function xlsx(data: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  for (const r of data) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (data: string[][], bom: boolean) =>
  Buffer.from((bom ? '\uFEFF' : '') + data.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'), 'utf8');

describe('intake lists imported from spreadsheets', () => {
  let t: TestApp;
  let f: { id: string };
  let committee: string;
  let manager: string;
  let openStayIdNumber: string;
  beforeAll(async () => {
    t = await createTestApp();
    f = await createFacility(t, { adminUnitCode: '947' });
    await createRoom(t, f.id, { beds: 4, sexPolicy: 'mixed' });
    committee = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    manager = (await userToken(t, 'camp_manager', { facilityId: f.id })).token;
    const elsewhere = await createFacility(t, { adminUnitCode: '941' });
    await createRoom(t, elsewhere.id, { beds: 1 });
    openStayIdNumber = '094170000099';
    await admit(t, elsewhere.id, { person: newPerson({ idNumber: openStayIdNumber }) });
  });
  afterAll(() => t.close());

  const upload = (token: string, file: Buffer, name: string, facilityId = f.id) =>
    t.http().post('/api/v1/intake-lists').set(bearer(token)).field('facilityId', facilityId).field('note', 'Danh sách F1 từ huyện').attach('file', file, name);

  it.each([
    ['xlsx', () => xlsx([HEADERS, ...rows(openStayIdNumber)]), 'danh-sach.xlsx'],
    ['csv with BOM', async () => csv([HEADERS, ...rows(openStayIdNumber)], true), 'danh-sach.csv'],
    ['csv without BOM', async () => csv([HEADERS, ...rows(openStayIdNumber)], false), 'danh-sach.csv'],
  ])('imports the valid rows of a %s file and reports every invalid one', async (_, file, name) => {
    const res = await upload(committee, await file(), name).expect(201);
    expect(res.body).toMatchObject({ facilityId: f.id, rows: 6, valid: 2, invalid: 4 });
    expect(res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, 'sex'],
      [4, 'birthYear'],
      [5, 'residenceAdminUnitCode'],
      [6, 'idNumber'],
      [7, 'idNumber'],
    ]);
    // Where the person is held is not said.
    expect(res.body.errors[4].message).not.toMatch(/facility|Khu|camp/i);
    const list = (await t.http().get(`/api/v1/intake-lists/${res.body.id}`).set(bearer(manager)).expect(200)).body;
    expect(list.items.map((r: { fullName: string; status: string }) => [r.fullName, r.status])).toEqual([
      ['Lâm Thị Hoa', 'expected'],
      ['Thạch Văn Sang', 'expected'],
    ]);
    expect(list.items[0]).toMatchObject({ sex: 'female', birthYear: 1990, idNumber: '094190000001', residenceAdminUnitCode: '31693', vaccinated: false });
  });

  it('admits a row on arrival through the normal admission, once, and rejects another', async () => {
    const imported = (await upload(committee, await xlsx([HEADERS, ...rows(openStayIdNumber)]), 'a.xlsx').expect(201)).body;
    const list = (await t.http().get(`/api/v1/intake-lists/${imported.id}`).set(bearer(manager)).expect(200)).body;
    const [hoa, sang] = list.items;
    const admitRow = () => t.http().post(`/api/v1/intake-lists/${imported.id}/rows/${hoa.id}/admit`).set(bearer(manager)).send({});
    const [a, b] = await Promise.all([admitRow(), admitRow()]);
    const ok = [a, b].filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const again = (await admitRow().expect(200)).body;
    expect(again).toMatchObject({ status: 'admitted', stayId: expect.any(String) });
    const stays = await t.sql(`SELECT s.id FROM stays s JOIN people p ON p.id = s.person_id WHERE p.id_number = '094190000001'`);
    expect(stays).toEqual([{ id: again.stayId }]);

    const rejected = await t.http().post(`/api/v1/intake-lists/${imported.id}/rows/${sang.id}/reject`).set(bearer(manager))
      .send({ reason: 'Không đến: đã chuyển đi tỉnh khác' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'Không đến: đã chuyển đi tỉnh khác' });
    const refused = await t.http().post(`/api/v1/intake-lists/${imported.id}/rows/${sang.id}/admit`).set(bearer(manager)).send({}).expect(409);
    expect(refused.body.code).toBe('INTAKE_ROW_REJECTED');
    const lists = (await t.http().get('/api/v1/intake-lists').query({ facilityId: f.id }).set(bearer(manager)).expect(200)).body;
    expect(lists.items.find((l: { id: string }) => l.id === imported.id)).toMatchObject({ admitted: 1, rejected: 1, expected: 0 });
  });

  it('answers 422 with the errors when no row is valid', async () => {
    const res = await upload(committee, csv([HEADERS, ['', 'X', '', '', '', '', '', 'F7', '', '']], true), 'bad.csv').expect(422);
    expect(res.body).toMatchObject({ code: 'INTAKE_NO_VALID_ROWS', details: { rows: 1, valid: 0, invalid: 1 } });
    expect(res.body.details.errors.map((e: { field: string }) => e.field)).toEqual(['fullName', 'sex', 'classification']);
  });

  it('gives a template in both formats with Vietnamese headers and one sample row', async () => {
    const asBuffer = (res: any, cb: (e: Error | null, b: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const c = await t.http().get('/api/v1/intake-lists/template').query({ format: 'csv' }).set(bearer(committee)).buffer(true).parse(asBuffer).expect(200);
    expect(c.headers['content-disposition']).toContain("filename*=UTF-8''M%E1%BA%ABu");
    const csvRows = parse(c.body, { bom: true });
    expect(csvRows[0]).toEqual(HEADERS);
    expect(csvRows).toHaveLength(2);
    const x = await t.http().get('/api/v1/intake-lists/template').set(bearer(committee)).buffer(true).parse(asBuffer).expect(200);
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    // The template, filled in as is, imports.
    expect((await upload(committee, x.body, 'mau.xlsx').expect(201)).body).toMatchObject({ valid: 1, invalid: 0 });
  });

  it('refuses bad uploads with 4xx and a code', async () => {
    const good = csv([HEADERS, ...rows(openStayIdNumber)], true);
    expect((await t.http().post('/api/v1/intake-lists').set(bearer(committee)).field('facilityId', f.id).expect(400)).body.code).toBe('INTAKE_FILE_MISSING');
    await t.http().post('/api/v1/intake-lists').set(bearer(committee)).attach('file', good, 'a.csv').expect(400);
    await upload(committee, good, 'a.csv', 'not-a-uuid').expect(400);
    expect((await upload(committee, Buffer.from('PK\u0003\u0004garbage'), 'a.xlsx').expect(400)).body.code).toBe('INTAKE_FILE_UNREADABLE');
    expect((await upload(committee, Buffer.from('%PDF-1.4'), 'a.pdf').expect(400)).body.code).toBe('INTAKE_FILE_UNREADABLE');
    expect((await upload(committee, csv([['Tên', 'Tuổi'], ['A', '3']], false), 'a.csv').expect(400)).body.code).toBe('INTAKE_HEADERS_MISSING');
    expect((await upload(committee, Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00]), 'utf16.csv').expect(400)).body.code).toBe('INTAKE_FILE_UNREADABLE');
    const many = [HEADERS, ...Array.from({ length: 5001 }, (_, i) => [`Người ${i}`, 'Nam', '', '', '', '', '', 'F1', 'Không', ''])];
    expect((await upload(committee, csv(many, false), 'many.csv').expect(400)).body.code).toBe('INTAKE_TOO_MANY_ROWS');
  });

  it('lets only a committee covering the facility, or an admin, upload; the manager admits, the committee does not', async () => {
    const good = await xlsx([HEADERS, ...rows(openStayIdNumber)]);
    const outside = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
    await upload(outside, good, 'a.xlsx').expect(404);
    await upload(manager, good, 'a.xlsx').expect(403);
    const imported = (await upload(t.adminToken, good, 'a.xlsx').expect(201)).body;
    await t.http().get(`/api/v1/intake-lists/${imported.id}`).set(bearer(outside)).expect(404);
    const seen = (await t.http().get(`/api/v1/intake-lists/${imported.id}`).set(bearer(committee)).expect(200)).body;
    expect(seen.items[0].idNumber).toMatch(/^\*{9}\d{3}$/);
    await t.http().post(`/api/v1/intake-lists/${imported.id}/rows/${seen.items[0].id}/admit`).set(bearer(committee)).send({}).expect(403);
  });
});
