import { bearer, createFacility, createRoom } from './helpers/fixtures';
import { pathFor, registeredRoutes, Route } from './helpers/routes';
import { createTestApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_UNIT = '99999';
/** Path parameters that name an object: UUIDs, or official codes for admin units. */
const ID_PARAM = /^(id|code|\w+Id)$/;

interface Operation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
}

/**
 * Whatever a client sends, the answer is a 4xx with the standard body, never a 500. The sweeps run over
 * every route the app registers (later endpoints are checked without adding anything here); the table
 * at the end gives valid bodies, so that an unknown id is seen to be a 404 and not a validation error.
 */
describe('bad input', () => {
  let t: TestApp;
  let routes: (Route & { op: Operation })[];

  const call = (route: Route, path: string, body?: unknown) => {
    const req = t.http()[route.method.toLowerCase() as 'get'](path).set(bearer(t.adminToken));
    return body === undefined ? req : req.send(body as object);
  };
  const unknown = (param: string) => (param === 'code' ? UNKNOWN_UNIT : UNKNOWN_ID);
  const label = (r: Route) => `${r.method} ${r.path}`;

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    routes = registeredRoutes(t.app).map((r) => ({ ...r, op: doc.paths[r.path]?.[r.method.toLowerCase()] }));
  });
  afterAll(() => t.close());

  it('answers 400 to a malformed id on every route that takes one', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => [...r.path.matchAll(/\{(\w+)\}/g)].some((m) => ID_PARAM.test(m[1])))) {
      for (const malformed of ['not-an-id', '-1', "1' OR '1'='1"]) {
        const path = pathFor(route, (param) => (ID_PARAM.test(param) ? encodeURIComponent(malformed) : 'x'));
        const res = await call(route, path, route.op?.requestBody ? {} : undefined);
        if (res.status !== 400) wrong.push(`${label(route)} with ${malformed}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 to an unknown id on every route that reads one object', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && /\{\w+\}/.test(r.path))) {
      const res = await call(route, pathFor(route, unknown));
      if (res.status !== 404) wrong.push(`${label(route)}: ${res.status}`);
      else expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String), error: 'Not Found' });
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an unknown field in any request body with 400, naming it', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.op?.requestBody)) {
      const res = await call(route, pathFor(route, unknown), { unexpectedField: 1 });
      if (res.status !== 400 || res.body.code !== 'VALIDATION_FAILED' || !res.body.errors?.some((e: { field: string }) => e.field === 'unexpectedField')) {
        wrong.push(`${label(route)}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an unknown query parameter with 400 on every route that takes a query', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.op?.parameters?.some((p) => p.in === 'query'))) {
      const res = await call(route, `${pathFor(route, unknown)}?unexpectedField=1`, route.op.requestBody ? {} : undefined);
      if (res.status !== 400) wrong.push(`${label(route)}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('never answers 500, whatever shape the body has', async () => {
    const shapes: unknown[] = [[], 'text', 42, null, { a: { b: { c: [] } } }, { code: 'x'.repeat(100_000) }];
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.op?.requestBody)) {
      for (const shape of shapes) {
        const req = t.http()[route.method.toLowerCase() as 'post'](pathFor(route, unknown)).set(bearer(t.adminToken));
        const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(shape));
        if (res.status >= 500 || res.status < 400) wrong.push(`${label(route)} with ${JSON.stringify(shape).slice(0, 30)}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // Valid bodies, so that only the id is wrong: the answer must be 404, not a validation error.
  const WRITES: { route: string; path: (id: string) => string; body: object }[] = [
    { route: 'PATCH /api/v1/users/{id}', path: (id) => `/api/v1/users/${id}`, body: { fullName: 'Nobody' } },
    { route: 'PATCH /api/v1/facilities/{id}', path: (id) => `/api/v1/facilities/${id}`, body: { name: 'Nowhere' } },
    { route: 'POST /api/v1/facilities/{id}/rooms', path: (id) => `/api/v1/facilities/${id}/rooms`, body: { code: 'A-1', sexPolicy: 'male', beds: 2 } },
    {
      route: 'POST /api/v1/facilities/{id}/rooms/bulk',
      path: (id) => `/api/v1/facilities/${id}/rooms/bulk`,
      body: { rooms: [{ code: 'A-1', sexPolicy: 'male', beds: 2 }] },
    },
    { route: 'PATCH /api/v1/beds/{id}', path: (id) => `/api/v1/beds/${id}`, body: { status: 'out_of_service' } },
    { route: 'POST /api/v1/transfer-requests/{id}/accept', path: (id) => `/api/v1/transfer-requests/${id}/accept`, body: {} },
    { route: 'POST /api/v1/transfer-requests/{id}/reject', path: (id) => `/api/v1/transfer-requests/${id}/reject`, body: { reason: 'No bed' } },
    { route: 'POST /api/v1/transfer-requests/{id}/cancel', path: (id) => `/api/v1/transfer-requests/${id}/cancel`, body: {} },
    {
      route: 'POST /api/v1/stays/{id}/health-checks',
      path: (id) => `/api/v1/stays/${id}/health-checks`,
      body: { temperatureC: 37.0, symptoms: [] },
    },
    {
      route: 'POST /api/v1/facilities/{id}/health-checks',
      path: (id) => `/api/v1/facilities/${id}/health-checks`,
      body: { checks: [{ stayId: UNKNOWN_ID, temperatureC: 37.0, symptoms: [] }] },
    },
    {
      route: 'POST /api/v1/stays/{id}/home-monitoring/checks',
      path: (id) => `/api/v1/stays/${id}/home-monitoring/checks`,
      body: { status: 'ok' },
    },
  ];

  it.each(WRITES)('$route answers 404 for an unknown id with a valid body', async ({ route, path, body }) => {
    const method = route.split(' ')[0].toLowerCase() as 'post' | 'patch';
    const res = await t.http()[method](path(UNKNOWN_ID)).set(bearer(t.adminToken)).send(body);
    expect(res.status).toBe(404);
  });

  it.each(WRITES)('$route answers 400 for a valid body with one unknown field', async ({ route, path, body }) => {
    const facility = await createFacility(t);
    const room = await createRoom(t, facility.id);
    const [user] = await t.sql(`SELECT id FROM users LIMIT 1`);
    const id = route.includes('/beds/') ? room.beds[0].id : route.includes('/users/') ? user.id : facility.id;
    const method = route.split(' ')[0].toLowerCase() as 'post' | 'patch';
    const res = await t.http()[method](path(id)).set(bearer(t.adminToken)).send({ ...body, unexpectedField: true });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      error: 'Bad Request',
      errors: [{ field: 'unexpectedField', message: expect.any(String) }],
    });
  });

  it('answers 400 with the standard body to a bed count that is negative or absurd', async () => {
    const facility = await createFacility(t);
    for (const beds of [-1, 0, 1e9, Number.MAX_SAFE_INTEGER]) {
      const res = await t.http().post(`/api/v1/facilities/${facility.id}/rooms`).set(bearer(t.adminToken)).send({ code: 'Z', sexPolicy: 'male', beds });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/beds/),
        error: 'Bad Request',
        errors: [{ field: 'beds', message: expect.any(String) }],
      });
    }
  });

  it('names nested fields by their dotted path', async () => {
    const facility = await createFacility(t);
    const res = await t.http().post(`/api/v1/facilities/${facility.id}/rooms/bulk`).set(bearer(t.adminToken))
      .send({ rooms: [{ code: 'A', sexPolicy: 'male', beds: 2 }, { code: 'B', sexPolicy: 'male', beds: 'two' }] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(typeof res.body.message).toBe('string');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('rooms.1.beds');
  });

  describe('refused while the request is read, on every route, signed in or not', () => {
    const someRoutes = () => routes.filter((r) => r.op?.requestBody);

    it('answers 413 to a body that is too large', async () => {
      for (const route of someRoutes()) {
        for (const auth of [true, false]) {
          let req = t.http()[route.method.toLowerCase() as 'post'](pathFor(route, unknown)).set('Content-Type', 'application/json');
          if (auth) req = req.set(bearer(t.adminToken));
          const res = await req.send(JSON.stringify({ code: 'x'.repeat(2_000_000) }));
          expect([label(route), res.status, res.body.code]).toEqual([label(route), 413, 'PAYLOAD_TOO_LARGE']);
        }
      }
    });

    it('answers 415 to an unsupported charset or content encoding', async () => {
      for (const route of someRoutes()) {
        const charset = await t.http()[route.method.toLowerCase() as 'post'](pathFor(route, unknown))
          .set('Content-Type', 'application/json; charset=iso-8859-1').send('{}');
        expect([label(route), charset.status, charset.body.code]).toEqual([label(route), 415, 'UNSUPPORTED_MEDIA_TYPE']);
        const encoding = await t.http()[route.method.toLowerCase() as 'post'](pathFor(route, unknown)).set(bearer(t.adminToken))
          .set('Content-Type', 'application/json').set('Content-Encoding', 'compress-me-not').send('{}');
        expect([label(route), encoding.status, encoding.body.code]).toEqual([label(route), 415, 'UNSUPPORTED_MEDIA_TYPE']);
      }
    });

    it('answers 400 MALFORMED_BODY to broken JSON', async () => {
      for (const route of someRoutes()) {
        for (const auth of [true, false]) {
          let req = t.http()[route.method.toLowerCase() as 'post'](pathFor(route, unknown)).set('Content-Type', 'application/json');
          if (auth) req = req.set(bearer(t.adminToken));
          const res = await req.send('{"code": "A-1",');
          expect([label(route), res.status, res.body.code]).toEqual([label(route), 400, 'MALFORMED_BODY']);
        }
      }
    });

    it('refuses JSON nested thousands of levels deep before validation', async () => {
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      const deepArray = '['.repeat(20000) + ']'.repeat(20000);
      for (const route of someRoutes()) {
        for (const doc of [deep, deepArray]) {
          const res = await t.http()[route.method.toLowerCase() as 'post'](pathFor(route, unknown)).set(bearer(t.adminToken))
            .set('Content-Type', 'application/json').send(doc);
          expect([label(route), res.status, res.body.code]).toEqual([label(route), 400, 'BODY_TOO_DEEP']);
        }
      }
    });

    it('refuses NUL characters in any text field, query string or path with 400', async () => {
      const facility = await createFacility(t);
      const inBody = await t.http().post(`/api/v1/facilities/${facility.id}/rooms`).set(bearer(t.adminToken))
        .send({ code: 'A\u0000B', sexPolicy: 'male', beds: 2 });
      expect(inBody.status).toBe(400);
      expect(inBody.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'code', message: expect.any(String) }] });
      const inQuery = await t.http().get('/api/v1/people?q=a%00b').set(bearer(t.adminToken));
      expect([inQuery.status, inQuery.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const inPath = await t.http().get('/api/v1/admin-units/94%00').set(bearer(t.adminToken));
      expect([inPath.status, inPath.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      for (const route of someRoutes()) {
        const res = await call(route, pathFor(route, unknown), { code: '\u0000', name: 'a\u0000', fullName: '\u0000x' });
        expect([label(route), res.status]).toEqual([label(route), 400]);
      }
    });

    it('answers an address too large to read with 431 and the standard body', async () => {
      const res = await t.http().get(`/api/v1/people?q=${'x'.repeat(40_000)}`).set(bearer(t.adminToken));
      expect(res.status).toBe(431);
      expect(JSON.parse(res.text)).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE', message: expect.any(String) });
    });

    it('answers an unknown address with 404 ROUTE_NOT_FOUND, without echoing it', async () => {
      const res = await t.http().get('/api/v1/no-such-thing?idNumber=079912345678').set(bearer(t.adminToken));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ROUTE_NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('079912345678');
    });
  });

  describe('people', () => {
    const person = { fullName: 'Lê Văn Thử', sex: 'male', birthYear: 1980 };
    const nextYear = new Date().getUTCFullYear() + 1;

    it('refuses a date of birth or a year of birth in the future with 400', async () => {
      const born = await t.http().post('/api/v1/people').set(bearer(t.adminToken)).send({ ...person, dateOfBirth: `${nextYear}-01-01` });
      expect(born.status).toBe(400);
      expect(born.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'dateOfBirth', message: expect.any(String) }] });
      const year = await t.http().post('/api/v1/people').set(bearer(t.adminToken)).send({ ...person, birthYear: nextYear });
      expect(year.status).toBe(400);
      expect(year.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'birthYear', message: expect.any(String) }] });
    });

    it('refuses null for a field a person must have, and clears one that may be empty', async () => {
      const created = await t.http().post('/api/v1/people').set(bearer(t.adminToken)).send({ ...person, phone: '0912345678' }).expect(201);
      for (const field of ['fullName', 'sex', 'vaccinationDoses']) {
        const res = await t.http().patch(`/api/v1/people/${created.body.id}`).set(bearer(t.adminToken)).send({ [field]: null });
        expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      }
      const cleared = await t.http().patch(`/api/v1/people/${created.body.id}`).set(bearer(t.adminToken)).send({ phone: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.phone).toBeNull();
    });
  });
});
