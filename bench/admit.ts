/**
 * Admission benchmark: the real app through HTTP against the same database work as raw SQL.
 *
 *   npm run bench:admit              # the app from src/ (TypeScript transpiled on load, no type check)
 *   npm run bench:admit -- --dist    # the compiled app in dist/ (run `npm run build` first)
 *
 * 1. Builds a template database once per run: the app's own start-up migrations, a first admin, then a
 *    province of 10 active facilities × 20 rooms × 5 beds (8 male, 8 female and 4 mixed rooms each:
 *    1,000 beds) and a separate warm-up facility of 200 beds.
 * 2. HTTP: copies the template to a fresh database, boots the app as its own process (production mode,
 *    LOG_LEVEL=silent, a Redis prefix of its own), logs in as admin, warms up on the warm-up facility,
 *    then fires ADMISSIONS new-person admissions at the province with autocannon, 32 connections, each
 *    request with a fresh person and a fresh Idempotency-Key.
 * 3. Raw SQL: stops the app, copies the template again (same empty beds), and runs bench/admit.pgbench.sql
 *    (one transaction per admission, the statements the service issues) with pgbench, 32 clients, the
 *    same warm-up and the same number of admissions.
 * 4. Repeats 2 and 3 (three rounds by default, alternating so that other load on the machine weighs
 *    on both alike), prints admissions/s, latency percentiles and errors for each, then the medians
 *    and the ratio HTTP ÷ raw.
 * 5. Two open-model runs, each on a fresh copy with a fresh app process, 200 connections offering
 *    100 admissions/s for 8 s: autocannon's overallRate (which sends each second's quota in one burst
 *    at the second's start), and steady arrivals (one admission every 10 ms, bench/steady-arrivals.ts).
 *    Each reports p50/p99 and the app process's peak resident memory.
 *
 * Everything runs against 127.0.0.1 only and takes about two minutes on two cores.
 * Environment: BENCH_ROUNDS (default 3), BENCH_DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379), PGBENCH (path to pgbench), DATABASE_POOL_SIZE
 * (passed to the app; its default otherwise), BENCH_APP_NODE_ARGS (extra node flags for the app, e.g.
 * "--cpu-prof --cpu-prof-dir=prof" to profile it), BENCH_APP_OUTPUT (a file the app's output is appended to,
 * e.g. with BENCH_APP_NODE_ARGS=--trace-gc).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { steadyArrivals } from './steady-arrivals';
import { databaseUrl, drop, dropRedisKeys, freePort, onlyLocal, percentile, recreate, REDIS_URL, SERVER_URL, withDb } from './bench-services';

// autocannon ships without type declarations: the few parts used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  amount: number;
  /** Requests per second offered across all connections (an open model), instead of as fast as answered. */
  overallRate?: number;
  timeout: number;
  method: string;
  headers: Record<string, string>;
  requests: { setupRequest: (req: AutocannonRequest) => AutocannonRequest; onResponse?: (status: number, body: string) => void }[];
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: AutocannonOptions) => AutocannonInstance;

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');

const DB = 'cachly_bench';
const TEMPLATE = 'cachly_bench_template';

const CONCURRENCY = 32;
/** Per connection/client; 32 × 30 = 960 admissions, 96 per facility: the province ends 96 % full. */
const PER_CLIENT = 30;
const ADMISSIONS = CONCURRENCY * PER_CLIENT;
const WARMUP_PER_CLIENT = 5;
/** HTTP and raw phases alternate this many times (BENCH_ROUNDS; 0 runs only the open model); the summary reports medians. */
const ROUNDS = ((n) => (Number.isInteger(n) && n >= 0 ? n : 3))(Number(process.env.BENCH_ROUNDS ?? 3));
const FACILITIES = 10;
/** The open-model run: 200 clients offering 100 admissions/s for 8 s (800 of the 1,000 beds). */
const OPEN_MODEL = { clients: 200, rate: 100, seconds: 8 };
const WARMUP_FACILITY = 99;
const ADMIN = { username: 'bench-admin', password: randomBytes(12).toString('hex') };

const facilityId = (k: number) => `b0000000-0000-4000-8000-${String(k).padStart(12, '0')}`;

interface Figures {
  label: string;
  admissions: number;
  seconds: number;
  perSecond: number;
  /** CPU time of the app process per admission, in ms (HTTP only). */
  appCpuMs?: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  detail: string;
}

// ---------------------------------------------------------------- databases

