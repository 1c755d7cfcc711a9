import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app';

/** Builders that make test set-up read in one line each. All go through the public API. */

const unique = () => randomBytes(4).toString('hex');

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function createFacility(
  t: TestApp,
  fields: Partial<{ code: string; name: string; kind: string; adminUnitCode: string; status: string }> = {},
): Promise<{ id: string; code: string; adminUnitCode: string }> {
  const res = await t
    .http()
    .post('/api/v1/facilities')
    .set(bearer(t.adminToken))
    .send({
      code: `F-${unique()}`,
      name: 'Test facility',
      kind: 'district_camp',
      adminUnitCode: '947',
      status: 'active',
      ...fields,
    });
  if (res.status !== 201) throw new Error(`createFacility: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createRoom(
  t: TestApp,
  facilityId: string,
  fields: Partial<{ code: string; sexPolicy: string; beds: number }> = {},
): Promise<{ id: string; code: string; beds: { id: string; code: string; status: string }[] }> {
  const res = await t
    .http()
    .post(`/api/v1/facilities/${facilityId}/rooms`)
    .set(bearer(t.adminToken))
    .send({ code: `R-${unique()}`, sexPolicy: 'male', beds: 4, ...fields });
  if (res.status !== 201) throw new Error(`createRoom: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates a user of the given role and scope and returns a token for them. */
export async function userToken(
  t: TestApp,
  role: 'admin' | 'district_committee' | 'camp_manager',
  scope: { adminUnitCode?: string; facilityId?: string } = {},
): Promise<{ id: string; token: string; username: string }> {
  const username = `${role.split('_')[0]}-${unique()}`;
  const password = 'a-good-password';
  const res = await t
    .http()
    .post('/api/v1/users')
    .set(bearer(t.adminToken))
    .send({ username, fullName: `Test ${role}`, password, role, ...scope });
  if (res.status !== 201) throw new Error(`userToken: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, token: await t.login(username, password) };
}
