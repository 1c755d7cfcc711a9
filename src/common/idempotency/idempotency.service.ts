import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotentRequest, IdempotentResult } from './idempotency';

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
      throw new ConflictException('A request with this Idempotency-Key is still being processed; retry in a moment.');
    }

    const previous = await manager.findOneBy(IdempotencyKey, { userId, key: request.key });
    if (previous) {
      if (previous.requestHash !== request.requestHash) {
        throw new UnprocessableEntityException(
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      return { statusCode: previous.statusCode, body: previous.responseBody as T, replayed: true };
    }

    const result = await work();
    await manager.insert(IdempotencyKey, {
      userId,
      key: request.key,
      requestHash: request.requestHash,
      statusCode: result.statusCode,
      // Stored as it will be sent: dates become strings, as they would on the wire.
      responseBody: JSON.parse(JSON.stringify(result.body)),
    });
    return { ...result, replayed: false };
  }
}
