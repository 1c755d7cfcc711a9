import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { Environment } from './config/environment';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  await app.listen(app.get(ConfigService<Environment, true>).get('PORT', { infer: true }));
}

bootstrap().catch((err: Error) => {
  // Configuration errors are meant to be read by whoever starts the service: print them plainly.
  console.error(err.message);
  process.exit(1);
});
