import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, newPerson, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VERIFY_LIMIT = 12;

/** Reads the text of a PDF as pdftotext extracts it (what a screen reader or a search would see). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'));
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Release certificates at the Đại đội huấn luyện camp in xã Tham Đôn (Mỹ Xuyên, 947): numbered at a
 * completed release, printed in Vietnamese, checked by anyone through the QR code.
 * Names and numbers are illustrative.
 */
describe('release certificates', () => {
  let t: TestApp;
  let camp: { id: string; code: string };
  let manager: { token: string };
  let committee947: string;
  let committee941: string;

  beforeAll(async () => {
    t = await createTestApp({ CERTIFICATE_VERIFY_RATE_LIMIT: String(VERIFY_LIMIT), PUBLIC_BASE_URL: 'https://cachly.example.vn' });
    camp = await createFacility(t, {
      code: 'ST-DDHL-THAMDON',
      name: 'Khu cách ly Đại đội huấn luyện Tham Đôn',
      adminUnitCode: '947',
    });
    await createRoom(t, camp.id, { beds: 30 });
    manager = await userToken(t, 'camp_manager', { facilityId: camp.id });
    committee947 = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    committee941 = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
  });
  afterAll(() => t.close());

  const getPdf = (path: string, token = manager.token) =>
    t.http().get(path).set(bearer(token)).buffer(true).parse(binary);

  /** A person admitted 15 days ago with every scheduled test (days 1, 7, 14) negative, then released. */
  const completedStay = async (fullName = 'Nguyễn Văn An', idNumber = '079085001234') => {
    const admittedAt = new Date(Date.now() - 15 * DAY);
    const stay = await admit(
      t,
      camp.id,
      {
        admittedAt: admittedAt.toISOString(),
        person: newPerson({ fullName, idNumber, address: 'Số 12, ấp Prey Chóp', residenceAdminUnitCode: '950' }),
      },
      manager.token,
    );
    for (const day of [1, 7, 14]) {
      const sampledAt = new Date(admittedAt.getTime() + (day - 1) * DAY + HOUR).toISOString();
      await t
        .http()
        .post(`/api/v1/stays/${stay.id}/tests`)
        .set(bearer(manager.token))
        .send({ scheduledDay: day, kind: 'rt_pcr', sampledAt, result: 'negative' })
        .expect(201);
    }
    return stay;
  };

  let first: { id: string };
  let token: string;

  it('numbers a completed release once, and prints it in Vietnamese with every detail', async () => {
    first = await completedStay();
    await release(t, first.id, {}, manager.token).expect(200);
    const [cert] = await t.sql(`SELECT number, verification_token, year FROM release_certificates WHERE stay_id = $1`, [first.id]);
    expect(cert.number).toBe(`ST-DDHL-THAMDON/${cert.year}/000001`);
    token = cert.verification_token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await getPdf(`/api/v1/stays/${first.id}/certificate`).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    // A rendered sample for eyes, when asked for.
    if (process.env.CERTIFICATE_SAMPLE_PDF) writeFileSync(process.env.CERTIFICATE_SAMPLE_PDF, res.body);
    const text = pdfText(res.body);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY XÁC NHẬN',
      'HOÀN THÀNH CÁCH LY Y TẾ TẬP TRUNG',
      `Số: ST-DDHL-THAMDON/${cert.year}/000001`,
      'NGUYỄN VĂN AN',
      'Nam',
      '1985',
      '079085001234',
      'Số 12, ấp Prey Chóp, Thị xã Vĩnh Châu',
      'Khu cách ly Đại đội huấn luyện Tham Đôn',
      'RT-PCR',
      'Âm tính',
      'Mỹ Xuyên, ngày',
      'tự theo dõi sức khỏe tại nơi cư trú đến hết ngày',
      'TRƯỞNG BAN QUẢN LÝ KHU CÁCH LY',
      `https://cachly.example.vn/api/v1/certificates/verify/${token}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.match(/Âm tính/g)).toHaveLength(3);
  });

  it('masks the id number for a committee, and hides the certificate outside its area (404)', async () => {
    const res = await getPdf(`/api/v1/stays/${first.id}/certificate`, committee947).expect(200);
    const text = pdfText(res.body);
    expect(text).not.toContain('079085001234');
    expect(text).toContain('*********234');
    await t.http().get(`/api/v1/stays/${first.id}/certificate`).set(bearer(committee941)).expect(404);
  });

  it('issues no certificate for an open stay or another outcome (422)', async () => {
    const open = await admit(t, camp.id, { admittedAt: new Date(Date.now() - 15 * DAY).toISOString() }, manager.token);
    const notYet = await t.http().get(`/api/v1/stays/${open.id}/certificate`).set(bearer(manager.token)).expect(422);
    expect(notYet.body.code).toBe('CERTIFICATE_NOT_ISSUED');
    await release(t, open.id, { outcome: 'other', reason: 'Released on the committee’s written order' }, manager.token).expect(200);
    const other = await t.http().get(`/api/v1/stays/${open.id}/certificate`).set(bearer(manager.token)).expect(422);
    expect(other.body.code).toBe('CERTIFICATE_NOT_ISSUED');
  });

  it('numbers releases at the same moment one after the other, never twice', async () => {
    const stays = [];
    for (const name of ['Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Huỳnh Văn Em']) {
      stays.push(await completedStay(name, `0790850${Math.floor(Math.random() * 1e5).toString().padStart(5, '0')}`));
    }
    const answers = await Promise.all(stays.map((s) => release(t, s.id, {}, manager.token)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const rows = await t.sql(`SELECT serial FROM release_certificates WHERE facility_id = $1 ORDER BY serial`, [camp.id]);
    expect(rows.map((r) => r.serial)).toEqual([1, 2, 3, 4, 5]);
    const [counter] = await t.sql(`SELECT last_serial FROM certificate_counters WHERE facility_id = $1`, [camp.id]);
    expect(counter.last_serial).toBe(5);
  });

  it('prints a day’s certificates in one PDF, one page each', async () => {
    const [{ day }] = await t.sql(`SELECT issued_on::text AS day FROM release_certificates WHERE stay_id = $1`, [first.id]);
    const res = await getPdf(`/api/v1/facilities/${camp.id}/certificates?releasedOn=${day}`).expect(200);
    expect(res.headers['x-certificate-count']).toBe('5');
    const text = pdfText(res.body);
    expect(text.match(/HOÀN THÀNH CÁCH LY Y TẾ TẬP TRUNG/g)).toHaveLength(5);
    for (const name of ['NGUYỄN VĂN AN', 'TRẦN THỊ BÌNH', 'HUỲNH VĂN EM']) expect(text).toContain(name);
    const none = await getPdf(`/api/v1/facilities/${camp.id}/certificates?releasedOn=2021-02-09`).expect(200);
    expect(none.headers['x-certificate-count']).toBe('0');
    await t.http().get(`/api/v1/facilities/${camp.id}/certificates?releasedOn=2021-02-30`).set(bearer(manager.token)).expect(400);
    await t.http().get(`/api/v1/facilities/${camp.id}/certificates`).set(bearer(committee941)).expect(404);
  });

  it('lets anyone check a certificate by its QR token, and learn nothing more than the paper shows', async () => {
    const res = await t.http().get(`/api/v1/certificates/verify/${token}`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['birthYear', 'facilityName', 'from', 'fullNameInitials', 'issuedAt', 'number', 'to', 'valid']);
    expect(res.body).toMatchObject({
      valid: true,
      fullNameInitials: 'N. V. A.',
      birthYear: 1985,
      facilityName: 'Khu cách ly Đại đội huấn luyện Tham Đôn',
    });
    expect(res.body.number).toMatch(/^ST-DDHL-THAMDON\/\d{4}\/000001$/);
    expect(JSON.stringify(res.body)).not.toMatch(/079085001234|Prey Chóp|Nguyễn/);
    await t.http().get(`/api/v1/certificates/verify/${'x'.repeat(43)}`).expect(404);
  });

  it('slows down a client that checks too many codes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < VERIFY_LIMIT + 2; i++) statuses.push((await t.http().get(`/api/v1/certificates/verify/${token}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
  });
});
