import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { withServer } from './helpers/database';
import { deleteKeysWithPrefix } from './helpers/redis';
import { compileService, freePort, runEntryPoint } from './helpers/entry-point';

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const databaseExists = (name: string) =>
  withServer(async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1);

describe('Operators: the demo command, a missing database, the admin command', () => {
  const name = `cachly_test_${randomBytes(6).toString('hex')}`;
  const env = { DATABASE_URL: databaseUrl(name), REDIS_PREFIX: name, NODE_ENV: 'development' };

  // The demo runs compiled, as `npm run demo` runs it: files it needs beside the code (the communes
  // data of a migration, the console) must be found from the compiled tree too.
  let compiled = '';
  beforeAll(async () => {
    compiled = await compileService('.test-build-operators');
  }, 300_000);

  afterAll(async () => {
    for (const made of [compiled, `${compiled}.tsconfig.json`]) rmSync(join(__dirname, '..', made), { recursive: true, force: true });
    await withServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await deleteKeysWithPrefix(name);
  });

  async function runDemo(): Promise<{ banner: string }> {
    const port = await freePort();
    const demo = runEntryPoint(`${compiled}/src/cli/demo.js`, { ...env, PORT: String(port) });
    try {
      await demo.waitFor('Stop with Ctrl+C.', 180_000);
      const health = await request(`http://127.0.0.1:${port}`).get('/health');
      expect(health.status).toBe(200);
      // Logs stay JSON from the first line; the welcome is for the person at the terminal, on stderr.
      for (const line of demo.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
      return { banner: demo.stderr() };
    } finally {
      demo.child.kill('SIGTERM');
      await demo.exited;
    }
  }

  let adminPassword = '';

  it('creates the database, loads the sample data and prints a generated admin password once', async () => {
    expect(await databaseExists(name)).toBe(false);
    const { banner } = await runDemo();
    expect(await databaseExists(name)).toBe(true);
    const match = /admin \/ (\S+)\s+<- shown this once/.exec(banner);
    expect(match).not.toBeNull();
    adminPassword = match![1];
    expect(banner).toMatch(/quanly\.thamdon/);
    expect(banner).toMatch(/http:\/\/localhost:\d+\/docs/);
  }, 240_000);

  it('run again, changes nothing and starts again, without a new password', async () => {
    const before = await countRows();
    const { banner } = await runDemo();
    expect(banner).not.toMatch(/shown this once/);
    expect(banner).toMatch(/sample data not loaded again/);
    expect(await countRows()).toEqual(before);
  }, 240_000);

  it('the admin command resets a password when the operator is locked out', async () => {
    const rescue = runEntryPoint('src/cli/admin.ts', env, ['reset-password', '--username', 'admin']);
    expect(await rescue.exited).toBe(0);
    const newPassword = /Password \(shown this once\): (\S+)/.exec(rescue.stderr())?.[1];
    expect(newPassword).toBeDefined();
    expect(newPassword).not.toBe(adminPassword);
    const audited = await query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.password_reset'`);
    expect(audited[0].n).toBe(1);

    const created = runEntryPoint('src/cli/admin.ts', env, ['create', '--username', 'second-admin']);
    expect(await created.exited).toBe(0);
    const [user] = await query(`SELECT role, active FROM users WHERE username = 'second-admin'`);
    expect(user).toEqual({ role: 'admin', active: true });

    const unknown = runEntryPoint('src/cli/admin.ts', env, ['reset-password', '--username', 'nobody']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr()).toMatch(/no user "nobody"/);
  }, 120_000);

  it('in production, a missing database stops the service with one JSON line and creates nothing', async () => {
    const missing = `cachly_test_missing_${randomBytes(4).toString('hex')}`;
    const service = runEntryPoint('src/main.ts', {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(missing),
      REDIS_PREFIX: missing,
      PORT: String(await freePort()),
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'admin-password-123',
    });
    expect(await service.exited).toBe(1);
    const lines = (service.stdout() + service.stderr()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 60, msg: expect.stringMatching(/database "cachly_test_missing_\w+" does not exist/) });
    expect(await databaseExists(missing)).toBe(false);
  }, 120_000);

  async function countRows() {
    const [row] = await query(
      `SELECT (SELECT count(*)::int FROM facilities) AS facilities, (SELECT count(*)::int FROM beds) AS beds,
              (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM staff_members) AS staff`,
    );
    return row;
  }

  async function query(sql: string): Promise<any[]> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
});
