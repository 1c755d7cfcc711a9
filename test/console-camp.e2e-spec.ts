import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Download } from 'playwright-core';
import { bearer, createFacility, userToken } from './helpers/fixtures';
import { consoleBaseUrl, ensureConsoleBuilt, LAPTOP, launchBrowser, newConsolePage, PHONE, screenshot, seriousA11yViolations, signIn } from './helpers/browser';
import { admit, newPerson } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const COUNT_KEYS = [
  'inQuarantine',
  'arrivals',
  'testsDue',
  'testsOverdue',
  'releasesDue',
  'releasesOverdue',
  'readyForRelease',
  'healthChecksMissing',
  'positives',
] as const;

/** The text of a downloaded PDF as pdftotext extracts it. */
async function pdfOf(download: Download): Promise<{ bytes: Buffer; text: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'console-pdf-')), 'file.pdf');
  await download.saveAs(file);
  return { bytes: readFileSync(file), text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
}

/**
 * A camp manager's day in the console (a real browser against the built console and a fresh
 * database): the today board, a health round with a fever, a release and its certificate. The camp,
 * its people and their names are illustrative.
 */
describe('the web console for a camp’s day', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let camp: { id: string; code: string };
  let manager: { username: string; token: string };
  let committee: { username: string; token: string };
  const PASSWORD = 'a-good-password';
  const ROOM_NEW = 'A101';
  const arrivals = ['Lê Văn Cường (minh họa)', 'Trần Văn Đức (minh họa)', 'Phạm Minh Tuấn (minh họa)'];
  const READY = 'Nguyễn Thị Hằng (minh họa)';
  let ready: { id: string };
  const POSITIVE = 'Đặng Quốc Bảo (minh họa)';
  let positive: { id: string };

  const room = async (code: string, sexPolicy: string, floor: number, beds: number) => {
    const res = await t.http().post(`/api/v1/facilities/${camp.id}/rooms`).set(bearer(t.adminToken)).send({ code, sexPolicy, floor, beds }).expect(201);
    return res.body as { id: string; beds: { id: string }[] };
  };
  const sample = (stayId: string, scheduledDay: number, sampledAt: string, result = 'negative') =>
    t
      .http()
      .post(`/api/v1/stays/${stayId}/tests`)
      .set(bearer(t.adminToken))
      .send({ scheduledDay, kind: 'rt_pcr', sampledAt, result, resultAt: sampledAt })
      .expect(201);

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp();
    base = await consoleBaseUrl(t.app);
    camp = await createFacility(t, { code: 'ST-DDHL-THAMDON', adminUnitCode: '947', name: 'Khu cách ly Đại đội huấn luyện Tham Đôn (minh họa)' });
    await createFacility(t, { adminUnitCode: '947', name: 'Trường Quân sự tỉnh (minh họa)' });
    const a101 = await room(ROOM_NEW, 'male', 1, 3);
    const a102 = await room('A102', 'female', 1, 2);
    const b201 = await room('B201', 'male', 2, 2);

    // Three men arrive today in A101: arrivals, each with a day-1 test due.
    for (const [i, fullName] of arrivals.entries()) {
      await admit(t, camp.id, { bedId: a101.beds[i].id, person: newPerson({ fullName, birthYear: 1980 + i }) });
    }
    // Served her 7 days (vaccinated), days 1 and 7 negative: ready to go home.
    const readyAt = ago(7 * DAY + HOUR);
    ready = await admit(t, camp.id, {
      bedId: a102.beds[0].id,
      vaccinated: true,
      admittedAt: readyAt,
      person: newPerson({ fullName: READY, sex: 'female', birthYear: 1992, address: 'Ấp Prey Chóp, xã Tham Đôn' }),
    });
    await sample(ready.id, 1, ago(7 * DAY));
    await sample(ready.id, 7, ago(DAY));
    // Eight days in, day 1 negative, no day-7 sample: a test overdue.
    const late = await admit(t, camp.id, {
      bedId: b201.beds[0].id,
      admittedAt: ago(8 * DAY),
      person: newPerson({ fullName: 'Võ Văn Long (minh họa)' }),
    });
    await sample(late.id, 1, ago(8 * DAY - HOUR));
    // Three days in, positive an hour ago: awaiting transfer to treatment, alone in C301.
    const c301 = await room('C301', 'male', 3, 1);
    positive = await admit(t, camp.id, { bedId: c301.beds[0].id, admittedAt: ago(3 * DAY), person: newPerson({ fullName: POSITIVE }) });
    await sample(positive.id, 1, ago(HOUR), 'positive');

    manager = await userToken(t, 'camp_manager', { facilityId: camp.id });
    committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  const number = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

  it('lands a camp manager on the today board, with the same counts as the API', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, manager.username, PASSWORD);
    await page.waitForURL(new RegExp(`/facilities/${camp.id}/today$`));
    await page.getByTestId('count-inQuarantine').waitFor();
    const api = (await t.http().get(`/api/v1/facilities/${camp.id}/today`).set(bearer(manager.token)).expect(200)).body;
    expect(api.counts).toMatchObject({ arrivals: 3, testsDue: 3, testsOverdue: 1, readyForRelease: 1 });
    for (const key of COUNT_KEYS) {
      expect(await page.getByTestId(`count-${key}`).textContent()).toBe(number(api.counts[key]));
      // Each list with somebody in it is shown with one row per person; an empty list is left out.
      if (key !== 'inQuarantine') expect(await page.getByTestId(`list-${key}`).locator('li').count()).toBe(api[key].length);
    }
    const ready = page.getByTestId('list-readyForRelease');
    await ready.getByRole('link', { name: READY }).waitFor();
    await ready.getByRole('button', { name: `Cho hoàn thành cách ly: ${READY}` }).waitFor();
    const due = page.getByTestId('list-testsDue');
    expect(await due.getByRole('link', { name: 'Ghi mẫu / kết quả' }).count()).toBe(3);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'today-board');
    await page.setViewportSize(PHONE);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'today-board-phone');

    // A test due leads to the sample form of that stay.
    await due.getByRole('link', { name: 'Ghi mẫu / kết quả' }).first().click();
    await page.waitForURL(/\/stays\/[0-9a-f-]+#record-sample$/);
    await page.getByRole('button', { name: 'Lưu mẫu' }).waitFor();
    await page.context().close();
  });

  it('shows a committee the area’s counts per facility, each leading to its board', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.getByRole('link', { name: 'Hôm nay' }).click();
    await page.getByTestId('totals-inQuarantine').waitFor();
    const api = (await t.http().get('/api/v1/today').set(bearer(committee.token)).expect(200)).body;
    for (const key of COUNT_KEYS) expect(await page.getByTestId(`totals-${key}`).textContent()).toBe(number(api.totals[key]));
    const row = page.getByTestId(`facility-${camp.code}`);
    const mine = api.facilities.find((f: { code: string }) => f.code === camp.code);
    expect(await row.getByTestId('f-readyForRelease').textContent()).toBe(number(mine.counts.readyForRelease));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'today-area');
    await row.getByRole('link').click();
    await page.waitForURL(new RegExp(`/facilities/${camp.id}/today`));
    await page.getByTestId('count-arrivals').waitFor();
    // A committee reads the board but is not offered the camp's actions.
    expect(await page.getByRole('button', { name: /Cho hoàn thành cách ly/ }).count()).toBe(0);
    await page.context().close();
  });

  it('saves a health round of a room in one request and shows the fever it raised', async () => {
    const page = await newConsolePage(browser, PHONE);
    await signIn(page, base, manager.username, PASSWORD);
    await page.getByRole('link', { name: 'Đo sức khỏe' }).first().click();
    await page.getByLabel('Phòng hoặc tầng').selectOption({ label: `Phòng ${ROOM_NEW}` });
    await page.getByTestId('round-table').waitFor();
    const [feverish, ...well] = arrivals;
    await page.getByLabel(`Nhiệt độ (°C) của ${feverish}`).fill('38,6');
    await page.getByLabel(`SpO2 (%) của ${feverish}`).fill('96');
    await page.getByRole('group', { name: `Triệu chứng của ${feverish}` }).getByLabel('Ho').check();
    for (const name of well) {
      await page.getByLabel(`Nhiệt độ (°C) của ${name}`).fill('36.7');
      await page.getByLabel(`SpO2 (%) của ${name}`).fill('98');
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'health-round-phone');

    const requests: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/health-checks') && requests.push(r.headers()['idempotency-key']));
    await page.getByRole('button', { name: 'Lưu lần đo' }).dblclick();
    const alerts = page.getByTestId('round-alerts');
    await alerts.waitFor();
    expect(await alerts.textContent()).toContain(feverish);
    expect(await alerts.textContent()).toContain('Sốt');
    expect(await page.getByTestId('round-saved').textContent()).toMatch(/Đã lưu 3 lần đo, 2 cảnh báo\. Thuộc vòng: (Buổi sáng|Buổi chiều) \d{2}\/\d{2}\/\d{4}|ngoài giờ các vòng đo/);
    expect(new Set(requests).size).toBe(1);
    const rows = await t.sql(
      `SELECT p.full_name, h.temperature_c::float AS t, h.symptoms FROM health_checks h JOIN stays s ON s.id = h.stay_id
         JOIN people p ON p.id = s.person_id WHERE s.facility_id = $1 ORDER BY p.full_name`,
      [camp.id],
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.full_name === feverish)).toMatchObject({ t: 38.6, symptoms: ['cough'] });
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM alerts WHERE type = 'fever' AND status = 'open'`);
    expect(n).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'health-round-saved');

    // The stay page lists the check.
    await alerts.getByRole('link', { name: feverish }).click();
    const checks = page.getByTestId('health-checks');
    await checks.waitFor();
    expect(await checks.textContent()).toContain('38,6');
    await page.context().close();
  });

  it('hands a positive case over for treatment from the board’s positives list', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, manager.username, PASSWORD);
    const positives = page.getByTestId('list-positives');
    await positives.getByRole('link', { name: POSITIVE }).waitFor();
    await positives.getByRole('link', { name: 'Chuyển điều trị' }).click();
    await page.waitForURL(new RegExp(`/stays/${positive.id}#release$`));
    expect(await page.getByLabel('Chuyển điều trị').isChecked()).toBe(true);
    await page.getByLabel('Nơi chuyển đến điều trị').fill('Bệnh viện Đa khoa tỉnh Sóc Trăng (minh họa)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'stay-transfer-to-treatment');
    await page.getByRole('button', { name: 'Chuyển đi điều trị' }).click();
    await page.getByTestId('release-outcome').waitFor();
    expect(await page.getByTestId('release-outcome').textContent()).toBe('Chuyển điều trị');
    const [row] = await t.sql(`SELECT status, release_outcome, release_destination FROM stays WHERE id = $1`, [positive.id]);
    expect(row).toEqual({ status: 'released', release_outcome: 'transferred_to_treatment', release_destination: 'Bệnh viện Đa khoa tỉnh Sóc Trăng (minh họa)' });
    await page.context().close();
  });

  it('releases a person who is ready from the board and downloads the certificate as a PDF in Vietnamese', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, manager.username, PASSWORD);
    await page.getByRole('button', { name: `Cho hoàn thành cách ly: ${READY}` }).click();
    await page.getByTestId('released-note').waitFor();
    const [stay] = await t.sql(`SELECT status, release_outcome FROM stays WHERE id = $1`, [ready.id]);
    expect(stay).toEqual({ status: 'released', release_outcome: 'completed' });

    const [fromBoard] = await Promise.all([page.waitForEvent('download'), page.getByTestId('released-note').getByRole('link').click()]);
    const single = await pdfOf(fromBoard);
    expect(single.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(single.text).toContain(READY.toLocaleUpperCase('vi'));

    const [day] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Giấy xác nhận cấp trong ngày (PDF)' }).click()]);
    const all = await pdfOf(day);
    expect(all.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(all.text).toContain(READY.toLocaleUpperCase('vi'));

    await page.goto(`${base}/stays/${ready.id}`);
    const link = page.getByTestId('certificate-download');
    await link.waitFor();
    expect(await page.getByTestId('release-outcome').textContent()).toBe('Hoàn thành cách ly');
    const [fromStay] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const again = await pdfOf(fromStay);
    expect(again.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(again.text).toContain('GIẤY XÁC NHẬN');
    expect(again.text).toContain(READY.toLocaleUpperCase('vi'));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'stay-certificate');
    await page.context().close();
  });
});
