import { DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI extension that @Public() puts on an operation; replaced by `security: []`. */
export const PUBLIC_OPERATION = 'x-cachly-public';

/**
 * Tags in the order of the work: signing in, the people and places, a stay from admission to
 * release, the day's follow-up, the committees' numbers, then operations. Tags not listed here keep
 * the order in which they first appear, after these.
 */
const TAG_ORDER: [name: string, description: string][] = [
  ['auth', 'Signing in: a bearer token for API clients, a cookie session for the console'],
  ['users', 'Accounts, roles and scopes (admins)'],
  ['admin-units', 'Province, districts and communes by official code'],
  ['facilities', 'Quarantine sites and their capacity'],
  ['rooms and beds', 'Rooms and beds of a facility'],
  ['staffing', 'Staff, staffing frames (khung cách ly), duty rosters and coverage'],
  ['policies', 'Quarantine periods and test days by classification'],
  ['people', 'Quarantined people (ID numbers and phones masked for anyone without a need)'],
  ['stays', 'Admission, transfer and release'],
  ['tests', 'Test samples and results'],
  ['health checks', 'Temperature and symptoms, twice a day'],
  ['today', "The day's lists of a facility or an area"],
  ['transfer requests', 'Moves between facilities, requested and accepted'],
  ['certificates', 'Release certificates and their public verification'],
  ['home monitoring', 'People released to home monitoring, followed by their commune'],
  ['alerts', 'Flags raised by checks and scheduled jobs'],
  ['capacity', 'Beds of an area, rolled up'],
  ['reports', 'Daily reports for any date'],
  ['exports', 'Spreadsheets made in the background'],
  ['intake lists', 'Lists of expected arrivals imported from spreadsheets'],
  ['jobs', 'Scheduled jobs: last runs, run now'],
  ['audit', 'Who changed what, when'],
  ['health', 'Liveness and readiness for operators and platforms'],
];

export function documentConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Cachly')
    .setDescription(
      'Quarantine facilities: sites, rooms and beds, staffing frames, and the intake and release of quarantined people. ' +
        'Errors carry a stable `code`; lists take `page` and `limit`.',
    )
    .setVersion('1')
    .setLicense('UNLICENSED (not published under a licence)', '')
    .addServer('/', 'This service')
    .addBearerAuth()
    .addCookieAuth('cachly_session', {
      type: 'apiKey',
      in: 'cookie',
      description: 'Browser session (POST /api/v1/auth/session); requests that change anything also need X-CSRF-Token.',
    }, 'cookie')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('cookie')
    .build();
}

/**
 * Puts the operations in the order of the work and marks public operations as needing no token.
 * Swagger UI and code generators show paths and tags in document order.
 */
export function orderAndMarkOperations(document: OpenAPIObject): OpenAPIObject {
  const order = TAG_ORDER.map(([name]) => name);
  const firstTag = (item: object): string =>
    Object.values(item).find((op: { tags?: string[] }) => op?.tags?.length)?.tags?.[0] ?? '';
  const entries = Object.entries(document.paths);
  for (const [name] of entries.map(([, item]) => [firstTag(item)])) if (name && !order.includes(name)) order.push(name);
  entries.sort(([, a], [, b]) => order.indexOf(firstTag(a)) - order.indexOf(firstTag(b)));
  document.paths = Object.fromEntries(entries);

  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as Record<string, unknown>[]) {
      if (op && typeof op === 'object' && op[PUBLIC_OPERATION]) {
        op.security = [];
        delete op[PUBLIC_OPERATION];
      }
    }
  }
  const used = new Set(Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op: { tags?: string[] }) => op?.tags ?? [])));
  const descriptions = new Map(TAG_ORDER);
  document.tags = order.filter((name) => used.has(name)).map((name) => ({ name, description: descriptions.get(name) ?? name }));
  return document;
}