/** The province and the warm-up facility, straight into the tables (the rooms API makes the same rows). */
async function seed(name: string): Promise<void> {
  await withDb(name, async (c) => {
    await c.query('BEGIN');
    const ks = [...Array(FACILITIES).keys(), WARMUP_FACILITY];
    for (const k of ks) {
      const warm = k === WARMUP_FACILITY;
      await c.query(
        `INSERT INTO facilities (id, code, name, kind, admin_unit_code, status)
         VALUES ($1, $2, $3, 'district_camp', $4, 'active')`,
        [facilityId(k), warm ? 'BENCH-WARMUP' : `BENCH-${k}`, warm ? 'Warm-up camp' : `District camp ${k + 1}`, warm ? '951' : String(941 + k)],
      );
      const rooms = warm ? 40 : 20;
      await c.query(
        `INSERT INTO rooms (facility_id, code, sex_policy)
         SELECT $1, 'A-' || lpad(r::text, 3, '0'),
                (CASE WHEN r <= $2::int * 2 / 5 THEN 'male' WHEN r <= $2::int * 4 / 5 THEN 'female' ELSE 'mixed' END)::room_sex_policy
           FROM generate_series(1, $2::int) r`,
        [facilityId(k), rooms],
      );
    }
    await c.query(
      `INSERT INTO beds (room_id, code) SELECT r.id, lpad(b::text, 2, '0') FROM rooms r CROSS JOIN generate_series(1, 5) b`,
    );
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  });
}

interface Counts {
  open_stays: number;
  occupied_beds: number;
  people: number;
  idempotency_keys: number;
  audit_events: number;
  inconsistent_beds: number;
}

async function counts(name: string): Promise<Counts> {
  return withDb(name, async (c) => {
    const { rows } = await c.query(
      `SELECT (SELECT count(*)::int FROM stays WHERE status = 'admitted' AND facility_id <> $1) AS open_stays,
              (SELECT count(*)::int FROM beds b JOIN rooms r ON r.id = b.room_id
                WHERE b.status = 'occupied' AND r.facility_id <> $1) AS occupied_beds,
              (SELECT count(*)::int FROM people) AS people,
              (SELECT count(*)::int FROM idempotency_keys) AS idempotency_keys,
              (SELECT count(*)::int FROM audit_events) AS audit_events,
              (SELECT count(*)::int FROM beds b WHERE (b.status = 'occupied') <>
                 EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.status IN ('admitted', 'positive'))) AS inconsistent_beds`,
      [facilityId(WARMUP_FACILITY)],
    );
    return rows[0];
  });
}

async function checkpoint(name: string): Promise<void> {
  await withDb(name, (c) => c.query('CHECKPOINT'));
}

// ---------------------------------------------------------------- the app

