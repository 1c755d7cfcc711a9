import { INestApplication, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { Lifecycle } from './lifecycle.service';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const IDLE_SWEEP_MS = 200;

/** While shutting down, every response tells its client to close the connection after it. */
export function closeConnectionsWhenShuttingDown(lifecycle: Lifecycle) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (lifecycle.shuttingDown) res.setHeader('Connection', 'close');
    next();
  };
}

/**
 * On SIGTERM (or SIGINT): readiness turns 503 at once, the server stops accepting connections and
 * closes the idle keep-alive ones, the job worker stops taking jobs, requests in flight finish, then
 * the app closes its database and Redis connections and the process exits 0. Whatever is still open
 * when `timeoutMs` has passed (a client that never finishes its request, a job that never ends) is
 * cut, and the process exits 0 all the same: the platform asked it to stop, and it did.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  const server = app.getHttpServer() as Server;
  const lifecycle = app.get(Lifecycle);
  let started = false;

  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    const startedAt = Date.now();
    logger.log(`${signal} received: not ready any more, draining (at most ${timeoutMs / 1000} s)`);

    const deadline = setTimeout(() => {
      logger.warn(`shutdown deadline of ${timeoutMs / 1000} s reached: closing what is still open`);
      server.closeAllConnections();
      process.exit(0);
    }, timeoutMs);
    deadline.unref();

    const drained = lifecycle.beginShutdown();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive connection turns idle when its last response is sent: close it then, not after
    // the keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.closeIdleConnections();
    await Promise.all([closed, drained]);
    clearInterval(sweep);

    try {
      await app.close();
    } catch (err) {
      logger.warn(`closing the app: ${(err as Error).message}`);
    }
    logger.log(`stopped in ${Date.now() - startedAt} ms`);
    clearTimeout(deadline);
    process.exit(0);
  };

  for (const signal of SIGNALS) process.once(signal, () => void shutdown(signal));
}
