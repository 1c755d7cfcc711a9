import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * idempotency_claim(user, key): marks an Idempotency-Key as in flight and reads its stored answer in
 * one round trip. The lock is transaction-scoped (it goes with the commit or rollback), so a twin
 * arriving meanwhile gets locked = false at once. The look-up is a statement of its own inside this
 * VOLATILE function, so it takes its snapshot after the lock: an answer a twin committed just before
 * the lock was free is seen. (One SQL statement doing both would read with a snapshot taken before
 * the lock, miss that answer and run the work a second time.)
 */
export class IdempotencyClaim1796030000000 implements MigrationInterface {
  name = 'IdempotencyClaim1796030000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION idempotency_claim(claimant uuid, claimed_key varchar)
        RETURNS TABLE (locked boolean, request_hash character(64), status_code smallint, response_body jsonb)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || claimant::text || ':' || claimed_key, 0)) THEN
          RETURN QUERY SELECT false, NULL::character(64), NULL::smallint, NULL::jsonb;
          RETURN;
        END IF;
        RETURN QUERY
          SELECT true, k.request_hash, k.status_code, k.response_body
            FROM (SELECT 1) AS one
            LEFT JOIN idempotency_keys k ON k.user_id = claimant AND k.key = claimed_key;
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION idempotency_claim(uuid, varchar)`);
  }
}
