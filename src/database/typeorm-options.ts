import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { ResilientPgClient } from './resilient-pg-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  migrationsRun?: boolean;
  applicationName?: string;
}

/**
 * One place that says how Cachly talks to PostgreSQL: used by the app, the migration CLI and the
 * tests. The schema comes from migrations only.
 */
export function typeormOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // TypeORM's query and error logging writes SQL parameters (id numbers, phones, hashes): never on.
    logging: false,
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: settings.applicationName ?? 'cachly',
    extra: {
      max: settings.poolSize ?? 20,
      // Fail fast when the database is unreachable, so callers get a clean 503 instead of hanging.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // A dropped connection must never take the process down with it.
      Client: ResilientPgClient,
    },
  };
}
