import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs statements on the server's maintenance database (create/drop databases, simulate outages). */
export async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database for one test file; the app's start-up migrations fill it. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `cachly_test_${randomBytes(6).toString('hex')}`;
  await withServer((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
