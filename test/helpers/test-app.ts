import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase } from './database';
import { deleteKeysWithPrefix } from './redis';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export interface TestApp {
  app: INestApplication;
  dbName: string;
  /** supertest against the in-process app */
  http: () => ReturnType<typeof request>;
  /** raw SQL against the test database, for checking invariants */
  sql: <T = Record<string, any>>(query: string, params?: unknown[]) => Promise<T[]>;
  login: (username: string, password: string) => Promise<string>;
  adminToken: string;
  close: () => Promise<void>;
}

/**
 * Boots the whole app in-process against a fresh database of its own (created here, migrated by the
 * app's start-up, dropped by close()) and the real Redis under a key prefix of its own.
 */
let booted = false;

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // The app module reads its configuration once per test file (see below): a second app in the same
  // file would silently reuse the first one's database and settings.
  if (booted) throw new Error('createTestApp boots one app per test file; put a second configuration in a file of its own.');
  booted = true;
  const db = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '10',
    REDIS_PREFIX: db.name,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ADDRESS_RATE_LIMIT: '100000',
    // Scheduled runs would fire at the top of the hour in the middle of a test; tests run jobs by hand.
    JOBS_SCHEDULER_ENABLED: 'false',
    ...env,
  });

  // The configuration is read when the app module is first loaded, so it is loaded only now, after
  // the environment is set. Jest gives every test file a module registry of its own.
  const { AppModule } = await import('../../src/app.module');
  const { configureApp } = await import('../../src/app.setup');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
  // A real listening socket, so that parallel requests behave as they would from real clients.
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();

  const http = () => request(url);
  const login = async (username: string, password: string): Promise<string> => {
    const res = await http().post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  };
  const dataSource = app.get(DataSource);

  return {
    app,
    dbName: db.name,
    http,
    sql: (query, params) => dataSource.query(query, params),
    login,
    adminToken: await login(ADMIN.username, ADMIN.password),
    close: async () => {
      await app.close();
      await dropTestDatabase(db.name);
      await deleteKeysWithPrefix(db.name);
    },
  };
}
