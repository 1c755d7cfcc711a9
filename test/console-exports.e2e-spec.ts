import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { Browser, Download, Locator, Page } from 'playwright-core';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { consoleBaseUrl, ensureConsoleBuilt, expectFitsPhone, launchBrowser, newConsolePage, PHONE, screenshot, seriousA11yViolations, signIn } from './helpers/browser';
import { admit, newPerson } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const STAYS_HEADERS = [
  'Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD/CMND', 'Số điện thoại', 'Nơi cư trú (mã xã)', 'Khu cách ly', 'Phòng', 'Giường',
  'Phân loại', 'Đã tiêm đủ vắc xin', 'Trạng thái', 'Ngày giờ vào', 'Dự kiến ra', 'Ngày giờ ra',
];

async function downloaded(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

/** The newest export card once it says "Xong" (the screen polls every 2 s while one runs). */
async function newestDone(page: Page): Promise<Locator> {
  const card = page.getByTestId('exports').getByRole('listitem').first();
  await card.getByText('Xong', { exact: true }).waitFor({ timeout: 30_000 });
  return card;
}

/** Exports in the console: asked for on the Exports page and from the daily report, followed, and downloaded. */
describe('the web console: exports', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let committee: { username: string; token: string };
  let manager: { username: string; token: string };
  const PASSWORD = 'a-good-password';

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp();
    base = await consoleBaseUrl(t.app);
    const thamDon = await createFacility(t, { adminUnitCode: '947', name: 'Khu cách ly Tham Đôn (minh họa)' });
    const elsewhere = await createFacility(t, { adminUnitCode: '941', name: 'Khu cách ly thành phố (minh họa)' });
    await createRoom(t, thamDon.id, { code: 'A101', sexPolicy: 'mixed', beds: 4 });
    await createRoom(t, elsewhere.id, { code: 'C301', sexPolicy: 'mixed', beds: 4 });
    await admit(t, thamDon.id, { person: newPerson({ fullName: 'Trần Thị Bình (minh họa)', sex: 'female', idNumber: '079190001111' }) });
    await admit(t, thamDon.id, { person: newPerson({ fullName: 'Lê Văn Cường (minh họa)', idNumber: '079188002222' }) });
    await admit(t, elsewhere.id, { person: newPerson({ fullName: 'Ngoài Địa Bàn (minh họa)', idNumber: '079177003333' }) });
    committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    manager = await userToken(t, 'camp_manager', { facilityId: thamDon.id });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a committee export the stays of its area as CSV and the daily report as XLSX, follow them and download both', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.getByRole('link', { name: 'Xuất dữ liệu' }).click();
    await page.getByText('Tệp được giữ 24 giờ').waitFor();
    await page.getByLabel('Loại dữ liệu').selectOption('stays');
    await page.getByLabel('CSV').check();
    // Only the filters stays take: no report days, no alert type.
    expect(await page.getByLabel('Tiếp nhận từ ngày').count()).toBe(1);
    expect(await page.getByLabel('Loại cảnh báo').count()).toBe(0);
    // Personal data is for admins only.
    expect(await page.getByLabel(/Kèm số CCCD/).count()).toBe(0);
    await page.getByRole('button', { name: 'Xuất tệp' }).click();
    const csvCard = await newestDone(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'exports');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvCard.getByRole('link', { name: /Tải về/ }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...rows] = parse(await downloaded(csvDownload), { bom: true }) as string[][];
    expect(header).toEqual(STAYS_HEADERS);
    const api = (await t.http().get('/api/v1/stays').query({ limit: 200 }).set(bearer(committee.token)).expect(200)).body;
    expect(rows.map((r) => r[0]).sort()).toEqual(api.items.map((s: { person: { fullName: string } }) => s.person.fullName).sort());
    expect(rows.map((r) => r[0])).not.toContain('Ngoài Địa Bàn (minh họa)');
    expect(await csvCard.getByTestId('export-rows').textContent()).toBe(String(rows.length));
    // National ids are masked for anyone but an admin who asks.
    expect(rows.map((r) => r[3]).join()).not.toMatch(/079190001111|079188002222/);

    // From the daily report: the shown day as XLSX, then followed on the Exports page.
    await page.getByRole('link', { name: 'Báo cáo ngày' }).click();
    await page.getByTestId('report-totals').waitFor();
    await page.getByLabel('Định dạng tệp').selectOption('xlsx');
    await page.getByRole('button', { name: /^Xuất báo cáo ngày/ }).click();
    await page.waitForURL(/\/exports\?requested=/);
    const xlsxCard = await newestDone(page);
    expect(await xlsxCard.getByRole('heading').textContent()).toBe('Báo cáo ngày · Excel (XLSX)');
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), xlsxCard.getByRole('link', { name: /Tải về/ }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await downloaded(xlsxDownload)).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.setViewportSize(PHONE);
    await expectFitsPhone(page);
    await page.getByRole('heading', { name: 'Các tệp bạn đã xuất' }).scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, -8)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'exports-phone');
    await page.context().close();
  });

  it('asks for the 14 days of the daily report as one export of a row per day', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.goto(`${base}/reports`);
    await page.getByTestId('report-totals').waitFor();
    await page.getByLabel('Định dạng tệp').selectOption('csv');
    await page.getByRole('button', { name: /^Xuất 14 ngày/ }).click();
    await page.waitForURL(/\/exports\?requested=/);
    const card = await newestDone(page);
    expect(await card.getByTestId('export-rows').textContent()).toBe('14');
    await page.context().close();
  });

  it("does not show a manager the committee's exports", async () => {
    const mine = (await t.http().get('/api/v1/exports').set(bearer(committee.token)).expect(200)).body.items;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const page = await newConsolePage(browser, PHONE);
    await signIn(page, base, manager.username, PASSWORD);
    await page.goto(`${base}/exports`);
    await page.getByText('Bạn chưa xuất tệp nào.').waitFor();
    // A manager has one facility: no area or facility to choose.
    expect(await page.getByLabel('Khu cách ly', { exact: true }).count()).toBe(0);
    await t.http().get(`/api/v1/exports/${mine[0].id}`).set(bearer(manager.token)).expect(404);
    await page.context().close();
  });
});
