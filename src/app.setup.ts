import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { closeConnectionsWhenShuttingDown } from './common/lifecycle/graceful-shutdown';
import { Lifecycle } from './common/lifecycle/lifecycle.service';
import { documentConfig, orderAndMarkOperations } from './common/openapi/openapi-document';

/** Everything main.ts does to the app besides listening, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  // Swagger UI runs inline scripts; this is a JSON API, so a content security policy buys little.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(closeConnectionsWhenShuttingDown(app.get(Lifecycle)));
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'docs', method: RequestMethod.GET },
      { path: 'docs-json', method: RequestMethod.GET },
      { path: 'admin/queues', method: RequestMethod.ALL },
      { path: 'admin/queues/*path', method: RequestMethod.ALL },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI });
  // Signals are handled by installGracefulShutdown (main.ts): drain first, then close, then exit 0.

  const document = orderAndMarkOperations(SwaggerModule.createDocument(app, documentConfig()));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
