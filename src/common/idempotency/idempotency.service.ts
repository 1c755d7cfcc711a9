import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotentRequest, IdempotentResult } from './idempotency';
import { ErrorCode } from '../errors/error-codes';

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
    work: () => Promise<{ statusCode: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    if (!request.key) return { ...(await work()), replayed: false };

    // A transaction-scoped advisory lock marks the key as in flight: a twin arriving meanwhile is told
    // so at once (409) instead of waiting, and the lock goes away with the commit or rollback.
    const [{ locked }] = await manager.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
      [`idempotency:${userId}:${request.key}`],
    );
    if (!locked) {
      throw new ConflictException({
        code: ErrorCode.IDEMPOTENCY_IN_FLIGHT,
        message: 'A request with this Idempotency-Key is still being processed; retry in a moment.',
      });
    }

    // Plain SQL here and below: this runs for every change that carries a key, and the query builder
    // costs more than these two statements do.
    const [previous]: Pick<IdempotencyKey, 'requestHash' | 'statusCode' | 'responseBody'>[] = await manager.query(
      `SELECT request_hash AS "requestHash", status_code AS "statusCode", response_body AS "responseBody"
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, request.key],
    );
    if (previous) {
      if (previous.requestHash !== request.requestHash) {
        throw new UnprocessableEntityException({
          code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
          message: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        });
      }
      return { statusCode: previous.statusCode, body: previous.responseBody as T, replayed: true };
    }

    const result = await work();
    // Stored as it will be sent: dates become strings, as they would on the wire.
    const responseBody = JSON.stringify(result.body);
    await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body) VALUES ($1, $2, $3, $4, $5)`,
      [userId, request.key, request.requestHash, result.statusCode, responseBody],
    );
    return { ...result, replayed: false };
  }
}
