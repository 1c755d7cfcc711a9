import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access hardening:
 * - users.token_generation: every token carries the generation it was signed under; a password,
 *   role or scope change and a deactivation move it on, so every token issued before stops working
 *   (reactivation does not move it back). A counter, not a timestamp: JWT `iat` has one-second
 *   precision, so "issued before" by time cannot tell apart tokens signed in the same second.
 * - audit_events.entity_id becomes text: some audited things are keyed by a code, not a uuid
 *   (admin units, jobs). Every uuid is kept as its text.
 */
export class AccessHardening1796011576229 implements MigrationInterface {
  name = 'AccessHardening1796011576229';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "token_generation" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_token_generation" CHECK (token_generation >= 0)`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "entity_id" TYPE character varying(64) USING entity_id::text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Events about things keyed by a code cannot be kept in a uuid column; the rollback drops them
    // (with the append-only trigger set aside for that one statement).
    await q.query(`ALTER TABLE "audit_events" DISABLE TRIGGER "TRG_audit_events_append_only"`);
    await q.query(
      `DELETE FROM "audit_events" WHERE entity_id !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`,
    );
    await q.query(`ALTER TABLE "audit_events" ENABLE TRIGGER "TRG_audit_events_append_only"`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "entity_id" TYPE uuid USING entity_id::uuid`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_token_generation"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_generation"`);
  }
}
