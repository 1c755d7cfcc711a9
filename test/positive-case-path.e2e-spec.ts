import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, newPerson, occupancyInvariants, release } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * A positive result in a camp: the alert at once, the move to a treatment facility, the release to
 * treatment; and a lab result that arrives after the person went home.
 * Facilities are in Mỹ Xuyên (947); the people live in Vĩnh Châu (950).
 */
describe('the positive-case path', () => {
  let t: TestApp;
  let committee947: string;
  let committee950: string;
  let committee941: string;

  beforeAll(async () => {
    t = await createTestApp();
    committee947 = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    committee950 = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
    committee941 = (await userToken(t, 'district_committee', { adminUnitCode: '941' })).token;
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const inv = await occupancyInvariants(t);
    expect(inv).toMatchObject({ beds_with_two_open_stays: 0, people_with_two_open_stays: 0, inconsistent_beds: 0 });
    expect(inv.occupied_beds).toBe(inv.open_stays);
  });

  const recordTest = (stayId: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.http().post(`/api/v1/stays/${stayId}/tests`).set(bearer(token)).send(body);
  const recordResult = (sampleId: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.http().patch(`/api/v1/tests/${sampleId}`).set(bearer(token)).send(body);
  const alertsOf = async (token: string, query = '') =>
    (await t.http().get(`/api/v1/alerts?limit=200${query}`).set(bearer(token)).expect(200)).body.items as {
      type: string;
      stayId: string;
      status: string;
      residenceAdminUnitCode: string | null;
    }[];
  const transfer = (stayId: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.http().post(`/api/v1/stays/${stayId}/transfer`).set(bearer(token)).send(body);

  /** A camp with a manager, and a person admitted `daysAgo` days ago who lives in Vĩnh Châu. */
  const camp = async (daysAgo = 3) => {
    const f = await createFacility(t, { adminUnitCode: '947' });
    await createRoom(t, f.id, { beds: 2 });
    const manager = (await userToken(t, 'camp_manager', { facilityId: f.id })).token;
    const stay = await admit(t, f.id, {
      admittedAt: ago(daysAgo * DAY),
      person: newPerson({ residenceAdminUnitCode: '950', fullName: 'Lâm Thị Hồng Nhung' }),
    });
    return { f, manager, stay };
  };

  it('raises positive_result at once, seen by the camp and the committees of its area only', async () => {
    const { manager, stay } = await camp();
    const sample = await recordTest(stay.id, { kind: 'rapid_antigen', result: 'positive' }, manager).expect(201);
    expect(sample.body.result).toBe('positive');

    const mine = (await alertsOf(manager)).filter((a) => a.stayId === stay.id);
    expect(mine).toEqual([expect.objectContaining({ type: 'positive_result', status: 'open' })]);
    expect((await alertsOf(committee947)).some((a) => a.stayId === stay.id && a.type === 'positive_result')).toBe(true);
    expect((await alertsOf(committee941)).some((a) => a.stayId === stay.id)).toBe(false);
    const detail = await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(manager)).expect(200);
    expect(detail.body).toMatchObject({ status: 'positive', classification: 'F0', positiveAfterRelease: false });
  });

  it('moves a confirmed case only into a treatment facility (422 otherwise)', async () => {
    const { stay } = await camp();
    await recordTest(stay.id, { kind: 'rapid_antigen', result: 'positive' }).expect(201);
    const otherCamp = await createFacility(t, { kind: 'district_camp' });
    await createRoom(t, otherCamp.id, { beds: 1 });
    const refused = await transfer(stay.id, { toFacilityId: otherCamp.id }).expect(422);
    expect(refused.body.code).toBe('F0_NEEDS_TREATMENT_FACILITY');

    const hospital = await createFacility(t, { kind: 'treatment_facility', name: 'Cơ sở thu dung, điều trị COVID-19 số 1' });
    await createRoom(t, hospital.id, { beds: 2 });
    const moved = await transfer(stay.id, { toFacilityId: hospital.id }).expect(200);
    expect(moved.body).toMatchObject({ facilityId: hospital.id, status: 'positive' });
  });

  it('releases a confirmed case to treatment with a destination, whatever the tests, and answers the alert', async () => {
    const { f, manager, stay } = await camp(2);
    await recordTest(stay.id, { kind: 'rt_pcr', scheduledDay: 1, result: 'positive', sampledAt: ago(DAY) }, manager).expect(201);

    const noDestination = await release(t, stay.id, { outcome: 'transferred_to_treatment' }, manager).expect(400);
    expect(noDestination.body.code).toBe('RELEASE_DESTINATION_REQUIRED');
    const res = await release(
      t,
      stay.id,
      { outcome: 'transferred_to_treatment', destination: 'Bệnh viện Đa khoa tỉnh Sóc Trăng' },
      manager,
    ).expect(200);
    expect(res.body).toMatchObject({
      status: 'released',
      releaseOutcome: 'transferred_to_treatment',
      releaseDestination: 'Bệnh viện Đa khoa tỉnh Sóc Trăng',
      homeMonitoringUntil: null,
    });
    const alert = (await alertsOf(manager, `&facilityId=${f.id}`)).find((a) => a.type === 'positive_result');
    expect(alert?.status).toBe('resolved');
    const [bed] = await t.sql(`SELECT status FROM beds WHERE id = $1`, [stay.bedId]);
    expect(bed.status).toBe('available');
    const certificate = await t.sql(`SELECT 1 FROM release_certificates WHERE stay_id = $1`, [stay.id]);
    expect(certificate).toHaveLength(0);
  });

  it('transfers nobody but an F0 to treatment, completes only when the rules are met, and wants a reason for "other"', async () => {
    const { manager, stay } = await camp();
    const notF0 = await release(t, stay.id, { outcome: 'transferred_to_treatment', destination: 'Bệnh viện' }, manager).expect(422);
    expect(notF0.body.code).toBe('NOT_A_CONFIRMED_CASE');
    const early = await release(t, stay.id, { outcome: 'completed' }, manager).expect(422);
    expect(early.body.code).toBe('RELEASE_NOT_DUE');
    const noReason = await release(t, stay.id, { outcome: 'other' }, manager).expect(400);
    expect(noReason.body.code).toBe('RELEASE_REASON_REQUIRED');
    await release(t, stay.id, { outcome: 'bogus' }, manager).expect(400);
    await release(t, stay.id, { outcome: 'completed', destination: 'Bệnh viện' }, manager).expect(400);
    const other = await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order no. 12' }, manager);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ releaseOutcome: 'other', releaseOverrideReason: 'Released on the committee’s written order no. 12' });
  });

  describe('a late result', () => {
    it('takes a positive result after release: the release stands, the stay is marked and the residence committee alerted', async () => {
      const { manager, stay } = await camp(4);
      const sample = await recordTest(stay.id, { kind: 'rt_pcr', sampledAt: ago(2 * HOUR) }, manager).expect(201);
      await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order no. 13' }, manager).expect(200);

      await recordResult(sample.body.id, { result: 'positive', lab: 'CDC Sóc Trăng' }, manager).expect(200);
      const detail = await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(manager)).expect(200);
      expect(detail.body).toMatchObject({ status: 'released', releaseOutcome: 'other', positiveAfterRelease: true });
      expect(detail.body.positiveAfterReleaseAt).not.toBeNull();
      expect(detail.body.history.map((e: { action: string }) => e.action)).toContain('stay.positive_after_release');
      const [bed] = await t.sql(`SELECT status FROM beds WHERE id = $1`, [stay.bedId]);
      expect(bed.status).toBe('available');

      // The camp, the committee of the camp's area, and the committee where the person lives see it.
      for (const token of [manager, committee947, committee950]) {
        const seen = (await alertsOf(token)).filter((a) => a.stayId === stay.id && a.type === 'positive_after_release');
        expect(seen).toEqual([expect.objectContaining({ residenceAdminUnitCode: '950', status: 'open' })]);
      }
      expect((await alertsOf(committee941)).some((a) => a.stayId === stay.id)).toBe(false);
      // Filtering by the residence area finds it too; the residence committee may acknowledge it.
      const byArea = await alertsOf(committee950, '&adminUnitCode=950&type=positive_after_release');
      const alert = byArea.find((a) => a.stayId === stay.id) as { id?: string } | undefined;
      expect(alert).toBeDefined();
      await t.http().post(`/api/v1/alerts/${alert!.id}/acknowledge`).set(bearer(committee950)).expect(200);
      await t.http().post(`/api/v1/alerts/${alert!.id}/acknowledge`).set(bearer(committee941)).expect(404);
    });

    it('takes a negative result after release without a mark, and still refuses new samples (409)', async () => {
      const { manager, stay } = await camp(4);
      const sample = await recordTest(stay.id, { kind: 'rt_pcr', sampledAt: ago(HOUR) }, manager).expect(201);
      await release(t, stay.id, { outcome: 'other', reason: 'Released on the committee’s written order no. 14' }, manager).expect(200);
      await recordResult(sample.body.id, { result: 'negative' }, manager).expect(200);
      const detail = await t.http().get(`/api/v1/stays/${stay.id}`).set(bearer(manager)).expect(200);
      expect(detail.body.positiveAfterRelease).toBe(false);
      const more = await recordTest(stay.id, { kind: 'rt_pcr' }, manager).expect(409);
      expect(more.body.message).toMatch(/released/);
    });
  });
});
