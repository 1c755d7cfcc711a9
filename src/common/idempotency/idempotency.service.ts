import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdempotentRequest, IdempotentResult } from './idempotency';
import { ErrorCode } from '../errors/error-codes';
import { combinedWrite, Statement } from '../sql/combined-write';
import { hotQuery } from '../sql/hot-query';

/**
 * What a piece of work answers. `lastWrites` are its final statements, left for the caller to run: they
 * and the stored answer are written as one statement (combinedWrite), at the end of the transaction
 * where the work's locks are held longest (an admission's room). Their rows are not read.
 */
export interface IdempotentWork<T> {
  statusCode: number;
  body: T;
  lastWrites?: Statement[];
}

/** What idempotency_claim answers: whether the key is now ours, and the answer stored under it (all null when none). */
interface Claim {
  locked: boolean;
  requestHash: string | null;
  statusCode: number | null;
  responseBody: unknown;
}

@Injectable()
export class IdempotencyService {
  /**
   * Runs `work` at most once per (user, key), inside the caller's transaction. The key and the response
   * are stored in that same transaction, so a crash or an error leaves neither behind.
   */
  async run<T>(
    manager: EntityManager,
    userId: string,
    request: IdempotentRequest,
    work: () => Promise<IdempotentWork<T>>,
  ): Promise<IdempotentResult<T>> {
    if (!request.key) {
      const { statusCode, body, lastWrites = [] } = await work();
      if (lastWrites.length > 0) await hotQuery(manager, ...combinedWrite(...lastWrites));
      return { statusCode, body, replayed: false };
    }

    // idempotency_claim takes a transaction-scoped advisory lock that marks the key as in flight (a twin
    // arriving meanwhile is told so at once, 409, instead of waiting; the lock goes with the commit or
    // rollback) and then reads the stored answer, in one round trip (see its migration for why it is a
    // function). Plain SQL here and below: this runs for every change that carries a key.
    const [claim] = await hotQuery<Claim>(
      manager,
      `SELECT locked, request_hash AS "requestHash", status_code AS "statusCode", response_body AS "responseBody"
         FROM idempotency_claim($1, $2)`,
      [userId, request.key],
    );
    if (!claim.locked) {
      throw new ConflictException({
        code: ErrorCode.IDEMPOTENCY_IN_FLIGHT,
        message: 'A request with this Idempotency-Key is still being processed; retry in a moment.',
      });
    }
    if (claim.requestHash !== null) {
      if (claim.requestHash !== request.requestHash) {
        throw new UnprocessableEntityException({
          code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
          message: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        });
      }
      return { statusCode: claim.statusCode!, body: claim.responseBody as T, replayed: true };
    }

    const { statusCode, body, lastWrites = [] } = await work();
    const store: Statement = [
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body) VALUES ($1, $2, $3, $4, $5)`,
      // Stored as it will be sent: dates become strings, as they would on the wire.
      [userId, request.key, request.requestHash, statusCode, JSON.stringify(body)],
    ];
    await hotQuery(manager, ...combinedWrite(...lastWrites, store));
    return { statusCode, body, replayed: false };
  }
}
