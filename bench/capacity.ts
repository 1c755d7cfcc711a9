/**
 * Capacity roll-up benchmark: GET /api/v1/capacity on a national dataset, at 10 connections.
 *
 *   npm run bench:capacity                      # the full size: 63 provinces, 700 districts,
 *                                               # 10,000 facilities, 500,000 beds
 *   BENCH_FACILITIES=1000 npm run bench:capacity   # smaller, for development
 *
 * 1. Creates a fresh database (cachly_bench_capacity, dropped first if it exists) and boots the app as
 *    its own process (production mode, LOG_LEVEL=silent, a Redis prefix of its own); its start-up runs
 *    the migrations and creates the admin.
 * 2. Seeds with set-based SQL, through the app's own tables and triggers: 62 illustrative provinces
 *    besides Sóc Trăng (codes 1–62) with 11 or 12 districts each, 700 district-level units in all;
 *    BENCH_FACILITIES active facilities (default 10,000) spread evenly over the districts, each with
 *    10 rooms of 5 beds (male, female and mixed rooms; 500,000 beds at full size), one bed in 20 out
 *    of service. No people or stays: the roll-up's cost does not depend on the beds' status.
 * 3. For the whole country (admin, no unit: 63 provinces as child rows, the first page of facilities),
 *    one province (code 1) and one district (code 1001): BENCH_WARMUP requests (default 50), then
 *    BENCH_REQUESTS (default 500) with autocannon, 10 connections. Prints p50/p95/p99 latency (ms),
 *    requests/s and non-2xx answers.
 *
 * `npm run bench:capacity -- --dist` runs the compiled app (dist/, after `npm run build`) instead of
 * src/ through ts-node; BENCH_APP_NODE_ARGS adds node flags for the app (e.g. --cpu-prof).
 * BENCH_APP_ROOT runs the app from another checkout of the repository (with its node_modules), to
 * measure an earlier version against the same data. Everything runs against 127.0.0.1 only.
 * Environment: BENCH_DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseUrl, drop, dropRedisKeys, freePort, onlyLocal, percentile, recreate, REDIS_URL, SERVER_URL, withDb } from './bench-services';

// autocannon ships without type declarations: the few parts used here.
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

const DB = 'cachly_bench_capacity';
const APP_ROOT = resolve(process.env.BENCH_APP_ROOT ?? join(__dirname, '..'));
/** `--dist`: the compiled app (node dist/src/main.js, after npm run build), as production runs it. */
const COMPILED = process.argv.includes('--dist');
const FACILITIES = Number(process.env.BENCH_FACILITIES ?? 10_000);
const PROVINCES = 63;
const DISTRICTS = 700;
const ROOMS = 10;
const BEDS_PER_ROOM = 5;
const CONNECTIONS = 10;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const ADMIN = { username: 'bench-admin', password: randomBytes(12).toString('hex') };

/** Illustrative national tree and facilities; Sóc Trăng (94, 941–951) comes from the migrations. */
const SEED_SQL = `
  INSERT INTO admin_units (code, name, level, parent_code)
  SELECT p::text, 'Tỉnh minh họa ' || p, 'province', NULL FROM generate_series(1, ${PROVINCES - 1}) p;

  -- ${DISTRICTS - 11} more districts over the 62 provinces: 11 each, one more for the first few.
  INSERT INTO admin_units (code, name, level, parent_code)
  SELECT (p * 1000 + d)::text, 'Huyện minh họa ' || p || '-' || d, 'district', p::text
    FROM generate_series(1, ${PROVINCES - 1}) p, generate_series(1, 12) d
   WHERE d <= 11 OR p <= ${DISTRICTS - 11 - (PROVINCES - 1) * 11};

  CREATE TEMP TABLE district AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM admin_units WHERE level = 'district';

  INSERT INTO facilities (code, name, kind, admin_unit_code, status)
  SELECT 'BC-' || lpad(k::text, 5, '0'), 'Khu cách ly minh họa ' || k, 'district_camp', d.code, 'active'
    FROM generate_series(0, ${FACILITIES - 1}) k JOIN district d ON d.i = k % ${DISTRICTS};

  INSERT INTO rooms (facility_id, code, sex_policy)
  SELECT f.id, 'P' || r, (CASE r % 3 WHEN 0 THEN 'male' WHEN 1 THEN 'female' ELSE 'mixed' END)::room_sex_policy
    FROM facilities f, generate_series(1, ${ROOMS}) r WHERE f.code LIKE 'BC-%';

  INSERT INTO beds (room_id, code, status)
  SELECT r.id, lpad(b::text, 2, '0'),
         (CASE WHEN (hashtext(r.id::text) + b) % 20 = 0 THEN 'out_of_service' ELSE 'available' END)::bed_status
    FROM rooms r JOIN facilities f ON f.id = r.facility_id, generate_series(1, ${BEDS_PER_ROOM}) b
   WHERE f.code LIKE 'BC-%';`;

