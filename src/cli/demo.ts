import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startService } from '../bootstrap';
import { BootstrapLogger } from '../config/bootstrap-logger';
import { validateEnvironment } from '../config/environment';
import { createDatabaseIfMissing } from '../database/preflight';
import { loadSampleData, SAMPLE_ACCOUNTS } from '../database/seed-sample';
import { typeormOptions } from '../database/typeorm-options';
import { PasswordHasher } from '../auth/password-hasher';
import { ensureFirstAdmin } from '../users/first-admin';

const DEMO_ADMIN = 'admin';

/**
 * `npm run demo`: a running service with sample data on a machine with PostgreSQL and Redis at their
 * defaults, for development only. Creates the database when it is missing, migrates, loads the
 * sample data into an empty database, creates an admin with a generated password when there is no
 * admin (printed once), then starts the service. Run again, it changes nothing and starts again.
 */
async function demo(): Promise<void> {
  process.env.NODE_ENV ??= 'development';
  const env = validateEnvironment(process.env);
  if (env.NODE_ENV === 'production') {
    throw new Error('npm run demo is for development: it creates databases and passwords. Refusing with NODE_ENV=production.');
  }
  const notes: string[] = [];
  if (await createDatabaseIfMissing(env.DATABASE_URL)) notes.push(`Created the database (${redactUrl(env.DATABASE_URL)}).`);

  const dataSource = new DataSource(
    typeormOptions({ url: env.DATABASE_URL, poolSize: 2, migrationsRun: true, applicationName: 'cachly-demo' }),
  );
  await dataSource.initialize();
  let adminPassword: string | null = null;
  try {
    const hasher = new PasswordHasher();
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM facilities`);
    if (count === 0) notes.push(...(await loadSampleData(dataSource, env.TZ_DEFAULT, hasher)));
    else notes.push(`The database already has ${count} facilities: sample data not loaded again.`);

    const password = randomBytes(12).toString('base64url');
    const outcome = await ensureFirstAdmin(dataSource.manager, hasher, DEMO_ADMIN, password);
    if (outcome === 'created') adminPassword = password;
    if (outcome === 'username-taken') {
      notes.push(`There is no active admin and "${DEMO_ADMIN}" is taken: npm run admin -- reset-password --username ${DEMO_ADMIN}`);
    }
  } finally {
    await dataSource.destroy();
  }

  await startService();
  printWelcome(env.PORT, notes, adminPassword);
}

function printWelcome(port: number, notes: string[], adminPassword: string | null): void {
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    '================ Cachly is running (development, sample data) ================',
    ...notes.map((n) => `  ${n}`),
    '',
    `  Console           ${base}/`,
    `  API documentation ${base}/docs`,
    `  Health            ${base}/health/ready`,
    '',
    adminPassword
      ? `  Admin account     ${DEMO_ADMIN} / ${adminPassword}   <- shown this once: note it now`
      : `  Admin account     ${DEMO_ADMIN} (its password was printed when it was created; lost it? ` +
        `npm run admin -- reset-password --username ${DEMO_ADMIN})`,
    '  Sample accounts (published sample credentials, illustrative only):',
    ...SAMPLE_ACCOUNTS.map((a) => `    ${a.username.padEnd(16)} / ${a.password.padEnd(22)} ${a.fullName}`),
    '',
    '  Stop with Ctrl+C.',
    '===============================================================================',
    '',
  ];
  // For the person at the terminal, not for a log collector: plain text on stderr.
  process.stderr.write(lines.join('\n') + '\n');
}

function redactUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

demo().catch((err: Error) => {
  new BootstrapLogger().fatal(err.message, 'Demo');
  process.exit(1);
});
