import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { documentErrorResponses, ErrorResponse } from './common/errors/error-response';
import { answerClientErrors, bodyParserErrors, MAX_BODY_SIZE, refuseUnsafeInput } from './common/http/request-shape';
import { closeConnectionsWhenShuttingDown } from './common/lifecycle/graceful-shutdown';
import { Lifecycle } from './common/lifecycle/lifecycle.service';
import { documentConfig, orderAndMarkOperations } from './common/openapi/openapi-document';
import { serveConsole } from './console/serve-console';

/** Everything main.ts does to the app besides listening, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  // Swagger UI runs inline scripts; this is a JSON API, so a content security policy buys little.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(closeConnectionsWhenShuttingDown(app.get(Lifecycle)));
  // The body parsers are registered here (Nest then leaves out its own), so that their refusals (413,
  // 415, malformed JSON) get the standard body, and so that NUL characters and absurd nesting are
  // refused for every route before any guard, pipe or query sees them.
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: MAX_BODY_SIZE });
  express.useBodyParser('urlencoded', { limit: MAX_BODY_SIZE, extended: false });
  app.use(bodyParserErrors);
  app.use(refuseUnsafeInput);
  answerClientErrors(app.getHttpServer());
  // Browsers sign in with a session cookie (see auth/session-cookies.ts).
  app.use(cookieParser());
  // The web console at `/`, before Nest's routes: it only answers page requests outside the service's paths.
  serveConsole(app);
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

  // Error answers are documented after public operations are marked (401/403 only where a token is needed).
  const document = documentErrorResponses(
    orderAndMarkOperations(SwaggerModule.createDocument(app, documentConfig(), { extraModels: [ErrorResponse] })),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
