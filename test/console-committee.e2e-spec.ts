import { Browser } from 'playwright-core';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { consoleBaseUrl, ensureConsoleBuilt, expectFitsPhone, launchBrowser, newConsolePage, PHONE, screenshot, seriousA11yViolations, signIn } from './helpers/browser';
import { admit, newPerson, OVERRIDE, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const HEADERS = [
  'Họ và tên', 'Giới tính (Nam/Nữ)', 'Năm sinh', 'Số CCCD/CMND', 'Số điện thoại', 'Mã xã/phường nơi cư trú',
  'Địa chỉ', 'Phân loại (F0/F1/F2/F3/precaution)', 'Đã tiêm đủ vắc xin (Có/Không)', 'Ghi chú tiếp xúc',
];
const csv = (data: string[][]) => Buffer.from('\uFEFF' + data.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'), 'utf8');

/** 14:05 30/11/2026, as the console writes a time (Asia/Ho_Chi_Minh). */
function consoleTime(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/**
 * The screens committees and managers use between facilities, in a real browser: transfer requests,
 * intake lists, home monitoring, the capacity board's last change, and a sign-out that ends the token.
 */
describe('the web console between facilities', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let thamDon: { id: string; code: string };
  let quanSu: { id: string; code: string };
  let committee: { username: string; token: string };
  let managerA: { username: string; token: string };
  let managerB: { username: string; token: string };
  const PASSWORD = 'a-good-password';

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp();
    base = await consoleBaseUrl(t.app);
    thamDon = await createFacility(t, { adminUnitCode: '947', name: 'Khu cách ly Tham Đôn (minh họa)' });
    quanSu = await createFacility(t, { adminUnitCode: '947', name: 'Trường Quân sự (minh họa)' });
    await createRoom(t, thamDon.id, { code: 'A101', sexPolicy: 'mixed', beds: 4 });
    await createRoom(t, quanSu.id, { code: 'B201', sexPolicy: 'mixed', beds: 6 });
    committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    managerA = await userToken(t, 'camp_manager', { facilityId: thamDon.id });
    managerB = await userToken(t, 'camp_manager', { facilityId: quanSu.id });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a person from one facility to the other: requested by its manager on the stay page, accepted by the other manager', async () => {
    const stay = await admit(t, thamDon.id, { person: newPerson({ fullName: 'Lý Văn Phúc (minh họa)' }) });

    // The source's own manager asks, though the other facility lies outside what they otherwise see.
    const page = await newConsolePage(browser, PHONE);
    await signIn(page, base, managerA.username, PASSWORD);
    await page.goto(`${base}/stays/${stay.id}`);
    await page.getByLabel('Tìm khu tiếp nhận').fill('Quân sự');
    await page.getByRole('option', { name: /Trường Quân sự/ }).waitFor({ state: 'attached' });
    await page.getByLabel('Khu cách ly tiếp nhận').selectOption(quanSu.id);
    await page.getByLabel('Lý do chuyển').fill('Phòng cần cho nhóm mới vào (minh họa).');
    await page.getByRole('button', { name: 'Gửi đề nghị' }).dblclick();
    await page.getByText('Đã gửi đề nghị').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Đề nghị chuyển sang khu cách ly khác' }).scrollIntoViewIfNeeded();
    await expectFitsPhone(page);
    await screenshot(page, 'transfer-request-form-phone');
    await page.context().close();
    const requests = await t.sql(`SELECT id, status FROM transfer_requests WHERE stay_id = $1`, [stay.id]);
    expect(requests).toEqual([{ id: expect.any(String), status: 'pending' }]);

    const other = await newConsolePage(browser);
    await signIn(other, base, managerB.username, PASSWORD);
    await other.getByRole('link', { name: 'Yêu cầu chuyển' }).click();
    const card = other.getByTestId(`transfer-${requests[0].id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Lý Văn Phúc (minh họa)');
    expect(await seriousA11yViolations(other)).toEqual([]);
    await screenshot(other, 'transfer-requests');
    await other.setViewportSize(PHONE);
    await expectFitsPhone(other);
    await screenshot(other, 'transfer-requests-phone');
    await card.getByRole('button', { name: 'Đồng ý tiếp nhận' }).dblclick();
    await card.waitFor({ state: 'detached' });
    await other.context().close();

    const [moved] = await t.sql(
      `SELECT tr.status, r.facility_id FROM transfer_requests tr JOIN stays s ON s.id = tr.stay_id
         JOIN beds b ON b.id = s.bed_id JOIN rooms r ON r.id = b.room_id WHERE tr.id = $1`,
      [requests[0].id],
    );
    expect(moved).toEqual({ status: 'accepted', facility_id: quanSu.id });
  });

  it('imports an intake list from a CSV file, shows its check, and lets the manager admit a row on arrival', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.goto(`${base}/intake-lists?facility=${thamDon.id}`);
    await page.getByLabel('Tệp danh sách (.xlsx hoặc .csv)').setInputFiles({
      name: 'danh-sach-f1.csv',
      mimeType: 'text/csv',
      buffer: csv([
        HEADERS,
        ['Thạch Thị Sa Rươne (minh họa)', 'Nữ', '1992', '094192000011', '0912000011', '', 'Ấp Hòa Mỹ', 'F1', 'Không', 'Tiếp xúc ca F0'],
        ['Sơn Minh (minh họa)', 'X', '1850', '', '', '', '', 'F1', 'Không', ''],
      ]),
    });
    await page.getByLabel('Ghi chú').fill('Danh sách F1 từ huyện (minh họa)');
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    const result = page.getByTestId('intake-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('2 dòng: 1 hợp lệ, 1 không hợp lệ');
    expect(await result.getByRole('row').count()).toBeGreaterThan(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'intake-upload');
    await page.context().close();

    const manager = await newConsolePage(browser, PHONE);
    await signIn(manager, base, managerA.username, PASSWORD);
    await manager.goto(`${base}/intake-lists`);
    await manager.getByTestId('intake-lists').getByRole('link').first().click();
    const row = manager.getByTestId('intake-row-2');
    await row.waitFor();
    expect(await seriousA11yViolations(manager)).toEqual([]);
    await expectFitsPhone(manager);
    await screenshot(manager, 'intake-list-phone');
    await row.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await row.getByRole('link', { name: 'Xem đợt cách ly' }).waitFor();
    await manager.context().close();

    const admitted = await t.sql(
      `SELECT r.status, s.facility_id FROM intake_list_rows r JOIN stays s ON s.id = r.stay_id WHERE r.full_name = 'Thạch Thị Sa Rươne (minh họa)'`,
    );
    expect(admitted).toEqual([{ status: 'admitted', facility_id: thamDon.id }]);
  });

  it('shows a committee the people released to its area and records a home-monitoring check', async () => {
    const [commune] = await t.sql<{ code: string }>(`SELECT code FROM admin_units WHERE parent_code = '947' ORDER BY code LIMIT 1`);
    const stay = await admit(t, quanSu.id, {
      person: newPerson({ fullName: 'Kim Thị Hồng (minh họa)', sex: 'female', residenceAdminUnitCode: commune.code, address: 'Ấp Phước Hòa (minh họa)' }),
    });
    await release(t, stay.id, OVERRIDE).expect(200);

    const page = await newConsolePage(browser);
    await signIn(page, base, committee.username, PASSWORD);
    await page.getByRole('link', { name: 'Theo dõi tại nhà' }).click();
    const card = page.getByTestId(`home-${stay.id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Kim Thị Hồng (minh họa)');
    await card.getByLabel('Tình trạng').selectOption('ok');
    await card.getByLabel('Ghi chú').fill('Gọi điện, sức khỏe bình thường (minh họa).');
    await card.getByRole('button', { name: 'Ghi nhận' }).dblclick();
    await card.getByText('Đã ghi nhận.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'home-monitoring');
    await page.setViewportSize(PHONE);
    await expectFitsPhone(page);
    await screenshot(page, 'home-monitoring-phone');
    await page.context().close();
    expect(await t.sql(`SELECT status FROM home_monitoring_checks WHERE stay_id = $1`, [stay.id])).toEqual([{ status: 'ok' }]);
  });

  it('shows on the capacity board when each facility last changed, in local time', async () => {
    const api = (await t.http().get('/api/v1/capacity').set(bearer(committee.token)).expect(200)).body;
    const row = api.facilities.find((f: { facilityId: string }) => f.facilityId === thamDon.id);
    expect(row.lastChangedAt).toEqual(expect.any(String));

    const page = await newConsolePage(browser, PHONE);
    await signIn(page, base, committee.username, PASSWORD);
    await page.waitForURL(/\/capacity/);
    const shown = page.getByTestId(`facility-${thamDon.code}`).getByTestId('f-last-change');
    await shown.waitFor();
    expect(await shown.textContent()).toBe(`Thay đổi lần cuối: ${consoleTime(row.lastChangedAt)}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectFitsPhone(page);
    await shown.scrollIntoViewIfNeeded();
    await screenshot(page, 'capacity-board-phone');
    await page.context().close();
  });

  it('ends the session on sign-out: the old cookie no longer works, another session of the same user does', async () => {
    const page = await newConsolePage(browser);
    await signIn(page, base, managerA.username, PASSWORD);
    const cookies = await page.context().cookies();
    const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const elsewhere = await newConsolePage(browser);
    await signIn(elsewhere, base, managerA.username, PASSWORD);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    const copied = await t.http().get('/api/v1/auth/me').set('Cookie', header).expect(401);
    expect(copied.body.code).toBe('SESSION_INVALID');
    expect(await elsewhere.evaluate(`fetch('/api/v1/auth/me').then((r) => r.status)`)).toBe(200);
    await page.context().close();
    await elsewhere.context().close();
  });
});
