import fc from 'fast-check';
import { bearer, createFacility, createRoom, userToken } from './helpers/fixtures';
import { admit } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * Property: whatever a client sends to any operation of the OpenAPI document (malformed ids, wrong
 * types, huge, empty, unicode or NUL strings, extra fields, impossible dates, out-of-range numbers,
 * broken JSON, wrong content types), signed in as anyone or no one, the answer is never a 5xx, an
 * error is always the standard body (a `code`, one string as `message`), and no body shows a stack
 * trace or SQL. Operations added later are covered as soon as they are in the document.
 *
 * Seeded and bounded: FUZZ_SEED repeats a run, FUZZ_BATCHES × BATCH requests are sent.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const BATCH = 10;
const BATCHES = Number(process.env.FUZZ_BATCHES ?? 520);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}
interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
interface FuzzRequest {
  op: Operation;
  who: Who;
  path: string;
  query: [string, string][];
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };
}
type Who = 'admin' | 'manager' | 'committee' | 'nobody' | 'garbage';

const STACK_OR_SQL =
  /\n\s+at |\.ts:\d+|node_modules|QueryFailedError|TypeError|RangeError|SELECT .* FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|syntax error at or near|violates .* constraint|duplicate key value|invalid input syntax/i;

/** encodeURIComponent that also takes lone surrogates (sent as U+FFFD, as a browser would). */
const encode = (value: unknown): string =>
  encodeURIComponent((String(value) as string & { toWellFormed(): string }).toWellFormed());

