import { DataSource, DataSourceOptions } from 'typeorm';

const MIGRATIONS_LOCK = 'cachly:migrations';

/**
 * Runs the pending migrations while holding a session advisory lock, so that instances starting at
 * the same moment migrate one after the other: the first applies them, the others find none pending.
 * (TypeORM's own migrationsRun takes no lock: two instances would both try to apply the same one.)
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATIONS_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATIONS_LOCK]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/** For TypeOrmModule: opens the data source, then migrates it under the lock when asked to. */
export async function createMigratedDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (options.migrationsRun) {
    try {
      await runMigrationsExclusively(dataSource);
    } catch (err) {
      await dataSource.destroy().catch(() => undefined);
      throw err;
    }
  }
  return dataSource;
}
