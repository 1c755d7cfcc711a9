import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bearer, createFacility, createRoom } from './helpers/fixtures';
import { withServer } from './helpers/database';
import { admitRequest } from './helpers/stays';
import { createTestApp, TestApp } from './helpers/test-app';

// Illustrative personal data, unique to this run so that a hit cannot come from anywhere else.
const tag = randomBytes(3).toString('hex').toUpperCase();
const SECRET = {
  idNumber: `0799${tag.replace(/\D/g, '7').padEnd(8, '3')}`,
  phone: `0977${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`,
  fullName: `Trần Thị Riêngtư ${tag}`,
  address: `Số 12 hẻm Bímật ${tag}`,
  password: `Pa55-secret-${tag}-word`,
  username: `logged-out-${tag.toLowerCase()}`,
};

/**
 * The log must never hold personal data: whatever fails (validation, conflicts, a query error that
 * becomes a 500, a database that goes away), the log says what kind of failure on which route, and
 * nothing of the values involved.
 */
describe('logs hold no personal data', () => {
  let t: TestApp;
  const logFile = join(tmpdir(), `cachly-log-test-${tag}.jsonl`);

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info', LOG_FILE: logFile });
  });
  afterAll(() => t.close());

  const person = (extra: Record<string, unknown> = {}) => ({
    fullName: SECRET.fullName,
    sex: 'female',
    birthYear: 1990,
    idNumber: SECRET.idNumber,
    phone: SECRET.phone,
    address: SECRET.address,
    ...extra,
  });

  it('logs failures by kind, route and request id, and never the values that caused them', async () => {
    const admin = bearer(t.adminToken);
    const facility = await createFacility(t);
    await createRoom(t, facility.id, { sexPolicy: 'female', beds: 2 });

    // 2xx and 4xx with the data in bodies, query strings and headers.
    const created = await t.http().post('/api/v1/people').set(admin).send(person()).expect(201);
    await t.http().post('/api/v1/people').set(admin).send(person()).expect(409);
    await t.http().get('/api/v1/people').query({ q: SECRET.fullName }).set(admin).expect(200);
    await t.http().get('/api/v1/people').query({ q: SECRET.idNumber, nope: SECRET.phone }).set(admin).expect(400);
    await t.http().patch(`/api/v1/people/${created.body.id}`).set(admin).send({ phone: `${SECRET.phone}x` }).expect(400);
    await t.http().post('/api/v1/auth/login').send({ username: SECRET.username, password: SECRET.password }).expect(401);
    await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(`{"password":"${SECRET.password}"`).expect(400);
    await t
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({ username: SECRET.username, fullName: SECRET.fullName, password: SECRET.password, role: 'admin' })
      .expect(201);
    // Through the unique index: the failing INSERT carries the argon2 hash and the name as parameters.
    await t.http().post('/api/v1/users').set(admin).send({ username: SECRET.username, fullName: SECRET.fullName, password: SECRET.password, role: 'admin' }).expect(409);
    await t.http().get(`/api/v1/people/${created.body.id}`).set(admin).set('X-Request-Id', 'known-request-1').expect(200);

    // 5xx: a query fails in a way nothing maps (500), and as if the server were shutting down (503);
    // both failing statements carry the person's id number, phone and name as SQL parameters.
    await t.sql(`CREATE FUNCTION log_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                   BEGIN
                     IF NEW.full_name LIKE '%500%' THEN RAISE EXCEPTION 'boom %', NEW.id_number USING ERRCODE = 'XX000'; END IF;
                     RAISE EXCEPTION 'going away %', NEW.phone USING ERRCODE = '57P01';
                   END $$`);
    await t.sql(`CREATE TRIGGER log_test_fail BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION log_test_fail()`);
    const failed = await t
      .http()
      .post('/api/v1/people')
      .set(admin)
      .set('X-Request-Id', 'known-request-500')
      .send(person({ idNumber: `${SECRET.idNumber}9`, fullName: `${SECRET.fullName} 500` }));
    expect([failed.status, failed.body.code]).toEqual([500, 'INTERNAL_ERROR']);
    const away = await t
      .http()
      .post('/api/v1/stays')
      .set(admin)
      .set('X-Request-Id', 'known-request-503')
      .send({ facilityId: facility.id, classification: 'F1', person: person({ idNumber: `${SECRET.idNumber}8` }) });
    expect([away.status, away.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    await t.sql(`DROP TRIGGER log_test_fail ON people`);

    // And the database really going away in the middle of admissions.
    const admissions = Array.from({ length: 6 }, (_, i) =>
      admitRequest(t, t.adminToken, { facilityId: facility.id, classification: 'F1', person: person({ idNumber: `${SECRET.idNumber}${i}` }) }),
    );
    await withServer((c) =>
      c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [t.dbName]),
    );
    await Promise.all(admissions);

    const log = readFileSync(logFile, 'utf8');
    const lines = log.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.length).toBeGreaterThan(10);

    // The failures are there, with what an operator needs to find them.
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'request failed',
        errorClass: 'QueryFailedError',
        sqlState: 'XX000',
        route: '/api/v1/people',
        requestId: 'known-request-500',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'service unavailable', sqlState: '57P01', route: '/api/v1/stays', requestId: 'known-request-503' }),
    );

    // And not one of the values.
    const hits = [
      SECRET.idNumber,
      SECRET.phone,
      SECRET.phone.slice(1), // without the leading zero, as a phone might be normalised
      SECRET.fullName,
      'Riêngtư',
      SECRET.address,
      SECRET.password,
      '$argon2',
      'INSERT INTO',
      'SELECT ',
    ].filter((secret) => log.includes(secret) || log.includes(JSON.stringify(secret).slice(1, -1)));
    expect(hits).toEqual([]);
  });
});
