import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * The PostgreSQL client the pool creates. A connection the server drops (failover, restart,
 * pg_terminate_backend) emits 'error'; the pool listens while the connection is idle and TypeORM while
 * a query runner holds it, but there are gaps between the two (a query runner released by a first
 * error, a connection taken at start-up) where nobody does, and an unheard 'error' event ends the
 * process. This client always listens: the pool and TypeORM still see the error and discard the
 * connection, and the request that used it answers 503.
 */
export class ResilientPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (err: Error & { code?: string }) => {
      logger.debug(`a database connection was dropped (${err.code ?? err.name})`);
    });
  }
}
