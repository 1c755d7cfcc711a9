import { DataSource } from 'typeorm';
import { SAMPLE_ACCOUNTS, SampleSummary, seedSample } from '../src/database/seed-sample';
import { bearer } from './helpers/fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

describe('sample data for Sóc Trăng', () => {
  let t: TestApp;
  const counts = () =>
    t.sql(`SELECT (SELECT count(*)::int FROM facilities) AS facilities, (SELECT count(*)::int FROM rooms) AS rooms,
                  (SELECT count(*)::int FROM beds) AS beds, (SELECT count(*)::int FROM users) AS users,
                  (SELECT max(updated_at) FROM facilities) AS facilities_updated,
                  (SELECT max(updated_at) FROM users) AS users_updated`);
  const account = (role: string) => SAMPLE_ACCOUNTS.find((a) => a.role === role)!;
  let first: SampleSummary;

  beforeAll(async () => {
    t = await createTestApp();
    first = await seedSample(t.app.get(DataSource));
  });
  afterAll(() => t.close());

  it('loads the four provincial camps and one camp per district, and changes nothing when run again', async () => {
    expect(first).toMatchObject({ facilitiesCreated: 15, accountsCreated: 2 });
    expect(first.bedsCreated).toBeGreaterThan(first.roomsCreated);
    const [before] = await counts();

    const second = await seedSample(t.app.get(DataSource));
    expect(second).toEqual({ facilitiesCreated: 0, roomsCreated: 0, bedsCreated: 0, accountsCreated: 0 });
    expect((await counts())[0]).toEqual(before);
  });

  it('places the camps the source names in their units, with the Border Guard as the Tham Đôn operator', async () => {
    const camps = await t.sql(
      `SELECT code, name, admin_unit_code, operator, status FROM facilities WHERE kind = 'provincial_camp' ORDER BY code`,
    );
    expect(camps).toEqual([
      expect.objectContaining({ name: 'Đại đội huấn luyện (cũ)', admin_unit_code: '947', operator: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sóc Trăng' }),
      expect.objectContaining({ name: 'Trung đoàn bộ binh 897', admin_unit_code: '94' }),
      expect.objectContaining({ name: 'Trung tâm chuyển giao Khoa học công nghệ', admin_unit_code: '950' }),
      expect.objectContaining({ name: 'Trường Quân sự địa phương', admin_unit_code: '94' }),
    ]);
    expect(camps.every((c) => c.status === 'active' && c.code.startsWith('ST-'))).toBe(true);

    const districts = await t.sql(`SELECT admin_unit_code FROM facilities WHERE kind = 'district_camp' ORDER BY 1`);
    expect(districts.map((d) => d.admin_unit_code)).toEqual(['941', '942', '943', '944', '945', '946', '947', '948', '949', '950', '951']);
    const unlabelled = await t.sql(`SELECT code FROM facilities WHERE notes NOT ILIKE 'sample data%'`);
    expect(unlabelled).toEqual([]);
  });

  it('gives every sample room its beds', async () => {
    const empty = await t.sql(`SELECT r.code FROM rooms r WHERE NOT EXISTS (SELECT 1 FROM beds b WHERE b.room_id = r.id)`);
    expect(empty).toEqual([]);
  });

  it('keeps a camp that was closed closed, and adds back only what is missing', async () => {
    const [camp] = await t.sql(`SELECT id FROM facilities WHERE code = 'ST-951'`);
    await t.sql(`UPDATE facilities SET status = 'closed' WHERE id = $1`, [camp.id]);
    await t.sql(`DELETE FROM rooms WHERE facility_id = $1 AND code = 'A-101'`, [camp.id]);

    const again = await seedSample(t.app.get(DataSource));
    expect(again).toMatchObject({ facilitiesCreated: 0, roomsCreated: 1, accountsCreated: 0 });
    const [after] = await t.sql(`SELECT status FROM facilities WHERE id = $1`, [camp.id]);
    expect(after.status).toBe('closed');
  });

  it('lets the Mỹ Xuyên committee sign in with the documented password and see its district', async () => {
    const committee = account('district_committee');
    const token = await t.login(committee.username, committee.password);
    const res = await t.http().get('/api/v1/capacity').set(bearer(token)).expect(200);
    expect(res.body.adminUnitCode).toBe('947');
    expect(res.body.facilities.map((f: { code: string }) => f.code).sort()).toEqual(['ST-947', 'ST-DDHL-THAMDON']);
    expect(res.body.totals.totalBeds).toBeGreaterThan(0);
  });

  it('lets the Tham Đôn camp manager sign in and see only that camp', async () => {
    const manager = account('camp_manager');
    const token = await t.login(manager.username, manager.password);
    const res = await t.http().get('/api/v1/facilities').set(bearer(token)).expect(200);
    expect(res.body.items.map((f: { code: string }) => f.code)).toEqual(['ST-DDHL-THAMDON']);
  });
});
