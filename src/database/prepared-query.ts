import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

const names = new Map<string, string>();

/** A statement's name on the server: derived from its text, so one text always has one name. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cachly_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one of the app's frequent, fixed-text queries as a named prepared statement: each pooled
 * connection parses it once and PostgreSQL may keep its plan, where an unnamed query is parsed and
 * planned on every call. For hot paths only (the guard's user check, the capacity roll-up, the
 * admission): every distinct text stays prepared on every connection for the connection's life.
 *
 * node-postgres takes a query config ({ name, text }) wherever it takes a text, and TypeORM hands the
 * query to it untouched, so the usual pooling, transactions and QueryFailedError wrapping still apply.
 */
export function preparedQuery<T>(runner: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const config = { name: statementName(text), text };
  return runner.query(config as unknown as string, values);
}
