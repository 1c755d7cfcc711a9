import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

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
 * Runs a query straight on node-postgres: on the transaction's connection when `runner` is a
 * transaction's manager, else on a pooled one for this query alone. TypeORM's own query() wraps each
 * query in logging hooks and subscriber broadcasts (several promises for every statement), which on
 * the hot paths (the guard's user check, an admission's statements, the capacity roll-up) cost a
 * noticeable share of the request. Errors are still QueryFailedError, so the error filter maps
 * constraint violations as it does for every other query.
 */
export function hotQuery<T>(runner: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  return run<T>(runner, { text, values });
}

/**
 * hotQuery as a named prepared statement: each pooled connection parses it once and PostgreSQL may
 * keep its plan, where an unnamed query is parsed and planned on every call. For fixed texts only
 * (every distinct text stays prepared on every connection for the connection's life).
 */
export function preparedQuery<T>(runner: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  return run<T>(runner, { name: statementName(text), text, values });
}

async function run<T>(runner: DataSource | EntityManager, config: QueryConfig): Promise<T[]> {
  const manager = runner instanceof DataSource ? runner.manager : runner;
  const queryRunner = manager.queryRunner as PostgresQueryRunner | undefined;
  // A released query runner is left to TypeORM, which says so with its own error.
  if (queryRunner?.isReleased) return manager.query(config as unknown as string, config.values);
  try {
    const result = queryRunner
      ? await ((await queryRunner.connect()) as PoolClient).query(config)
      : await ((manager.connection.driver as PostgresDriver).master as Pool).query(config);
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(config.text, config.values, error as Error);
  }
}
