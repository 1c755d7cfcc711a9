import { Browser } from 'playwright-core';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { consoleBaseUrl, ensureConsoleBuilt, LAPTOP, launchBrowser, newConsolePage, PHONE, screenshot, seriousA11yViolations, signIn } from './helpers/browser';
import { admit } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * The web console in a real browser (Debian's Chromium through playwright-core), against the built
 * console served by the app with a fresh database. Each test leaves a screenshot in docs/screenshots.
 */
describe('the web console', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let facility: { id: string; code: string };
  let committee: { username: string; token: string };
  let manager: { username: string; token: string };
  const PASSWORD = 'a-good-password';

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp();
    base = await consoleBaseUrl(t.app);
    facility = await createFacility(t, { adminUnitCode: '947', name: 'Khu cách ly Tham Đôn (minh họa)' });
    const other = await createFacility(t, { adminUnitCode: '947', name: 'Trường Quân sự (minh họa)' });
    await createRoom(t, facility.id, { code: 'A101', sexPolicy: 'male', beds: 4 });
    await createRoom(t, facility.id, { code: 'A102', sexPolicy: 'female', beds: 4 });
    await createRoom(t, other.id, { code: 'B201', sexPolicy: 'mixed', beds: 6 });
    await admit(t, other.id, { person: { fullName: 'Trần Thị Bình (minh họa)', sex: 'female', birthYear: 1990, vaccinationDoses: 2 } });
    committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    manager = await userToken(t, 'camp_manager', { facilityId: facility.id });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is served at / and at its page paths, leaving the API, docs and health alone', async () => {
    for (const path of ['/', '/capacity', '/stays/abc']) {
      const res = await t.http().get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root"></div>');
    }
    const api = await t.http().get('/api/v1/nothing-here').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('ROUTE_NOT_FOUND');
    expect((await t.http().get('/docs-json')).body.openapi).toMatch(/^3/);
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('shows a committee the same capacity numbers the API returns', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.waitForURL(/\/capacity/);
    const api = (await t.http().get('/api/v1/capacity').set(bearer(committee.token)).expect(200)).body;
    const number = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
    await page.getByTestId('totals-total').waitFor();
    expect(await page.getByTestId('totals-total').textContent()).toBe(number(api.totals.totalBeds));
    expect(await page.getByTestId('totals-occupied').textContent()).toBe(number(api.totals.occupied));
    expect(await page.getByTestId('totals-available').textContent()).toBe(number(api.totals.available));
    for (const row of api.facilities) {
      const card = page.getByTestId(`facility-${row.code}`);
      expect(await card.getByTestId('f-available').textContent()).toBe(number(row.available));
      expect(await card.getByTestId('f-occupied').textContent()).toBe(number(row.occupied));
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'capacity-board');
    await page.context().close();
  });

  it('shows a committee the daily report of its area with the day before and a 14-day chart', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.getByRole('link', { name: 'Báo cáo ngày' }).click();
    const table = page.getByTestId('report-totals');
    await table.waitFor();
    const api = (await t.http().get('/api/v1/reports/daily').set(bearer(committee.token)).expect(200)).body;
    const row = table.getByRole('row', { name: /^Đang cách ly/ });
    expect(await row.getByRole('cell').first().textContent()).toBe(new Intl.NumberFormat('vi-VN').format(api.totals.inQuarantine));
    await page.getByRole('img', { name: /Biểu đồ 14 ngày/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'daily-report');
    await page.context().close();
  });

  it('lets a camp manager admit a person through the form, once despite a double click, and find them on the room map', async () => {
    const page = await newConsolePage(browser, PHONE);
    await signIn(page, base, manager.username, PASSWORD);
    await page.getByRole('link', { name: 'Tiếp nhận' }).first().click();
    await page.getByLabel('Người mới').check();
    await page.getByLabel('Họ và tên').fill('Lê Văn Cường (minh họa)');
    await page.getByLabel('Giới tính').selectOption('male');
    await page.getByLabel('Năm sinh').fill('1988');
    await page.getByLabel('Số CCCD/CMND/hộ chiếu').fill('079188001234');
    await page.getByLabel('Phân loại').selectOption('F1');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admit-form-phone');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).dblclick();
    await page.getByTestId('admitted').waitFor();
    const placed = await page.getByTestId('admitted-bed').textContent();
    await screenshot(page, 'admitted-phone');

    const stays = await t.sql(
      `SELECT s.id, r.code AS room, b.code AS bed FROM stays s JOIN people p ON p.id = s.person_id
         JOIN beds b ON b.id = s.bed_id JOIN rooms r ON r.id = b.room_id WHERE p.id_number = '079188001234'`,
    );
    expect(stays).toHaveLength(1);
    expect(placed).toBe(`Phòng ${stays[0].room}, giường ${stays[0].bed}`);

    await page.getByRole('link', { name: 'Xem sơ đồ phòng' }).click();
    const bed = page.getByRole('link', { name: /Lê Văn Cường/ });
    await bed.waitFor();
    expect(await bed.count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'room-map');
    await bed.click();
    await page.waitForURL(new RegExp(`/stays/${stays[0].id}`));
    await page.context().close();
  });

  it('releases a person early with a written reason (override)', async () => {
    const stay = await admit(t, facility.id, { person: { fullName: 'Phạm Thị Dung (minh họa)', sex: 'female', birthYear: 1975, vaccinationDoses: 0 } });
    const page = await newConsolePage(browser);
    await signIn(page, base, manager.username, PASSWORD);
    await page.goto(`${base}/stays/${stay.id}`);
    await page.getByTestId('release-missing').waitFor();
    await page.getByLabel('Cho ra khi chưa đủ điều kiện (ghi rõ lý do)').check();
    await page.getByLabel('Lý do', { exact: true }).fill('Ban Chỉ đạo huyện cho về cách ly tại nhà (minh họa).');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'stay-release-override');
    await page.getByRole('button', { name: 'Cho ra với lý do đã ghi' }).click();
    await page.getByTestId('released-at').waitFor();
    const [row] = await t.sql(`SELECT status, release_override_reason FROM stays WHERE id = $1`, [stay.id]);
    expect(row).toEqual({ status: 'released', release_override_reason: 'Ban Chỉ đạo huyện cho về cách ly tại nhà (minh họa).' });
    await page.context().close();
  });

  it('signs out, and refuses a change made with the cookie but without the CSRF token', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, manager.username, PASSWORD);
    // Runs in the page (a string: the server's TypeScript knows nothing of the DOM).
    const attempt = (withToken: boolean): Promise<{ status: number; code?: string }> =>
      page.evaluate(`(async () => {
        const csrf = document.cookie.split('; ').find((c) => c.startsWith('cachly_csrf='))?.split('=')[1] ?? '';
        const res = await fetch('/api/v1/people', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(${withToken} ? { 'X-CSRF-Token': csrf } : {}) },
          body: JSON.stringify({ fullName: 'Võ Văn Em (minh họa)', sex: 'male' }),
        });
        return { status: res.status, code: (await res.json()).code };
      })()`);
    expect(await attempt(false)).toEqual({ status: 403, code: 'CSRF_FAILED' });
    expect((await attempt(true)).status).toBe(201);
    // The session cookie is out of reach of the page's scripts.
    expect(await page.evaluate('document.cookie')).not.toContain('cachly_session');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    const me = await page.evaluate(`fetch('/api/v1/auth/me').then((r) => r.status)`);
    expect(me).toBe(401);
    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in-english');
    await page.context().close();
  });
});
