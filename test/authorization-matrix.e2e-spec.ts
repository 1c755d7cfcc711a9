import { randomBytes } from 'node:crypto';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { ADMIN, createTestApp, TestApp } from './helpers/test-app';

/**
 * Every endpoint called as every role, in and out of scope, with the status each must get.
 * The world: facility F in Mỹ Xuyên (947) with a room; facility G in Thành phố Sóc Trăng (941).
 *   committee      district committee of 947 (F is in its area)
 *   otherCommittee district committee of 950 (F is not)
 *   manager        camp manager of F
 *   otherManager   camp manager of G
 * A new endpoint is one more row; a new controller also goes into COVERED_CONTROLLERS, so that a
 * route without a row fails the coverage check at the bottom.
 */

const ACTORS = ['admin', 'committee', 'otherCommittee', 'manager', 'otherManager', 'anonymous'] as const;
type ActorName = (typeof ACTORS)[number];

interface World {
  facility: { id: string };
  bedId: string;
  userId: string;
}

interface Row {
  /** As in the OpenAPI document, plus a note when the same route is called in another way. */
  route: string;
  path: (w: World) => string;
  body?: (w: World) => object;
  /** Expected status for: admin, committee, otherCommittee, manager, otherManager, anonymous */
  expect: [number, number, number, number, number, number];
}

const unique = () => randomBytes(4).toString('hex');
let unitCounter = 0;

// prettier-ignore
const MATRIX: Row[] = [
  //                                                                                              admin comm  other mgr   other none
  { route: 'GET /health',                          path: () => '/health',                         expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/auth/login',              path: () => '/api/v1/auth/login', body: () => ADMIN, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/auth/session',            path: () => '/api/v1/auth/session', body: () => ADMIN, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'DELETE /api/v1/auth/session',          path: () => '/api/v1/auth/session',            expect: [204, 204, 204, 204, 204, 204] },
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
];

/** Controllers whose every route must have a row (by their OpenAPI operation ids). */
const COVERED_CONTROLLERS = [
  'HealthController',
  'AuthController',
  'UsersController',
  'AdminUnitsController',
  'FacilitiesController',
  'RoomsController',
  'ReportsController',
];

describe('authorization matrix', () => {
  let t: TestApp;
  let world: World;
  const tokens = {} as Record<ActorName, string | null>;

  beforeAll(async () => {
    t = await createTestApp();
    const facility = await createFacility(t, { adminUnitCode: '947' });
    const other = await createFacility(t, { adminUnitCode: '941' });
    const room = await createRoom(t, facility.id, { beds: 2 });
    const target = await userToken(t, 'district_committee', { adminUnitCode: '94' });
    world = { facility, bedId: room.beds[0].id, userId: target.id };

    tokens.admin = t.adminToken;
    tokens.committee = (await userToken(t, 'district_committee', { adminUnitCode: '947' })).token;
    tokens.otherCommittee = (await userToken(t, 'district_committee', { adminUnitCode: '950' })).token;
    tokens.manager = (await userToken(t, 'camp_manager', { facilityId: facility.id })).token;
    tokens.otherManager = (await userToken(t, 'camp_manager', { facilityId: other.id })).token;
    tokens.anonymous = null;
  });
  afterAll(() => t.close());

  const cases = MATRIX.flatMap((row) => ACTORS.map((actor, i) => [row.route, actor, row.expect[i], row] as const));

  it.each(cases)('%s as %s → %i', async (route, actor, expected, row) => {
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let req = t.http()[method](row.path(world));
    const token = tokens[actor];
    if (token) req = req.set(bearer(token));
    const res = row.body ? await req.send(row.body(world)) : await req;
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
});
