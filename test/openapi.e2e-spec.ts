import { handlerTakesBody, registeredRoutes } from './helpers/routes';
import { createTestApp, TestApp } from './helpers/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Operation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The OpenAPI document clients are written against: it must describe every endpoint the app serves. */
describe('the OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let operations: { method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t.close());

  /** A schema that says something: a $ref to a component with properties, or an inline schema with a type. */
  const described = (schema: Schema | undefined): boolean => {
    if (!schema) return false;
    if (schema.$ref) {
      const component = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
      return Boolean(component) && (Object.keys(component.properties ?? {}).length > 0 || described(component));
    }
    if (schema.allOf) return schema.allOf.some(described);
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives) return alternatives.length > 0 && alternatives.every(described);
    if (schema.type === 'array') return described(schema.items);
    return schema.type !== undefined;
  };

  it('lists exactly the routes the app registers', () => {
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    const routes = registeredRoutes(t.app).map(key).sort();
    expect(routes.length).toBeGreaterThan(20);
    expect(operations.map(key).sort()).toEqual(routes);
  });

  it('documents the path parameters of every route', () => {
    const missing = operations.flatMap(({ method, path, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .filter((name) => !(op.parameters ?? []).some((p) => p.in === 'path' && p.name === name))
        .map((name) => `${method} ${path}: {${name}}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents a JSON request body for every handler that reads one, and for no other', () => {
    const wrong = operations
      .filter(({ op }) => handlerTakesBody(t.app, op.operationId) !== Boolean(op.requestBody))
      .map(({ method, path }) => `${method} ${path}`);
    expect(wrong).toEqual([]);

    const undescribed = operations
      .filter(
        ({ op }) =>
          op.requestBody &&
          !described(op.requestBody.content['application/json']?.schema) &&
          !described(op.requestBody.content['multipart/form-data']?.schema),
      )
      .map(({ method, path }) => `${method} ${path}`);
    expect(undescribed).toEqual([]);
  });

  /** A download (an export's file) is described as binary content of its media types instead of JSON. */
  const isFile = (content?: Record<string, { schema?: object }>) =>
    Object.entries(content ?? {}).some(([type, c]) => type !== 'application/json' && (c.schema as { format?: string } | undefined)?.format === 'binary');

  it('documents a success response with its JSON body (or, for a download, its file) for every route', () => {
    const problems = operations.flatMap(({ method, path, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) return [`${method} ${path}: no success response`];
      return success
        .filter(([status, res]) => status !== '204' && !described(res.content?.['application/json']?.schema) && !isFile(res.content))
        .map(([status]) => `${method} ${path}: ${status} has no described body`);
    });
    expect(problems).toEqual([]);
  });

  it('describes the foundation’s main shapes field by field', () => {
    const props = (name: string) => Object.keys(doc.components.schemas[name]?.properties ?? {}).sort();
    expect(props('LoginDto')).toEqual(['password', 'username']);
    expect(props('LoginResponse')).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(props('CreateRoomDto')).toEqual(['beds', 'building', 'code', 'floor', 'sexPolicy']);
    expect(props('FacilityResponse')).toEqual(
      ['address', 'adminUnitCode', 'code', 'createdAt', 'id', 'kind', 'name', 'notes', 'operator', 'status', 'updatedAt'].sort(),
    );
    expect(props('RegionCapacityResponse')).toEqual(
      ['adminUnitCode', 'childUnits', 'facilities', 'facilitiesLimit', 'facilitiesPage', 'facilitiesTotal', 'name', 'totals'],
    );
    expect(doc.components.schemas.CreateFacilityDto).toMatchObject({
      required: expect.arrayContaining(['code', 'name', 'kind', 'adminUnitCode']),
      properties: { kind: { enum: ['provincial_camp', 'district_camp', 'other', 'treatment_facility'] } },
    });
    // A response never carries a password, hashed or not.
    expect(JSON.stringify(doc.components.schemas.UserResponse)).not.toMatch(/password/i);
  });
});
