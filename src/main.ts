import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { installGracefulShutdown } from './common/lifecycle/graceful-shutdown';
import { Environment } from './config/environment';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  const config = app.get(ConfigService<Environment, true>);
  await app.listen(config.get('PORT', { infer: true }));
  installGracefulShutdown(app, config.get('SHUTDOWN_TIMEOUT_SECONDS', { infer: true }) * 1000);
}

bootstrap().catch((err: Error) => {
  // Configuration errors are meant to be read by whoever starts the service: print them plainly.
  console.error(err.message);
  process.exit(1);
});
