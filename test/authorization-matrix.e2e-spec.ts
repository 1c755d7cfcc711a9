import { randomBytes } from 'node:crypto';
import { exportAndWait } from './helpers/exports';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit, newPerson, OVERRIDE, release } from './helpers/stays';
import { ADMIN, createTestApp, TestApp } from './helpers/test-app';

/**
 * Every endpoint called as every role, in and out of scope, with the status each must get.
 * The world: facility F in Mỹ Xuyên (947) with rooms; facility G in Thành phố Sóc Trăng (941);
 * facility H, also in Mỹ Xuyên. Someone is held in F, someone else in G.
 *   committee      district committee of 947 (F and H are in its area, G is not)
 *   otherCommittee district committee of 950 (none of them is)
 *   manager        camp manager of F
 *   otherManager   camp manager of G
 * A new endpoint is one more row; a new controller also goes into COVERED_CONTROLLERS, so that a
 * route without a row fails the coverage check at the bottom. A row that changes what it touches
 * (a release, a transfer) makes fresh objects for every call with `fresh`.
 */

const ACTORS = ['admin', 'committee', 'otherCommittee', 'manager', 'otherManager', 'anonymous'] as const;
type ActorName = (typeof ACTORS)[number];

interface World {
  facility: { id: string };
  other: { id: string };
  sibling: { id: string };
  bedId: string;
  userId: string;
  /** A finished export of the admin's. */
  exportId: string;
  /** An open stay in F, and its person. */
  stayId: string;
  personId: string;
  /** An open stay in G, and its person with their id number. */
  otherStayId: string;
  otherPersonId: string;
  otherIdNumber: string;
  /** Stays in F, one per call of a row that asks for a transfer (one pending request per stay). */
  askable: string[];
  /** Pending requests from G to F made by the admin, one per call of a row that decides one. */
  pendingFromOther: string[];
  /** A request from G to F, left pending. */
  requestId: string;
  /** A stay of F released as completed, with its certificate. */
  certifiedStayId: string;
  certificateToken: string;
}

/** Objects made for one call of a row. */
interface Fresh {
  stayId?: string;
  personId?: string;
  idNumber?: string;
  /** A token of the actor's own for this call only (a sign-out ends the token it is sent with). */
  token?: string | null;
}

interface Row {
  /** As in the OpenAPI document, plus a note when the same route is called in another way. */
  route: string;
  fresh?: (t: TestApp, w: World, actor: ActorName) => Promise<Fresh>;
  path: (w: World & Fresh) => string;
  body?: (w: World & Fresh) => object;
  /** Expected status for: admin, committee, otherCommittee, manager, otherManager, anonymous */
  expect: [number, number, number, number, number, number];
}

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const unique = () => randomBytes(4).toString('hex');
let unitCounter = 0;

/** Someone admitted to a facility just now (by an admin). */
async function heldIn(t: TestApp, facilityId: string): Promise<Fresh> {
  const person = newPerson();
  const stay = await admit(t, facilityId, { person });
  return { stayId: stay.id, personId: stay.person.id, idNumber: person.idNumber as string };
}

/** Someone residing in Mỹ Xuyên (947), released from a facility into home monitoring. */
async function releasedHomeTo947(t: TestApp, facilityId: string): Promise<Fresh> {
  const stay = await admit(t, facilityId, { person: newPerson({ residenceAdminUnitCode: '947' }) });
  await release(t, stay.id, OVERRIDE).expect(200);
  return { stayId: stay.id, personId: stay.person.id };
}

/** Someone who was held in a facility and has been released. */
async function releasedFrom(t: TestApp, facilityId: string): Promise<Fresh> {
  const held = await heldIn(t, facilityId);
  await release(t, held.stayId!, OVERRIDE).expect(200);
  return held;
}

const ADMIT_F1 = { classification: 'F1' };

/** The actors' credentials, to sign in afresh where a row needs a token of its own. */
const logins: Partial<Record<ActorName, { username: string; password: string }>> = {};

