import { Client } from 'pg';

export type DatabaseState = 'ready' | 'missing' | 'unreachable';

/**
 * Whether the configured database can be reached, before the app starts: a database that does not
 * exist will not appear by retrying, so start-up says so once instead of a stack trace per retry.
 */
export async function databaseState(url: string): Promise<{ state: DatabaseState; detail?: string }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return { state: 'ready' };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    // 3D000: invalid_catalog_name, "database … does not exist".
    if (err.code === '3D000') return { state: 'missing', detail: err.message };
    return { state: 'unreachable', detail: err.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The database's name and a URL of the server's maintenance database on the same server. */
export function splitDatabaseUrl(url: string): { name: string; serverUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  parsed.pathname = '/postgres';
  return { name, serverUrl: parsed.toString() };
}

/** Creates the database when it is missing (development and the demo only). Says whether it did. */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  if ((await databaseState(url)).state !== 'missing') return false;
  const { name, serverUrl } = splitDatabaseUrl(url);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    // Identifiers cannot be bound as parameters; quote it the way PostgreSQL does.
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (e) {
    // 42P04: duplicate_database — someone else created it meanwhile, which is just as good.
    if ((e as { code?: string }).code === '42P04') return false;
    throw e;
  } finally {
    await client.end();
  }
}