interface RunningApp {
  base: string;
  /** The app process's peak resident set size so far (VmHWM), in MB; NaN where /proc is missing. */
  peakRssMb: () => number;
  /** CPU time (user + system) the app's process has used so far, in ms; NaN where /proc is missing. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

let clockTicks = 100;

function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

function processPeakRssMb(pid: number | undefined): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

async function startApp(dbName: string, mode: 'src' | 'dist', redisPrefix: string): Promise<RunningApp> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    MIGRATIONS_RUN: 'true',
    TS_NODE_TRANSPILE_ONLY: 'true',
  };
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [...nodeArgs, ...(mode === 'dist' ? [join(ROOT, 'dist/src/main.js')] : ['-r', 'ts-node/register', join(ROOT, 'src/main.ts')])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = process.env.BENCH_APP_OUTPUT ? createWriteStream(process.env.BENCH_APP_OUTPUT, { flags: 'a' }) : undefined;
  if (keep) {
    child.stdout!.pipe(keep);
    child.stderr!.pipe(keep);
  }
  child.stdout!.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-4000)));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The app did not answer /health within 90 s:\n${output}`);
    }
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    base,
    peakRssMb: () => processPeakRssMb(child.pid),
    cpuMs: () => processCpuMs(child.pid),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Admission i goes to facility ffirst + i % facilities; sexes alternate by rounds of facilities. */
function admission(i: number, spread: { ffirst: number; facilities: number; tag: string }) {
  const male = Math.floor(i / spread.facilities) % 2 === 0;
  return {
    facilityId: facilityId(spread.ffirst + (i % spread.facilities)),
    classification: 'F1',
    person: {
      fullName: `Nguyễn Văn ${randomBytes(6).toString('hex')}`,
      sex: male ? 'male' : 'female',
      birthYear: 1985,
      idNumber: `${spread.tag}${String(i).padStart(8, '0')}`,
      phone: '0912345678',
      vaccinationDoses: 0,
    },
  };
}

/** Closed model: CONCURRENCY connections, each sending its next request when the last is answered. */
const CLOSED = { connections: CONCURRENCY };

async function fireAdmissions(
  app: RunningApp,
  token: string,
  amount: number,
  spread: { ffirst: number; facilities: number; tag: string },
  load: { connections: number; overallRate?: number } = CLOSED,
): Promise<Figures> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const samples: string[] = [];
  const cpuBefore = app.cpuMs();
  const started = process.hrtime.bigint();
  // autocannon reports "done" on its next one-second tick: the run ends with its last response.
  let lastResponse = started;
  const result = await new Promise<AutocannonResult>((done) => {
    const instance = autocannon({
      url: `${app.base}/api/v1/stays`,
      connections: load.connections,
      overallRate: load.overallRate,
      amount,
      timeout: 30,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, 'idempotency-key': randomUUID() },
            body: JSON.stringify(admission(next++, spread)),
          }),
          onResponse: (status, body) => {
            if ((status < 200 || status > 299) && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
          },
        },
      ],
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastResponse = process.hrtime.bigint();
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
    instance.on('done', done);
  });
  const seconds = Number(lastResponse - started) / 1e9;
  const appCpuMs = app.cpuMs() - cpuBefore;
  latencies.sort((a, b) => a - b);
  const created = statuses.get(201) ?? 0;
  return {
    label: 'HTTP (autocannon)',
    admissions: created,
    seconds,
    perSecond: created / seconds,
    appCpuMs: appCpuMs / Math.max(created, 1),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: result.non2xx + result.errors + result.timeouts,
    detail:
      `statuses ${JSON.stringify(Object.fromEntries(statuses))}, non-2xx ${result.non2xx}, ` +
      `socket errors ${result.errors}, timeouts ${result.timeouts}` +
      (samples.length ? `\n    e.g. ${samples.join('\n    e.g. ')}` : ''),
  };
}

/** Open model with steady arrivals: an admission every 1000/rate ms, whatever the answers do. */
async function offerSteadily(
  app: RunningApp,
  token: string,
  amount: number,
  spread: { ffirst: number; facilities: number; tag: string },
  load: { connections: number; rate: number },
): Promise<Figures> {
  const cpuBefore = app.cpuMs();
  const run = await steadyArrivals({
    url: `${app.base}/api/v1/stays`,
    connections: load.connections,
    rate: load.rate,
    amount,
    headers: { authorization: `Bearer ${token}` },
    next: (i) => ({ headers: { 'idempotency-key': randomUUID() }, body: admission(i, spread) }),
  });
  const created = run.statuses.get(201) ?? 0;
  const failures = amount - created;
  return {
    label: `HTTP, steady arrivals (${load.rate}/s on ${load.connections} connections)`,
    admissions: created,
    seconds: run.seconds,
    perSecond: created / run.seconds,
    appCpuMs: (app.cpuMs() - cpuBefore) / Math.max(created, 1),
    p50: percentile(run.latencies, 50),
    p95: percentile(run.latencies, 95),
    p99: percentile(run.latencies, 99),
    failures,
    detail: `statuses ${JSON.stringify(Object.fromEntries(run.statuses))}` + (run.samples.length ? `\n    e.g. ${run.samples.join('\n    e.g. ')}` : ''),
  };
}

// ---------------------------------------------------------------- pgbench