// prettier-ignore
const MATRIX: Row[] = [
  //                                                                                              admin comm  other mgr   other none
  { route: 'GET /health',                          path: () => '/health',                         expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /health/live',                     path: () => '/health/live',                    expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /health/ready',                    path: () => '/health/ready',                   expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/auth/login',              path: () => '/api/v1/auth/login', body: () => ADMIN, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/auth/session',            path: () => '/api/v1/auth/session', body: () => ADMIN, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'DELETE /api/v1/auth/session',          path: () => '/api/v1/auth/session',            expect: [204, 204, 204, 204, 204, 204],
    fresh: async (t, _w, actor) => ({ token: logins[actor] ? await t.login(logins[actor]!.username, logins[actor]!.password) : null }) },
  { route: 'GET /api/v1/auth/me',                  path: () => '/api/v1/auth/me',                 expect: [200, 200, 200, 200, 200, 401] },

  { route: 'POST /api/v1/users',                   path: () => '/api/v1/users',
    body: () => ({ username: `u-${unique()}`, fullName: 'Matrix user', password: 'long-enough-pw', role: 'district_committee', adminUnitCode: '947' }),
                                                                                                  expect: [201, 403, 403, 403, 403, 401] },
  { route: 'GET /api/v1/users',                    path: () => '/api/v1/users',                   expect: [200, 403, 403, 403, 403, 401] },
  { route: 'GET /api/v1/users/{id}',               path: (w) => `/api/v1/users/${w.userId}`,      expect: [200, 403, 403, 403, 403, 401] },
  { route: 'PATCH /api/v1/users/{id}',             path: (w) => `/api/v1/users/${w.userId}`,
    body: () => ({ fullName: 'Renamed by the matrix' }),                                          expect: [200, 403, 403, 403, 403, 401] },

  { route: 'GET /api/v1/admin-units',              path: () => '/api/v1/admin-units?parentCode=94', expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/admin-units/{code}',       path: () => '/api/v1/admin-units/947',         expect: [200, 200, 200, 200, 200, 401] },
  { route: 'POST /api/v1/admin-units',             path: () => '/api/v1/admin-units',
    body: () => ({ code: String(99000 + ++unitCounter), name: 'Xã ma trận', level: 'commune', parentCode: '947' }),
                                                                                                  expect: [201, 403, 403, 403, 403, 401] },

  { route: 'POST /api/v1/facilities',              path: () => '/api/v1/facilities',
    body: () => ({ code: `M-${unique()}`, name: 'Matrix camp', kind: 'other', adminUnitCode: '947' }),
                                                                                                  expect: [201, 403, 403, 403, 403, 401] },
  { route: 'GET /api/v1/facilities',               path: () => '/api/v1/facilities',              expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/facilities (filtered by F’s unit)', path: () => '/api/v1/facilities?adminUnitCode=947',
                                                                                                  expect: [200, 200, 403, 200, 403, 401] },
  { route: 'GET /api/v1/facilities/{id}',          path: (w) => `/api/v1/facilities/${w.facility.id}`, expect: [200, 200, 404, 200, 404, 401] },
  { route: 'PATCH /api/v1/facilities/{id}',        path: (w) => `/api/v1/facilities/${w.facility.id}`,
    body: () => ({ notes: 'Checked by the matrix' }),                                             expect: [200, 403, 403, 403, 403, 401] },
  { route: 'GET /api/v1/facilities/{id}/capacity', path: (w) => `/api/v1/facilities/${w.facility.id}/capacity`,
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/capacity',                 path: () => '/api/v1/capacity',                expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/capacity (for F’s unit)',  path: () => '/api/v1/capacity?adminUnitCode=947', expect: [200, 200, 403, 200, 403, 401] },

  { route: 'GET /api/v1/reports/daily',            path: () => '/api/v1/reports/daily?date=2021-08-01', expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/reports/daily (for F’s unit)', path: () => '/api/v1/reports/daily?adminUnitCode=947&date=2021-08-01',
                                                                                                  expect: [200, 200, 403, 200, 403, 401] },
  { route: 'GET /api/v1/reports/daily/series',     path: () => '/api/v1/reports/daily/series?from=2021-08-01&to=2021-08-07',
                                                                                                  expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/reports/daily/series (for F’s unit)', path: () => '/api/v1/reports/daily/series?adminUnitCode=947&from=2021-08-01&to=2021-08-07',
                                                                                                  expect: [200, 200, 403, 200, 403, 401] },

  { route: 'POST /api/v1/facilities/{id}/rooms',   path: (w) => `/api/v1/facilities/${w.facility.id}/rooms`,
    body: () => ({ code: `R-${unique()}`, sexPolicy: 'male', beds: 2 }),                          expect: [201, 403, 403, 201, 404, 401] },
  { route: 'POST /api/v1/facilities/{id}/rooms/bulk', path: (w) => `/api/v1/facilities/${w.facility.id}/rooms/bulk`,
    body: () => ({ rooms: [{ code: `R-${unique()}`, sexPolicy: 'female', beds: 2 }] }),           expect: [201, 403, 403, 201, 404, 401] },
  { route: 'GET /api/v1/facilities/{id}/rooms',    path: (w) => `/api/v1/facilities/${w.facility.id}/rooms`, expect: [200, 200, 404, 200, 404, 401] },
  { route: 'PATCH /api/v1/beds/{id}',              path: (w) => `/api/v1/beds/${w.bedId}`,
    body: () => ({ status: 'out_of_service' }),                                                   expect: [200, 403, 403, 200, 404, 401] },

  { route: 'POST /api/v1/transfer-requests',       path: () => '/api/v1/transfer-requests',
    body: (w) => ({ stayId: w.askable.shift(), toFacilityId: w.other.id, reason: 'Asked by the matrix' }),
                                                                                                  expect: [201, 201, 404, 201, 404, 401] },
  { route: 'GET /api/v1/transfer-requests',        path: () => '/api/v1/transfer-requests',       expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/transfer-requests (filtered by F)', path: (w) => `/api/v1/transfer-requests?facilityId=${w.facility.id}&direction=incoming`,
                                                                                                  expect: [200, 200, 403, 200, 403, 401] },
  { route: 'GET /api/v1/transfer-requests/targets', path: () => '/api/v1/transfer-requests/targets?q=a', expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/transfer-requests/{id}',   path: (w) => `/api/v1/transfer-requests/${w.requestId}`,
                                                                                                  expect: [200, 200, 404, 200, 200, 401] },
  { route: 'POST /api/v1/transfer-requests/{id}/accept', path: (w) => `/api/v1/transfer-requests/${w.pendingFromOther.shift()}/accept`,
    body: () => ({}),                                                                             expect: [200, 200, 404, 200, 403, 401] },
  { route: 'POST /api/v1/transfer-requests/{id}/reject', path: (w) => `/api/v1/transfer-requests/${w.pendingFromOther.shift()}/reject`,
    body: () => ({ reason: 'Rejected by the matrix' }),                                           expect: [200, 200, 404, 200, 403, 401] },
  { route: 'POST /api/v1/transfer-requests/{id}/cancel', path: (w) => `/api/v1/transfer-requests/${w.pendingFromOther.shift()}/cancel`,
    body: () => ({}),                                                                             expect: [200, 403, 404, 403, 403, 401] },

  { route: 'GET /api/v1/stays/{id}/certificate',   path: (w) => `/api/v1/stays/${w.certifiedStayId}/certificate`,
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/facilities/{id}/certificates', path: (w) => `/api/v1/facilities/${w.facility.id}/certificates`,
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/certificates/verify/{token}', path: (w) => `/api/v1/certificates/verify/${w.certificateToken}`,
                                                                                                  expect: [200, 200, 200, 200, 200, 200] },
  // The registry: a committee sees residents of its area and people with a stay there; a camp manager
  // people with a stay (open or past) in their facility. Anyone else: by exact id number only.
  { route: 'POST /api/v1/people',                  path: () => '/api/v1/people', body: () => newPerson(),
                                                                                                  expect: [201, 403, 403, 201, 201, 401] },
  { route: 'GET /api/v1/people',                   path: () => '/api/v1/people',                  expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/people/lookup',            path: (w) => `/api/v1/people/lookup?idNumber=${w.otherIdNumber}`,
                                                                                                  expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/people/lookup (a number no one has)', path: () => '/api/v1/people/lookup?idNumber=000000000000',
                                                                                                  expect: [404, 404, 404, 404, 404, 401] },
  { route: 'GET /api/v1/people/{id}',              path: (w) => `/api/v1/people/${w.personId}`,   expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/people/{id} (held in G)',  path: (w) => `/api/v1/people/${w.otherPersonId}`, expect: [200, 404, 404, 404, 200, 401] },
  { route: 'GET /api/v1/people/{id} (released from F)', fresh: (t, w) => releasedFrom(t, w.facility.id),
    path: (w) => `/api/v1/people/${w.personId}`,                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/people/{id} (resides in 947, never admitted)',
    fresh: async (t) => ({ personId: (await t.http().post('/api/v1/people').set(bearer(t.adminToken))
      .send(newPerson({ residenceAdminUnitCode: '947' })).expect(201)).body.id }),
    path: (w) => `/api/v1/people/${w.personId}`,                                                  expect: [200, 200, 404, 404, 404, 401] },
  { route: 'PATCH /api/v1/people/{id}',            path: (w) => `/api/v1/people/${w.personId}`,
    body: () => ({ notes: 'Corrected by the matrix' }),                                           expect: [200, 403, 403, 200, 404, 401] },
  { route: 'PATCH /api/v1/people/{id} (released from F)', fresh: (t, w) => releasedFrom(t, w.facility.id),
    path: (w) => `/api/v1/people/${w.personId}`, body: () => ({ notes: 'Corrected by the matrix' }),
                                                                                                  expect: [200, 403, 403, 403, 404, 401] },

  // Admission: a registered person only when in scope, or named by their exact id number.
  { route: 'POST /api/v1/stays',                   path: () => '/api/v1/stays',
    body: (w) => ({ ...ADMIT_F1, facilityId: w.facility.id, person: newPerson() }),               expect: [201, 403, 403, 201, 404, 401] },
  { route: 'POST /api/v1/stays (by personId, released from G)', fresh: (t, w) => releasedFrom(t, w.other.id),
    path: () => '/api/v1/stays', body: (w) => ({ ...ADMIT_F1, facilityId: w.facility.id, personId: w.personId }),
                                                                                                  expect: [201, 403, 403, 404, 404, 401] },
  { route: 'POST /api/v1/stays (by personId and exact id number, released from G)', fresh: (t, w) => releasedFrom(t, w.other.id),
    path: () => '/api/v1/stays',
    body: (w) => ({ ...ADMIT_F1, facilityId: w.facility.id, personId: w.personId, personIdNumber: w.idNumber }),
                                                                                                  expect: [201, 403, 403, 201, 404, 401] },
  { route: 'POST /api/v1/stays (by personId and exact id number, held in G)', path: () => '/api/v1/stays',
    body: (w) => ({ ...ADMIT_F1, facilityId: w.facility.id, personId: w.otherPersonId, personIdNumber: w.otherIdNumber }),
                                                                                                  expect: [409, 403, 403, 409, 404, 401] },
  { route: 'POST /api/v1/stays (exposed to a case held in G)', path: () => '/api/v1/stays',
    body: (w) => ({ ...ADMIT_F1, facilityId: w.facility.id, person: newPerson(), exposureSourceStayId: w.otherStayId }),
                                                                                                  expect: [201, 403, 403, 404, 404, 401] },
  { route: 'GET /api/v1/stays',                    path: () => '/api/v1/stays',                   expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/stays (filtered by F)',    path: (w) => `/api/v1/stays?facilityId=${w.facility.id}`,
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/stays/{id}',               path: (w) => `/api/v1/stays/${w.stayId}`,      expect: [200, 200, 404, 200, 404, 401] },
  { route: 'POST /api/v1/stays/{id}/release',      fresh: (t, w) => heldIn(t, w.facility.id),
    path: (w) => `/api/v1/stays/${w.stayId}/release`, body: () => OVERRIDE,                       expect: [200, 403, 403, 200, 404, 401] },

  // Transfers: a camp manager within their facility; between facilities an admin, or a committee
  // whose area covers both.
  { route: 'POST /api/v1/stays/{id}/transfer (within F)', fresh: (t, w) => heldIn(t, w.facility.id),
    path: (w) => `/api/v1/stays/${w.stayId}/transfer`, body: (w) => ({ toFacilityId: w.facility.id }),
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'POST /api/v1/stays/{id}/transfer (from F to G)', fresh: (t, w) => heldIn(t, w.facility.id),
    path: (w) => `/api/v1/stays/${w.stayId}/transfer`, body: (w) => ({ toFacilityId: w.other.id }),
                                                                                                  expect: [200, 404, 404, 403, 404, 401] },
  { route: 'POST /api/v1/stays/{id}/transfer (from F to H, both in 947)', fresh: (t, w) => heldIn(t, w.facility.id),
    path: (w) => `/api/v1/stays/${w.stayId}/transfer`, body: (w) => ({ toFacilityId: w.sibling.id }),
                                                                                                  expect: [200, 200, 404, 403, 404, 401] },

  { route: 'POST /api/v1/exports',                 path: () => '/api/v1/exports', body: () => ({ kind: 'alerts', format: 'csv' }),
                                                                                                  expect: [202, 202, 202, 202, 202, 401] },
  { route: 'GET /api/v1/exports',                  path: () => '/api/v1/exports',                 expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/exports/{id}',             path: (w) => `/api/v1/exports/${w.exportId}`,  expect: [200, 404, 404, 404, 404, 401] },
  { route: 'GET /api/v1/exports/{id}/file',        path: (w) => `/api/v1/exports/${w.exportId}/file`, expect: [200, 404, 404, 404, 404, 401] },
  // Intake lists (ids that do not exist: the guard's and the scope's answers; the flows are in intake-lists.e2e-spec).
  { route: 'GET /api/v1/intake-lists/template',    path: () => '/api/v1/intake-lists/template?format=csv', expect: [200, 200, 200, 200, 200, 401] },
  { route: 'POST /api/v1/intake-lists (no file)',  path: () => '/api/v1/intake-lists', body: (w) => ({ facilityId: w.facility.id }),
                                                                                                  expect: [400, 400, 404, 403, 403, 401] },
  { route: 'GET /api/v1/intake-lists',             path: () => '/api/v1/intake-lists',            expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/intake-lists/{id}',        path: () => `/api/v1/intake-lists/${NO_SUCH_ID}`, expect: [404, 404, 404, 404, 404, 401] },
  { route: 'POST /api/v1/intake-lists/{id}/rows/{rowId}/admit', path: () => `/api/v1/intake-lists/${NO_SUCH_ID}/rows/${NO_SUCH_ID}/admit`,
    body: () => ({}),                                                                             expect: [404, 403, 403, 404, 404, 401] },
  { route: 'POST /api/v1/intake-lists/{id}/rows/{rowId}/reject', path: () => `/api/v1/intake-lists/${NO_SUCH_ID}/rows/${NO_SUCH_ID}/reject`,
    body: () => ({ reason: 'Không đến' }),                                                        expect: [404, 403, 403, 404, 404, 401] },

  { route: 'GET /api/v1/home-monitoring',         path: () => '/api/v1/home-monitoring',         expect: [200, 200, 200, 403, 403, 401] },
  { route: 'GET /api/v1/home-monitoring (for F’s unit)', path: () => '/api/v1/home-monitoring?adminUnitCode=947',
                                                                                                  expect: [200, 200, 403, 403, 403, 401] },
  { route: 'POST /api/v1/stays/{id}/home-monitoring/checks', fresh: (t, w) => releasedHomeTo947(t, w.facility.id),
    path: (w) => `/api/v1/stays/${w.stayId}/home-monitoring/checks`, body: () => ({ status: 'ok' }),
                                                                                                  expect: [201, 201, 404, 403, 403, 401] },

  { route: 'GET /api/v1/facilities/{id}/today',  path: (w) => `/api/v1/facilities/${w.facility.id}/today`,
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'GET /api/v1/today',                    path: () => '/api/v1/today',                   expect: [200, 200, 200, 200, 200, 401] },
  { route: 'GET /api/v1/today (for F’s unit)',     path: () => '/api/v1/today?adminUnitCode=947', expect: [200, 200, 403, 200, 403, 401] },

  { route: 'POST /api/v1/stays/{id}/health-checks', path: (w) => `/api/v1/stays/${w.stayId}/health-checks`,
    body: () => ({ temperatureC: 36.8, symptoms: [] }),                                           expect: [201, 403, 403, 201, 404, 401] },
  { route: 'GET /api/v1/stays/{id}/health-checks', path: (w) => `/api/v1/stays/${w.stayId}/health-checks`,
                                                                                                  expect: [200, 200, 404, 200, 404, 401] },
  { route: 'POST /api/v1/facilities/{id}/health-checks', path: (w) => `/api/v1/facilities/${w.facility.id}/health-checks`,
    body: (w) => ({ checks: [{ stayId: w.stayId, temperatureC: 36.9, symptoms: ['cough'] }] }),  expect: [201, 403, 403, 201, 404, 401] },
];

/** Controllers whose every route must have a row (by their OpenAPI operation ids). */
const COVERED_CONTROLLERS = [
  'HealthController',
  'AuthController',
  'UsersController',
  'AdminUnitsController',
  'FacilitiesController',
  'RoomsController',
  'HealthChecksController',
  'TodayController',
  'HomeMonitoringController',
  'PeopleController',
  'StaysController',
  'ReportsController',
  'TransferRequestsController',
  'CertificatesController',
  'ExportsController',
  'IntakeListsController',
];

/** Stays, transfer requests and a certificate for the rows of transfer requests and certificates. */
async function transferAndCertificateWorld(t: TestApp, facility: { id: string }, other: { id: string }) {
  await createRoom(t, facility.id, { beds: 12 });
  await createRoom(t, other.id, { beds: 20 });
  const askable: string[] = [];
  for (let i = 0; i < ACTORS.length; i++) askable.push((await admit(t, facility.id)).id);
  const ask = async (stayId: string) =>
    (
      await t
        .http()
        .post('/api/v1/transfer-requests')
        .set(bearer(t.adminToken))
        .send({ stayId, toFacilityId: facility.id, reason: 'Set up by the matrix' })
        .expect(201)
    ).body.id as string;
  const pendingFromOther: string[] = [];
  for (let i = 0; i < 3 * ACTORS.length; i++) pendingFromOther.push(await ask((await admit(t, other.id)).id));
  const requestId = await ask((await admit(t, other.id)).id);

  // A completed stay: admitted 15 days ago in a room of its own (its own cohort), days 1, 7 and 14 negative.
  await createRoom(t, facility.id, { beds: 1 });
  const admittedAt = Date.now() - 15 * 86_400_000;
  const stay = await admit(t, facility.id, { admittedAt: new Date(admittedAt).toISOString() });
  for (const day of [1, 7, 14]) {
    await t
      .http()
      .post(`/api/v1/stays/${stay.id}/tests`)
      .set(bearer(t.adminToken))
      .send({ scheduledDay: day, kind: 'rt_pcr', result: 'negative', sampledAt: new Date(admittedAt + (day - 1) * 86_400_000 + 3_600_000).toISOString() })
      .expect(201);
  }
  await release(t, stay.id).expect(200);
  const [certificate] = await t.sql(`SELECT verification_token FROM release_certificates WHERE stay_id = $1`, [stay.id]);
  return { askable, pendingFromOther, requestId, certifiedStayId: stay.id, certificateToken: certificate.verification_token as string };
}

describe('authorization matrix', () => {
  let t: TestApp;
  let world: World;
  const tokens = {} as Record<ActorName, string | null>;

  beforeAll(async () => {
    t = await createTestApp();
    const facility = await createFacility(t, { adminUnitCode: '947' });
    const other = await createFacility(t, { adminUnitCode: '941' });
    const sibling = await createFacility(t, { adminUnitCode: '947' });
    // A women's room: the admissions below (men) never take its beds, which the bed row changes.
    const room = await createRoom(t, facility.id, { beds: 2, sexPolicy: 'female' });
    for (const f of [facility, facility, other, sibling]) await createRoom(t, f.id, { beds: 40 });
    const target = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    const exported = await exportAndWait(t, t.adminToken, { kind: 'stays', format: 'csv' });
    const held = await heldIn(t, facility.id);
    const heldElsewhere = await heldIn(t, other.id);
    world = {
      facility,
      other,
      sibling,
      bedId: room.beds[0].id,
      userId: target.id,
      stayId: held.stayId!,
      personId: held.personId!,
      otherStayId: heldElsewhere.stayId!,
      otherPersonId: heldElsewhere.personId!,
      otherIdNumber: heldElsewhere.idNumber!,
      ...(await transferAndCertificateWorld(t, facility, other)),
      exportId: exported.id,
    };

    tokens.admin = t.adminToken;
    const users = {
      committee: await userToken(t, 'district_committee', { adminUnitCode: '947' }),
      otherCommittee: await userToken(t, 'district_committee', { adminUnitCode: '950' }),
      manager: await userToken(t, 'camp_manager', { facilityId: facility.id }),
      otherManager: await userToken(t, 'camp_manager', { facilityId: other.id }),
    };
    logins.admin = ADMIN;
    for (const [actor, user] of Object.entries(users) as [ActorName, { username: string; token: string }][]) {
      logins[actor] = { username: user.username, password: 'a-good-password' };
      tokens[actor] = user.token;
    }
    tokens.anonymous = null;
  }, 300_000);
  afterAll(() => t.close());

  const cases = MATRIX.flatMap((row) => ACTORS.map((actor, i) => [row.route, actor, row.expect[i], row] as const));

  it.each(cases)('%s as %s → %i', async (route, actor, expected, row) => {
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const w: World & Fresh = { ...world, ...(row.fresh ? await row.fresh(t, world, actor) : {}) };
    let req = t.http()[method](row.path(w));
    const token = w.token !== undefined ? w.token : tokens[actor];
    if (token) req = req.set(bearer(token));
    const res = row.body ? await req.send(row.body(w)) : await req;
    if (res.status !== expected) {
      throw new Error(`${route} as ${actor}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    }
  });

  it('has a row for every route of the covered controllers', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => COVERED_CONTROLLERS.includes(op.operationId.split('_')[0]))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set(MATRIX.map((row) => row.route.replace(/ \(.*\)$/, '')));
    expect(routes.filter((route) => !rows.has(route))).toEqual([]);
  });

  describe('indirect paths', () => {
    const get = (path: string, token: string) => t.http().get(path).set(bearer(token));

    it('keeps name and number searches of the registry within scope', async () => {
      const name = `Phạm Thị ${unique()}`;
      const phone = `09${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
      const person = newPerson({ fullName: name, phone });
      await admit(t, world.other.id, { person });
      const search = async (token: string, q: string) =>
        (await get(`/api/v1/people?q=${encodeURIComponent(q)}`, token).expect(200)).body.total;
      expect(await search(t.adminToken, name)).toBe(1);
      expect(await search(tokens.otherManager!, name)).toBe(1);
      for (const token of [tokens.manager!, tokens.committee!, tokens.otherCommittee!]) {
        expect(await search(token, name)).toBe(0);
        expect(await search(token, person.idNumber as string)).toBe(0);
        expect(await search(token, person.phone as string)).toBe(0);
      }
    });

    it('lets a committee find the residents of its area who were never admitted', async () => {
      const name = `Lâm Văn ${unique()}`;
      await t.http().post('/api/v1/people').set(bearer(t.adminToken)).send(newPerson({ fullName: name, residenceAdminUnitCode: '947' })).expect(201);
      expect((await get(`/api/v1/people?q=${encodeURIComponent(name)}`, tokens.committee!)).body.total).toBe(1);
      expect((await get(`/api/v1/people?q=${encodeURIComponent(name)}`, tokens.otherCommittee!)).body.total).toBe(0);
    });

    it('answers a lookup by exact id number only, with the number and phone masked', async () => {
      const res = await get(`/api/v1/people/lookup?idNumber=${world.otherIdNumber}`, tokens.manager!).expect(200);
      expect(res.body.id).toBe(world.otherPersonId);
      expect(res.body.idNumber).not.toBe(world.otherIdNumber);
      expect(res.body.idNumber).toMatch(/^\*+\d{3}$/);
      expect(res.body.phone).toMatch(/^\*+\d{3}$/);
      await get(`/api/v1/people/lookup?idNumber=${world.otherIdNumber.slice(0, -1)}`, tokens.manager!).expect(404);
      await get(`/api/v1/people/lookup?idNumber=${world.otherIdNumber}%25`, tokens.manager!).expect(400);
    });

    it('shows a camp manager the full number and phone only while the person is held in their facility', async () => {
      const person = newPerson();
      const stay = await admit(t, world.facility.id, { person }, tokens.manager!);
      expect(stay.person).toMatchObject({ idNumber: person.idNumber, phone: person.phone });
      expect((await get(`/api/v1/people/${stay.person.id}`, tokens.manager!)).body.idNumber).toBe(person.idNumber);
      // The committee of the area oversees; it never sees the numbers in full.
      expect((await get(`/api/v1/people/${stay.person.id}`, tokens.committee!)).body.idNumber).not.toBe(person.idNumber);

      await release(t, stay.id, OVERRIDE, tokens.manager!).expect(200);
      const after = (await get(`/api/v1/people/${stay.person.id}`, tokens.manager!).expect(200)).body;
      expect(after.idNumber).not.toBe(person.idNumber);
      expect(after.phone).not.toBe(person.phone);
      expect((await get(`/api/v1/stays/${stay.id}`, tokens.manager!).expect(200)).body.person.idNumber).not.toBe(person.idNumber);
    });

    it('closes the fake admission: a name found elsewhere cannot be admitted, and no number is unmasked', async () => {
      const released = await releasedFrom(t, world.other.id);
      const body = { ...ADMIT_F1, facilityId: world.facility.id, personId: released.personId };
      const refused = await t.http().post('/api/v1/stays').set(bearer(tokens.manager!)).send(body).expect(404);
      expect(JSON.stringify(refused.body)).not.toContain(released.idNumber);
      // With the number from the person's own card, the admission goes ahead.
      const admitted = await t.http().post('/api/v1/stays').set(bearer(tokens.manager!))
        .send({ ...body, personIdNumber: released.idNumber }).expect(201);
      expect(admitted.body.person.idNumber).toBe(released.idNumber);
    });

    it('does not say where someone is held when that facility is outside the actor’s scope', async () => {
      const [g] = await t.sql<{ name: string }>(`SELECT name FROM facilities WHERE id = $1`, [world.other.id]);
      const [p] = await t.sql<{ full_name: string }>(`SELECT full_name FROM people WHERE id = $1`, [world.otherPersonId]);
      const body = { ...ADMIT_F1, facilityId: world.facility.id, personId: world.otherPersonId, personIdNumber: world.otherIdNumber };

      const hidden = await t.http().post('/api/v1/stays').set(bearer(tokens.manager!)).send(body).expect(409);
      expect(hidden.body.code).toBe('PERSON_HAS_OPEN_STAY');
      expect(hidden.body.message).toBe('This person already has an open stay in another facility.');
      for (const secret of [world.otherStayId, world.other.id, g.name, p.full_name]) expect(JSON.stringify(hidden.body)).not.toContain(secret);

      const shown = await t.http().post('/api/v1/stays').set(bearer(t.adminToken)).send(body).expect(409);
      expect(shown.body.code).toBe('PERSON_HAS_OPEN_STAY');
      expect(shown.body.message).toContain(world.otherStayId);

      // Registering them again under the same number names the record, never the place.
      const again = await t.http().post('/api/v1/stays').set(bearer(tokens.manager!))
        .send({ ...ADMIT_F1, facilityId: world.facility.id, person: newPerson({ idNumber: world.otherIdNumber }) }).expect(409);
      expect(again.body.code).toBe('PERSON_ALREADY_REGISTERED');
      for (const secret of [world.otherStayId, world.other.id, g.name]) expect(JSON.stringify(again.body)).not.toContain(secret);
    });

    it('keeps a transfer within the actor’s own facility for a camp manager, whatever the target', async () => {
      const held = await heldIn(t, world.facility.id);
      const res = await t.http().post(`/api/v1/stays/${held.stayId}/transfer`).set(bearer(tokens.manager!))
        .send({ toFacilityId: world.other.id }).expect(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
      // Not even whether the target exists is told.
      await t.http().post(`/api/v1/stays/${held.stayId}/transfer`).set(bearer(tokens.manager!))
        .send({ toFacilityId: '00000000-0000-4000-8000-000000000000' }).expect(403);
      const [{ facility_id }] = await t.sql(`SELECT facility_id FROM stays WHERE id = $1`, [held.stayId]);
      expect(facility_id).toBe(world.facility.id);
    });
  });

  describe('tokens', () => {
    async function signedIn() {
      const user = await userToken(t, 'camp_manager', { facilityId: world.facility.id });
      return { ...user, me: (token: string) => t.http().get('/api/v1/auth/me').set(bearer(token)) };
    }
    const patch = (id: string, body: object) => t.http().patch(`/api/v1/users/${id}`).set(bearer(t.adminToken)).send(body).expect(200);

    it('revokes every earlier token on a password change; the new password signs in at once', async () => {
      const u = await signedIn();
      await patch(u.id, { password: 'a-new-good-password' });
      await u.me(u.token).expect(401);
      await u.me(await t.login(u.username, 'a-new-good-password')).expect(200);
    });

    it('revokes earlier tokens on a role or scope change', async () => {
      const moved = await signedIn();
      await patch(moved.id, { facilityId: world.other.id });
      await moved.me(moved.token).expect(401);
      const promoted = await signedIn();
      await patch(promoted.id, { role: 'district_committee', adminUnitCode: '947' });
      await promoted.me(promoted.token).expect(401);
    });

    it('revokes on deactivation, and reactivation does not revive the old tokens', async () => {
      const u = await signedIn();
      await patch(u.id, { active: false });
      await u.me(u.token).expect(401);
      await patch(u.id, { active: true });
      await u.me(u.token).expect(401);
      await u.me(await t.login(u.username, 'a-good-password')).expect(200);
    });

    it('keeps tokens through a change of name', async () => {
      const u = await signedIn();
      await patch(u.id, { fullName: 'Renamed' });
      await u.me(u.token).expect(200);
    });
  });
});
