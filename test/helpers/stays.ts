import { randomBytes, randomUUID } from 'node:crypto';
import { bearer } from './fixtures';
import { TestApp } from './test-app';

/** Builders for people and stays, through the public API like a camp manager would. */

export function newPerson(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fullName: `Nguyễn Văn ${randomBytes(3).toString('hex')}`,
    sex: 'male',
    birthYear: 1985,
    idNumber: `0791${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`,
    phone: '0912345678',
    vaccinationDoses: 0,
    ...fields,
  };
}

export function admitRequest(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
  idempotencyKey?: string,
) {
  const req = t.http().post('/api/v1/stays').set(bearer(token));
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body);
}

/** Admits a new person (or the one given) and returns the stay; fails the test on anything but 201. */
export async function admit(
  t: TestApp,
  facilityId: string,
  fields: Record<string, unknown> = {},
  token: string = t.adminToken,
): Promise<any> {
  const body = { facilityId, classification: 'F1', ...(fields.personId ? {} : { person: newPerson() }), ...fields };
  const res = await admitRequest(t, token, body, randomUUID());
  if (res.status !== 201) throw new Error(`admit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function release(t: TestApp, stayId: string, body: Record<string, unknown> = {}, token = t.adminToken) {
  return t.http().post(`/api/v1/stays/${stayId}/release`).set(bearer(token)).send(body);
}

export const OVERRIDE = { override: { reason: 'Released early on the steering committee’s written order.' } };

/** The invariants that must hold whatever happened: checked in SQL. */
export async function occupancyInvariants(t: TestApp) {
  const [row] = await t.sql(`
    SELECT
      (SELECT count(*)::int FROM (SELECT bed_id FROM stays WHERE status IN ('admitted','positive')
                                   GROUP BY bed_id HAVING count(*) > 1) x) AS beds_with_two_open_stays,
      (SELECT count(*)::int FROM (SELECT person_id FROM stays WHERE status IN ('admitted','positive')
                                   GROUP BY person_id HAVING count(*) > 1) x) AS people_with_two_open_stays,
      (SELECT count(*)::int FROM beds WHERE status = 'occupied') AS occupied_beds,
      (SELECT count(*)::int FROM stays WHERE status IN ('admitted','positive')) AS open_stays,
      (SELECT count(*)::int FROM beds b WHERE (b.status = 'occupied') <>
         EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.status IN ('admitted','positive'))) AS inconsistent_beds`);
  return row as {
    beds_with_two_open_stays: number;
    people_with_two_open_stays: number;
    occupied_beds: number;
    open_stays: number;
    inconsistent_beds: number;
  };
}
