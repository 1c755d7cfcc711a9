/**
 * Export memory benchmark: how much the process grows while it exports 200,000 stays.
 *
 *   npm run bench:exports                 # 200,000 stays, CSV then XLSX
 *   npm run bench:exports -- --stays=20000
 *
 * 1. Creates a fresh database (cachly_bench_exports, dropped first) and boots the app in this process
 *    (production settings, scheduler off, a Redis prefix of its own); start-up runs the migrations.
 * 2. Seeds, with set-based SQL: 100 active camps of 10 rooms of 4 beds, and N people each with one
 *    released stay on one of those beds (released stays, so that bed occupancy is not in the way).
 * 3. For each format, asks for an export of every stay as an admin through ExportsService (as
 *    POST /api/v1/exports does), lets the exports queue run it in this process, and samples the
 *    process's memory. Each format runs twice, each time against a baseline taken after a GC: "peak"
 *    samples RSS, V8 heap and external (Buffer) memory every 50 ms and reports the highest growth,
 *    uncollected garbage included; "retained" forces a GC at every 10 % of progress and reports the
 *    highest growth right after it (what the export really holds on to). Also prints the rows, the
 *    file size and how long it took.
 * Needs `node --expose-gc` for a clean baseline (the npm script passes it). Only 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { databaseUrl, drop, dropRedisKeys, onlyLocal, recreate, REDIS_URL, SERVER_URL, withDb } from './bench-services';

const DB = 'cachly_bench_exports';
const STAYS = Number(process.argv.find((a) => a.startsWith('--stays='))?.slice('--stays='.length) ?? 200_000);

async function bootApp(redisPrefix: string): Promise<INestApplication> {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl(DB),
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'bench-admin',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    MIGRATIONS_RUN: 'true',
    JOBS_SCHEDULER_ENABLED: 'false',
  });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.init();
  return app;
}

async function seed(): Promise<void> {
  await withDb(DB, async (c) => {
    await c.query('BEGIN');
    await c.query(`
      CREATE FUNCTION pg_temp.bid(t int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
      $$ SELECT (lpad(to_hex(t), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`);
    await c.query(`INSERT INTO facilities (id, code, name, kind, admin_unit_code, status)
      SELECT pg_temp.bid(1, k), 'BE-' || k, 'Khu cách ly số ' || (k + 1), 'district_camp', (941 + k % 11)::text, 'active'
        FROM generate_series(0, 99) k`);
    await c.query(`INSERT INTO rooms (id, facility_id, code, sex_policy)
      SELECT pg_temp.bid(2, k * 10 + r), pg_temp.bid(1, k), 'P' || (101 + r), 'mixed'
        FROM generate_series(0, 99) k, generate_series(0, 9) r`);
    await c.query(`INSERT INTO beds (id, room_id, code)
      SELECT pg_temp.bid(3, n), pg_temp.bid(2, n / 4), lpad((n % 4 + 1)::text, 2, '0') FROM generate_series(0, 3999) n`);
    await c.query(`INSERT INTO people (id, full_name, search_name, sex, birth_year, id_number, phone, phone_digits, residence_admin_unit_code, address)
      SELECT pg_temp.bid(4, n), 'Nguyễn Văn Thử ' || n, 'nguyen van thu ' || n, (CASE WHEN n % 2 = 0 THEN 'male' ELSE 'female' END)::person_sex,
             1950 + n % 55, '094' || lpad(n::text, 9, '0'), '09' || lpad(n::text, 8, '0'), '09' || lpad(n::text, 8, '0'),
             (941 + n % 11)::text, 'Ấp Hòa Mỹ, xã Tham Đôn, huyện Mỹ Xuyên'
        FROM generate_series(0, ${STAYS - 1}) n`);
    await c.query(`INSERT INTO stays (id, person_id, facility_id, room_id, bed_id, classification, vaccinated, policy_id, status,
                                      admitted_at, cohort_date, period_start_at, expected_release_at, released_at, release_outcome)
      SELECT pg_temp.bid(5, n), pg_temp.bid(4, n), pg_temp.bid(1, (n % 4000) / 40), pg_temp.bid(2, (n % 4000) / 4), pg_temp.bid(3, n % 4000),
             'F1', false, qp.id, 'released', a.at, (a.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, a.at, a.at + interval '14 days',
             a.at + interval '14 days', 'completed'
        FROM generate_series(0, ${STAYS - 1}) n
        CROSS JOIN LATERAL (SELECT timestamptz '2021-01-01 08:00+07' + (n / 4000) * interval '15 days' AS at) a
        CROSS JOIN (SELECT id FROM quarantine_policies WHERE classification = 'F1' AND NOT vaccinated ORDER BY effective_from LIMIT 1) qp`);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  });
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

async function main(): Promise<void> {
  onlyLocal(SERVER_URL);
  onlyLocal(REDIS_URL);
  const redisPrefix = `cachly-bench-exports-${process.pid}-${randomBytes(3).toString('hex')}`;
  console.log('Export memory benchmark');
  console.log(`  machine: ${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await recreate(DB);
  const app = await bootApp(redisPrefix);
  try {
    const started = Date.now();
    await seed();
    console.log(`  seeded ${STAYS} people and released stays in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { ExportsService } = await import('../src/exports/exports.service');
    const { Role } = await import('../src/users/user.entity');
    const { DataSource } = await import('typeorm');
    const exportsService = app.get(ExportsService);
    const [admin] = await app.get(DataSource).query(`SELECT id, username FROM users WHERE role = 'admin' LIMIT 1`);
    const actor = { id: admin.id, username: admin.username, role: Role.Admin, facilityId: null, adminUnitCode: null };

    const gc = (global as { gc?: () => void }).gc;
    if (!gc) throw new Error('Run with node --expose-gc (npm run bench:exports does).');
    console.log('  each format is exported twice: once left alone, sampling every 50 ms for the peak (uncollected');
    console.log('  garbage included), then with a forced GC at every 10 % of progress for what the export retains');
    for (const format of ['csv', 'xlsx'] as const) {
      for (const mode of ['peak', 'retained'] as const) {
        gc();
        await new Promise((r) => setTimeout(r, 200));
        gc();
        const base = process.memoryUsage();
        const top = { rss: base.rss, heap: base.heapUsed, external: base.external };
        const note = (m: NodeJS.MemoryUsage) => {
          top.rss = Math.max(top.rss, m.rss);
          top.heap = Math.max(top.heap, m.heapUsed);
          top.external = Math.max(top.external, m.external);
        };
        const sampler = mode === 'peak' ? setInterval(() => note(process.memoryUsage()), 50) : undefined;
        const t0 = Date.now();
        const { id } = await exportsService.create(actor, { kind: 'stays' as never, format: format as never });
        let status;
        let nextStep = 10;
        for (;;) {
          status = await exportsService.get(actor, id);
          if (status.status === 'done' || status.status === 'failed') break;
          if (mode === 'retained' && status.progress >= nextStep) {
            nextStep = Math.floor(status.progress / 10) * 10 + 10;
            gc();
            note(process.memoryUsage());
          }
          await new Promise((r) => setTimeout(r, 200));
        }
        clearInterval(sampler);
        console.log(
          `  ${format.padEnd(4)} ${mode.padEnd(8)} ${status.status}: ${status.rowCount} rows, ${mb(status.byteSize ?? 0)} MB file in ` +
            `${((Date.now() - t0) / 1000).toFixed(1)} s; growth: RSS ${mb(top.rss - base.rss)} MB, heap ${mb(top.heap - base.heapUsed)} MB, ` +
            `external ${mb(top.external - base.external)} MB (baseline RSS ${mb(base.rss)}, heap ${mb(base.heapUsed)} MB)`,
        );
      }
    }
  } finally {
    await app.close();
    await dropRedisKeys(redisPrefix);
    await drop(DB);
  }
}

// Exits when done: the app is closed, but a queue client's handle could otherwise keep the process waiting.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