function pgbenchPath(): string {
  if (process.env.PGBENCH) return process.env.PGBENCH;
  for (const p of ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench']) if (existsSync(p)) return p;
  return 'pgbench';
}

async function pgbench(
  dbName: string,
  adminId: string,
  perClient: number,
  spread: { ffirst: number; facilities: number; tag: string },
): Promise<Figures> {
  const url = new URL(databaseUrl(dbName));
  const logDir = mkdtempSync(join(tmpdir(), 'cachly-pgbench-'));
  try {
    const args = [
      '-n', // no vacuum of pgbench's own tables (there are none)
      '-M', 'extended',
      '-c', String(CONCURRENCY),
      '-j', String(Math.min(CONCURRENCY, cpus().length)),
      '-t', String(perClient),
      '--max-tries=10',
      '-f', join(ROOT, 'bench/admit.pgbench.sql'),
      '-D', `admin=${adminId}`,
      '-D', 'n=0',
      '-D', `per_client=${perClient}`,
      '-D', `ffirst=${spread.ffirst}`,
      '-D', `facilities=${spread.facilities}`,
      '-D', `tag=${spread.tag}`,
      '-l', `--log-prefix=${join(logDir, 'tx')}`,
      '-h', url.hostname,
      '-p', url.port || '5432',
      '-U', decodeURIComponent(url.username) || 'postgres',
      dbName,
    ];
    const { stdout } = await run(pgbenchPath(), args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) }, maxBuffer: 1 << 24 }).catch(
      (err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`pgbench failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
      },
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    const processed = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    const retried = Number(/number of transactions retried: (\d+)/.exec(stdout)?.[1] ?? 0);
    const latencies: number[] = [];
    for (const file of readdirSync(logDir)) {
      for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
        const fields = line.trim().split(/\s+/);
        if (fields.length >= 3 && /^\d+$/.test(fields[2])) latencies.push(Number(fields[2]) / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const expected = CONCURRENCY * perClient;
    return {
      label: 'raw SQL (pgbench)',
      admissions: processed,
      seconds: processed / tps,
      perSecond: tps,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      failures: failed + (expected - processed),
      detail: `processed ${processed}/${expected}, failed ${failed}, retried whole (no bed in 3 rooms) ${retried}`,
    };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const ms = (v: number) => `${v.toFixed(1)} ms`;

function print(f: Figures, c: Counts): void {
  console.log(`  ${f.label}`);
  console.log(`    admissions/s  ${f.perSecond.toFixed(1)}   (${f.admissions} admitted in ${f.seconds.toFixed(2)} s)`);
  console.log(`    latency       p50 ${ms(f.p50)}   p95 ${ms(f.p95)}   p99 ${ms(f.p99)}`);
  if (f.appCpuMs !== undefined) console.log(`    app CPU       ${f.appCpuMs.toFixed(2)} ms per admission (user + system, the app's process)`);
  console.log(`    errors        ${f.failures}   (${f.detail})`);
  console.log(
    `    database      ${c.open_stays} open stays, ${c.occupied_beds} occupied beds in the province, ` +
      `${c.inconsistent_beds} inconsistent beds`,
  );
}

async function main(): Promise<void> {
  onlyLocal(SERVER_URL);
  onlyLocal(REDIS_URL);
  const mode: 'src' | 'dist' = process.argv.includes('--dist') ? 'dist' : 'src';
  if (mode === 'dist' && !existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('No dist/src/main.js: run `npm run build` first.');
  clockTicks = Number((await run('getconf', ['CLK_TCK']).catch(() => ({ stdout: '100' }))).stdout) || 100;
  const redisPrefix = `cachly-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  const pgVersion = await withDb('postgres', async (c) => (await c.query('SHOW server_version')).rows[0].server_version);

  console.log('Admission benchmark');
  console.log(
    `  machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL ${pgVersion}, ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `  app: ${mode === 'dist' ? 'compiled, node dist/src/main.js' : 'src/main.ts through ts-node (transpile only)'}, ` +
      `NODE_ENV=production, LOG_LEVEL=silent, DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? 'default'}`,
  );
  console.log(
    `  work: ${ADMISSIONS} admissions of new people (F1) at ${FACILITIES} facilities / 1000 beds, concurrency ${CONCURRENCY}, ` +
      `after ${CONCURRENCY * WARMUP_PER_CLIENT} warm-up admissions elsewhere`,
  );

  // The template: migrated by the app itself (and its first admin created), then seeded.
  await recreate(TEMPLATE);
  const migrating = await startApp(TEMPLATE, mode, redisPrefix);
  await migrating.stop();
  await seed(TEMPLATE);

  const province = { ffirst: 0, facilities: FACILITIES };
  const warmup = { ffirst: WARMUP_FACILITY, facilities: 1 };
  const rounds: { http: Figures; raw: Figures }[] = [];
  const openModel = {} as Record<'bursts' | 'steady', { figures: Figures; peakRssMb: number }>;

  // HTTP and raw SQL alternate, each on a fresh copy of the template (the same empty beds), so that
  // whatever else the machine is doing weighs on both alike; the summary takes medians.
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await recreate(DB, TEMPLATE);
      const app = await startApp(DB, mode, redisPrefix);
      let http: Figures;
      try {
        const token = await login(app.base);
        await fireAdmissions(app, token, CONCURRENCY * WARMUP_PER_CLIENT, { ...warmup, tag: '0799' });
        await checkpoint(DB);
        http = await fireAdmissions(app, token, ADMISSIONS, { ...province, tag: '0791' });
      } finally {
        await app.stop();
        await dropRedisKeys(redisPrefix);
      }
      const httpCounts = await counts(DB);

      await recreate(DB, TEMPLATE);
      const adminId = await withDb(
        DB,
        async (c) => (await c.query(`SELECT id FROM users WHERE username = $1`, [ADMIN.username])).rows[0].id,
      );
      await pgbench(DB, adminId, WARMUP_PER_CLIENT, { ...warmup, tag: '0799' });
      await checkpoint(DB);
      const raw = await pgbench(DB, adminId, PER_CLIENT, { ...province, tag: '0791' });
      const rawCounts = await counts(DB);

      console.log(`Round ${round} of ${ROUNDS}   (load average now ${loadavg()[0].toFixed(2)})`);
      print(http, httpCounts);
      print(raw, rawCounts);
      console.log(`  ratio HTTP ÷ raw: ${(http.perSecond / raw.perSecond).toFixed(2)}`);
      rounds.push({ http, raw });
    }
    // Open model: many clients offering a fixed rate, as a real intake does (buses arriving), rather
    // than a fixed number of clients each waiting for its answer: latency shows the service, not a queue.
    // Each kind of arrival gets a fresh copy and a fresh process, so each peak memory is its own.
    const offered = OPEN_MODEL.rate * OPEN_MODEL.seconds;
    const load = { connections: OPEN_MODEL.clients, rate: OPEN_MODEL.rate };
    for (const kind of ['bursts', 'steady'] as const) {
      await recreate(DB, TEMPLATE);
      const app = await startApp(DB, mode, redisPrefix);
      try {
        const token = await login(app.base);
        await fireAdmissions(app, token, CONCURRENCY * WARMUP_PER_CLIENT, { ...warmup, tag: '0799' });
        await checkpoint(DB);
        const figures =
          kind === 'bursts'
            ? await fireAdmissions(app, token, offered, { ...province, tag: '0791' }, { connections: load.connections, overallRate: load.rate })
            : await offerSteadily(app, token, offered, { ...province, tag: '0791' }, load);
        if (kind === 'bursts') figures.label = `HTTP, autocannon overallRate (${load.rate}/s, sent in one burst each second)`;
        openModel[kind] = { figures, peakRssMb: app.peakRssMb() };
      } finally {
        await app.stop();
        await dropRedisKeys(redisPrefix);
      }
      print(openModel[kind].figures, await counts(DB));
      console.log(`    app peak RSS  ${openModel[kind].peakRssMb.toFixed(0)} MB`);
    }
  } finally {
    await drop(TEMPLATE);
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const of = (phase: 'http' | 'raw', key: 'perSecond' | 'p50' | 'p95' | 'p99' | 'failures') =>
    median(rounds.map((r) => r[phase][key]));
  const httpRate = of('http', 'perSecond');
  const rawRate = of('raw', 'perSecond');
  const ratio = httpRate / rawRate;
  if (rounds.length > 0) {
    console.log(`Summary: medians of ${ROUNDS} rounds`);
    console.log(
      `  HTTP  ${httpRate.toFixed(1)} admissions/s   p50 ${ms(of('http', 'p50'))}   p95 ${ms(of('http', 'p95'))}   ` +
        `p99 ${ms(of('http', 'p99'))}   errors/non-2xx ${rounds.map((r) => r.http.failures).join(' + ')}   ` +
        `app CPU ${median(rounds.map((r) => r.http.appCpuMs ?? NaN)).toFixed(2)} ms per admission`,
    );
    console.log(
      `  raw   ${rawRate.toFixed(1)} transactions/s   p50 ${ms(of('raw', 'p50'))}   p95 ${ms(of('raw', 'p95'))}   ` +
        `p99 ${ms(of('raw', 'p99'))}   failed ${rounds.map((r) => r.raw.failures).join(' + ')}`,
    );
    console.log(`  ratio HTTP ÷ raw: ${ratio.toFixed(2)}   (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  }
  for (const kind of ['steady', 'bursts'] as const) {
    const o = openModel[kind].figures;
    console.log(
      `  open model, ${kind === 'steady' ? 'steady arrivals' : 'autocannon bursts'}: ${OPEN_MODEL.clients} connections offering ` +
        `${OPEN_MODEL.rate} admissions/s for ${OPEN_MODEL.seconds} s: served ${o.perSecond.toFixed(1)}/s, p50 ${ms(o.p50)}, ` +
        `p99 ${ms(o.p99)} (goal < 300 ms), errors ${o.failures}, app peak RSS ${openModel[kind].peakRssMb.toFixed(0)} MB (goal < 250 MB)`,
    );
  }
  console.log(`  (database ${DB} is left in place for inspection; the next run drops it)`);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