/** All of the arbitraries, in order (fc.tuple over a list of any length). */
const all = <T>(arbs: fc.Arbitrary<T>[]): fc.Arbitrary<T[]> =>
  arbs.length > 0 ? (fc.tuple(...(arbs as [fc.Arbitrary<T>])) as fc.Arbitrary<T[]>) : fc.constant([]);

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let operations: Operation[];
  let tokens: Record<Who, string | undefined>;
  let ids: Record<string, string[]>;

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (schema: Schema | undefined, depth = 0): Schema | undefined => {
      if (!schema || depth > 6) return schema;
      if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
      const out: Schema = { ...schema };
      if (schema.allOf) Object.assign(out, ...schema.allOf.map((s) => resolve(s, depth + 1)));
      if (out.items) out.items = resolve(out.items, depth + 1);
      if (out.properties) {
        out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]));
      }
      return out;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        // Signing out ends the token it is sent with: the rest of the run would be refused with 401.
        .filter(([method]) => !(method === 'delete' && path === '/api/v1/auth/session'))
        .map(([method, op]) => ({
          method,
          path,
          parameters: op.parameters ?? [],
          body: resolve(op.requestBody?.content['application/json']?.schema),
        })),
    );

    const facility = await createFacility(t);
    const room = await createRoom(t, facility.id, { beds: 6 });
    const stay = await admit(t, facility.id);
    const manager = await userToken(t, 'camp_manager', { facilityId: facility.id });
    const committee = await userToken(t, 'district_committee', { adminUnitCode: '947' });
    tokens = { admin: t.adminToken, manager: manager.token, committee: committee.token, nobody: undefined, garbage: 'not.a.token' };
    // Real ids, so that generated requests also reach the code behind the 404s.
    ids = {
      uuid: [facility.id, room.id, room.beds[0].id, stay.id, stay.person.id, manager.id],
      code: ['94', '947', '99999'],
    };
  });
  afterAll(() => t.close());

  // ---- generators -------------------------------------------------------------------------------

  const nastyString = fc.oneof(
    fc.constant(''),
    fc.constant(' '),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
    fc.constant('\u0000'),
    fc.constant('x'.repeat(20_000)),
    fc.constant('Ắ'.repeat(5_000)),
    fc.constant('😷'.repeat(3_000)),
    fc.constant("' OR '1'='1"),
    fc.constant('%_\\'),
    fc.constant('__proto__'),
    fc.constant('constructor'),
    fc.constant('\ud800'),
    fc.constant('2021-02-30'),
    fc.constant('2021-13-01T25:61:00+07:00'),
    fc.constant('9999-12-31T23:59:59+14:00'),
    fc.constant('0001-01-01T00:00:00Z'),
    fc.constant('2099-01-01'),
    fc.constant('1e309'),
    fc.constant('NaN'),
    fc.constant('-0'),
    fc.constant('00000000-0000-0000-0000-000000000000'),
    fc.uuid(),
    fc.constant('true'),
    fc.constant('null'),
  );
  const nastyNumber = fc.oneof(
    fc.integer(),
    fc.constant(-1),
    fc.constant(0),
    fc.constant(2 ** 31),
    fc.constant(2 ** 53 + 1),
    fc.constant(1e308),
    fc.constant(-1e308),
    fc.constant(0.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: nastyString },
    { weight: 3, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), nastyString, { maxKeys: 3 }) },
  );

  /** A value that fits the schema's type (often valid), so that requests also get past validation. */
  const plausible = (schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
    if (!schema || depth > 4) return nastyValue;
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        if (schema.format === 'date-time') return fc.constantFrom('2021-08-01T08:00:00+07:00', new Date().toISOString(), '2031-03-03T07:00:00+07:00');
        if (schema.format === 'date') return fc.constantFrom('2021-08-01', '1990-01-01', '2031-03-03');
        if (schema.format === 'uuid') return fc.constantFrom(...ids.uuid);
        return fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom(...ids.uuid, ...ids.code, '0791234567890', '0912345678'));
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(plausible(schema.items, depth + 1), { maxLength: 3 });
      case 'object':
      default:
        if (!schema.properties) return nastyValue;
        return objectFor(schema, depth + 1);
    }
  };

  /** An object for a schema: each field plausible, broken, left out or null; sometimes an extra one. */
  const objectFor = (schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> => {
    const props = Object.entries(schema.properties ?? {});
    const field = (s: Schema) =>
      fc.oneof(
        { weight: 6, arbitrary: plausible(s, depth).map((v) => ({ v })) },
        { weight: 3, arbitrary: nastyValue.map((v) => ({ v })) },
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant({ v: null }) },
      );
    return fc
      .tuple(
        all<{ v: unknown } | undefined>(props.map(([, s]) => field(s))),
        fc.option(fc.tuple(fc.constantFrom('unexpectedField', '__proto__', 'constructor', 'id', 'createdAt'), nastyValue), { freq: 5 }),
      )
      .map(([values, extra]) => {
        const out: Record<string, unknown> = {};
        props.forEach(([name], i) => {
          const cell = values[i];
          if (cell) out[name] = cell.v;
        });
        if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
        return out;
      });
  };

  const pathValue = (name: string) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...(name === 'code' ? ids.code : ids.uuid)) },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: nastyString.filter((s) => s.length > 0 && s.length < 3000) },
    );

  const bodyFor = (op: Operation): fc.Arbitrary<FuzzRequest['body']> => {
    const json = (value: unknown) => ({ kind: 'json' as const, value });
    const raw = (text: string, contentType = 'application/json') => ({ kind: 'raw' as const, text, contentType });
    return fc.oneof(
      { weight: 10, arbitrary: (op.body ? objectFor(op.body) : fc.constant({})).map(json) },
      { weight: 2, arbitrary: nastyValue.map(json) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          raw('{"a":'),
          raw('{"a": 1,}'),
          raw("{'a': 1}"),
          raw(''),
          raw('null'),
          raw('"\\u0000"'),
          raw('{"a":"\\ud800"}'),
          raw('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)),
          raw('['.repeat(10000) + ']'.repeat(10000)),
          raw('{"a":1}', 'text/plain'),
          raw('<a>1</a>', 'application/xml'),
          raw('a=1&b[c]=2&a=%00', 'application/x-www-form-urlencoded'),
          raw('{"a":1}', 'application/json; charset=iso-8859-1'),
          raw('{"a":1}', 'multipart/form-data; boundary=x'),
          raw(JSON.stringify({ big: 'x'.repeat(1_100_000) })),
        ),
      },
    );
  };

  const requestFor = (op: Operation): fc.Arbitrary<FuzzRequest> => {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    return fc.record({
      op: fc.constant(op),
      who: fc.constantFrom<Who>('admin', 'admin', 'admin', 'manager', 'committee', 'nobody', 'garbage'),
      path: all<string>(params.map(pathValue)).map((values) => {
          let i = 0;
          return op.path.replace(/\{(\w+)\}/g, () => encode(values[i++]));
        }),
      query: fc
        .tuple(
          fc.subarray(queryParams),
          fc.array(fc.tuple(fc.constantFrom('unexpected', 'page', 'limit', 'q', 'a[b]'), nastyString), { maxLength: 2 }),
        )
        .chain(([chosen, extra]) =>
          all<[string, string]>(chosen.map((p) => fc.oneof(plausible(p.schema), nastyString).map((v) => [p.name, String(v)] as [string, string]))).map(
            (pairs) => [...pairs, ...extra.map(([k, v]) => [k, v] as [string, string])],
          ),
        ),
      body: op.method === 'get' || op.method === 'delete' ? fc.constant(undefined) : bodyFor(op),
    });
  };

  // ---- the run ----------------------------------------------------------------------------------

  const send = (r: FuzzRequest) => {
    const qs = r.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    let req = t.http()[r.op.method as 'post'](`${r.path}${qs ? `?${qs}` : ''}`);
    const token = tokens[r.who];
    if (token) req = req.set(bearer(token));
    if (r.body?.kind === 'json') return req.set('Content-Type', 'application/json').send(JSON.stringify(r.body.value ?? null));
    if (r.body?.kind === 'raw') return req.set('Content-Type', r.body.contentType).send(r.body.text);
    return req;
  };

  const describeRequest = (r: FuzzRequest) =>
    `${r.op.method.toUpperCase()} ${r.path.slice(0, 120)} as ${r.who}` +
    (r.query.length ? ` query ${JSON.stringify(r.query).slice(0, 150)}` : '') +
    (r.body ? ` body ${(r.body.kind === 'json' ? JSON.stringify(r.body.value) ?? 'undefined' : `${r.body.contentType} ${r.body.text}`).slice(0, 200)}` : '');

  it('never answers 5xx, always the standard error body, never a stack trace or SQL', async () => {
    const requestArb = fc.constantFrom(...operations).chain(requestFor);
    const failures = new Map<string, string>();
    let sent = 0;
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(batch.map((r) => send(r).then((res) => res, (err: Error) => ({ status: 0, text: err.message, body: {} }))));
        sent += batch.length;
        responses.forEach((res, i) => {
          const r = batch[i];
          const text = (res as { text?: string }).text ?? '';
          const body = (res as { body?: Record<string, unknown> }).body ?? {};
          let problem: string | null = null;
          if (res.status >= 500 || res.status === 0) problem = `answered ${res.status}`;
          else if (STACK_OR_SQL.test(text)) problem = 'shows internals';
          else if (res.status >= 400 && (typeof body.code !== 'string' || typeof body.message !== 'string')) problem = 'non-standard error body';
          if (problem) {
            const key = `${r.op.method.toUpperCase()} ${r.op.path}: ${problem} (${res.status})`;
            if (!failures.has(key)) failures.set(key, `${describeRequest(r)} → ${res.status} ${text.slice(0, 300)}`);
          }
        });
        return true;
      }),
      { seed: SEED, numRuns: BATCHES, endOnFailure: true },
    );

    console.log(
      `fuzz: ${sent} requests over ${operations.length} operations in ${Math.round((Date.now() - started) / 1000)} s, ` +
        `seed ${SEED} (repeat with FUZZ_SEED=${SEED}); ${failures.size} kinds of failure`,
    );
    expect(sent).toBeGreaterThanOrEqual(5000);
    expect([...failures.entries()].map(([k, v]) => `${k}\n    ${v}`)).toEqual([]);
  }, 600_000);
});