async function startApp(redisPrefix: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl(DB),
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    MIGRATIONS_RUN: 'true',
    JOBS_SCHEDULER_ENABLED: 'false',
    TS_NODE_TRANSPILE_ONLY: 'true',
  };
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const entry = COMPILED ? [join(APP_ROOT, 'dist/src/main.js')] : ['-r', 'ts-node/register', join(APP_ROOT, 'src/main.ts')];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: APP_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-4000)));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The app did not answer /health in time:\n${output}`);
    }
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function fire(url: string, token: string, amount: number) {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  let last = started;
  const result = await new Promise<AutocannonResult>((done) => {
    const instance = autocannon({ url, connections: CONNECTIONS, amount, timeout: 60, headers: { authorization: `Bearer ${token}` } });
    instance.on('response', (_c, _status, _bytes, responseTime) => {
      last = process.hrtime.bigint();
      latencies.push(responseTime);
    });
    instance.on('done', done);
  });
  latencies.sort((a, b) => a - b);
  const seconds = Number(last - started) / 1e9;
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / seconds,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  onlyLocal(SERVER_URL);
  onlyLocal(REDIS_URL);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`app from ${APP_ROOT}; ${FACILITIES} facilities, ${FACILITIES * ROOMS * BEDS_PER_ROOM} beds`);
  await recreate(DB);
  const prefix = `bench-capacity-${randomBytes(4).toString('hex')}`;
  let app = await startApp(prefix);
  await app.stop();
  const seedStart = Date.now();
  await withDb(DB, async (c) => {
    await c.query('BEGIN');
    await c.query(SEED_SQL);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  });
  const [counts] = await withDb(DB, async (c) =>
    (
      await c.query(`SELECT (SELECT count(*) FROM admin_units WHERE level = 'province')::int AS provinces,
                            (SELECT count(*) FROM admin_units WHERE level = 'district')::int AS districts,
                            (SELECT count(*) FROM facilities)::int AS facilities, (SELECT count(*) FROM beds)::int AS beds`)
    ).rows,
  );
  console.log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s:`, counts);

  app = await startApp(prefix);
  try {
    const login = await fetch(`${app.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const scenarios = [
      { label: 'country (63 provinces)', query: '' },
      { label: 'one province (code 1)', query: '?adminUnitCode=1' },
      { label: 'one district (code 1001)', query: '?adminUnitCode=1001' },
    ];
    console.log(`\n${CONNECTIONS} connections, ${REQUESTS} requests each after ${WARMUP} to warm up`);
    console.log('scenario                    p50 ms   p95 ms   p99 ms   req/s   failures');
    for (const s of scenarios) {
      const url = `${app.base}/api/v1/capacity${s.query}`;
      const probe = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!probe.ok) throw new Error(`${s.label}: ${probe.status} ${await probe.text()}`);
      await fire(url, token, WARMUP);
      const f = await fire(url, token, REQUESTS);
      console.log(
        `${s.label.padEnd(26)} ${f.p50.toFixed(0).padStart(7)} ${f.p95.toFixed(0).padStart(8)} ${f.p99.toFixed(0).padStart(8)} ${f.perSecond.toFixed(1).padStart(7)} ${String(f.failures).padStart(10)}`,
      );
    }
  } finally {
    await app.stop();
    await dropRedisKeys(prefix);
    if (!process.argv.includes('--keep')) await drop(DB);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
