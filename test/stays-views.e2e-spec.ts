import { randomUUID } from 'node:crypto';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, admitRequest, newPerson } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * An admission answers with a view built from the rows it has just written, not read back: it must be
 * exactly what reading the stay afterwards shows, field for field.
 */
describe('the answer to an admission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const reread = async (stayId: string, token: string) => {
    const res = await t.http().get(`/api/v1/stays/${stayId}`).set(bearer(token)).expect(200);
    const { history, ...stay } = res.body;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['stay.admitted']);
    return stay;
  };

  it('is the stay as a later read shows it, for a new person with every field given', async () => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { sexPolicy: 'female', beds: 2 });
    const manager = await userToken(t, 'camp_manager', { facilityId: f.id });
    const res = await admitRequest(
      t,
      manager.token,
      {
        facilityId: f.id,
        classification: 'F2',
        admittedAt: '2021-08-01T23:30:00+07:00',
        person: newPerson({
          fullName: 'Lê Thị Hồng',
          sex: 'female',
          birthYear: undefined,
          dateOfBirth: '1990-02-28',
          residenceAdminUnitCode: '947',
          address: '12 Trần Hưng Đạo, Mỹ Xuyên',
          vaccinationDoses: 1,
          notes: 'Đi cùng con nhỏ',
        }),
      },
      randomUUID(),
    ).expect(201);
    expect(res.body.cohortDate).toBe('2021-08-01');
    expect(res.body.scheduledTests[0]).toHaveProperty('state');
    expect(await reread(res.body.id, manager.token)).toEqual(res.body);
    expect(await reread(res.body.id, t.adminToken)).toEqual(res.body);
  });

  it('is the stay as a later read shows it, for a registered person with an exposure source', async () => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { sexPolicy: 'mixed', beds: 3 });
    const source = await admit(t, f.id);
    const person = await t
      .http()
      .post('/api/v1/people')
      .set(bearer(t.adminToken))
      .send(newPerson({ phone: '0909 123 456' }))
      .expect(201);
    const res = await admitRequest(
      t,
      t.adminToken,
      {
        facilityId: f.id.toUpperCase(),
        personId: person.body.id.toUpperCase(),
        classification: 'F2',
        exposureSourceStayId: source.id.toUpperCase(),
        vaccinated: true,
      },
      randomUUID(),
    ).expect(201);
    expect(res.body.exposureSourceStayId).toBe(source.id);
    expect(res.body.facilityId).toBe(f.id);
    expect(await reread(res.body.id, t.adminToken)).toEqual(res.body);
  });

  it('shows the admitting camp manager the ID number and phone in full', async () => {
    const f = await createFacility(t);
    await createRoom(t, f.id, { beds: 1 });
    const manager = await userToken(t, 'camp_manager', { facilityId: f.id });
    const person = newPerson();
    const res = await admitRequest(t, manager.token, { facilityId: f.id, classification: 'F1', person }, randomUUID()).expect(201);
    expect(res.body.person).toMatchObject({ idNumber: person.idNumber, phone: person.phone });
  });
});
