import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { validateEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';

const USAGE = `Usage:
  npm run admin -- create --username NAME [--full-name "Full Name"]
  npm run admin -- reset-password --username NAME

Both ask for the password when run in a terminal (leave it empty to have one generated), and
generate one otherwise; a generated password is printed once. reset-password also reactivates the
account and signs out every session it had. Uses DATABASE_URL like the service.`;

const MIN_PASSWORD = 8;

/**
 * The operator's way back in: creates an admin, or resets any account's password, straight in the
 * database (no running service or token needed). Every change is written to the audit log.
 */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { username: { type: 'string' }, 'full-name': { type: 'string' }, help: { type: 'boolean' } },
  });
  const command = positionals[0];
  if (values.help || !values.username || (command !== 'create' && command !== 'reset-password')) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const username = values.username.trim();
  const env = validateEnvironment(process.env);
  const dataSource = new DataSource(typeormOptions({ url: env.DATABASE_URL, poolSize: 1, applicationName: 'cachly-admin' }));
  await dataSource.initialize();
  try {
    const { password, generated } = await choosePassword();
    const hash = await new PasswordHasher().hash(password);
    if (command === 'create') await createAdmin(dataSource, username, values['full-name'] ?? 'Administrator', hash);
    else await resetPassword(dataSource, username, hash);
    console.error(`${command === 'create' ? 'Created admin' : 'Reset the password of'} "${username}".`);
    if (generated) console.error(`Password (shown this once): ${password}`);
  } finally {
    await dataSource.destroy();
  }
}

async function createAdmin(db: DataSource, username: string, fullName: string, hash: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [taken] = await tx.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [username]);
    if (taken) throw new Error(`"${username}" already exists: use reset-password, or another name.`);
    const [user]: { id: string }[] = await tx.query(
      `INSERT INTO users (username, full_name, password_hash, role) VALUES ($1, $2, $3, 'admin') RETURNING id`,
      [username, fullName, hash],
    );
    await audit(tx.query.bind(tx), 'user.created', user.id, { username, role: 'admin', via: 'admin command' });
  });
}

async function resetPassword(db: DataSource, username: string, hash: string): Promise<void> {
  await db.transaction(async (tx) => {
    // For UPDATE … RETURNING the driver answers [rows, affected count].
    const [rows]: [{ id: string }[], number] = await tx.query(
      // A new password revokes every token issued before it, as through the API.
      `UPDATE users SET password_hash = $2, active = true, token_generation = token_generation + 1, updated_at = now()
        WHERE lower(username) = lower($1) RETURNING id`,
      [username, hash],
    );
    if (rows.length === 0) throw new Error(`There is no user "${username}".`);
    await audit(tx.query.bind(tx), 'user.password_reset', rows[0].id, { username, via: 'admin command' });
  });
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

async function audit(query: Query, action: string, userId: string, after: Record<string, unknown>): Promise<void> {
  // No actor: the change was made at the server's console, not by a signed-in user.
  await query(`INSERT INTO audit_events (actor_id, action, entity_type, entity_id, after) VALUES (NULL, $1, 'user', $2, $3)`, [
    action,
    userId,
    JSON.stringify(after),
  ]);
}

async function choosePassword(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) {
    // The prompt is shown; what is typed is not echoed.
    let muted = false;
    const output = new Writable({
      write(chunk, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    try {
      for (;;) {
        const answer = rl.question(`New password (at least ${MIN_PASSWORD} characters; empty to generate one): `);
        muted = true;
        const typed = (await answer).trim();
        muted = false;
        process.stderr.write('\n');
        if (typed === '') break;
        if (typed.length >= MIN_PASSWORD) return { password: typed, generated: false };
        console.error(`Too short: at least ${MIN_PASSWORD} characters.`);
      }
    } finally {
      rl.close();
    }
  }
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
