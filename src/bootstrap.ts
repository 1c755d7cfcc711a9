import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { installGracefulShutdown } from './common/lifecycle/graceful-shutdown';
import { BootstrapLogger } from './config/bootstrap-logger';
import { validateEnvironment } from './config/environment';
import { databaseState, splitDatabaseUrl } from './database/preflight';

/** Thrown for a start-up problem that one line explains; main prints that line, without a stack. */
export class StartupError extends Error {}

/**
 * Starts the service: the configuration is checked, the database looked at once (a database that
 * does not exist will not appear by retrying), then the app is created and listens.
 */
export async function startService(): Promise<INestApplication> {
  const env = validateEnvironment(process.env);
  const logger = new BootstrapLogger(env.LOG_LEVEL);
  const db = await databaseState(env.DATABASE_URL);
  if (db.state === 'missing') {
    const { name } = splitDatabaseUrl(env.DATABASE_URL);
    throw new StartupError(
      env.NODE_ENV === 'production'
        ? `database "${name}" does not exist: create it (and its owner) before starting Cachly`
        : `database "${name}" does not exist: run \`npm run demo\`, or create it with \`createdb ${name}\``,
    );
  }
  const app = await NestFactory.create(AppModule, { bufferLogs: true, logger });
  configureApp(app);
  await app.listen(env.PORT);
  installGracefulShutdown(app, env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  return app;
}
