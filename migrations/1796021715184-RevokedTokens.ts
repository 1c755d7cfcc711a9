import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session tokens ended by a sign-out before they expire: the guard refuses a token whose id (jti) is
 * here, in the same query that loads its user. A row is useless once its token has expired; sign-outs
 * delete those as they write (the index on expires_at keeps that cheap).
 */
export class RevokedTokens1796021715184 implements MigrationInterface {
  name = 'RevokedTokens1796021715184';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "revoked_tokens" ("jti" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_revoked_tokens" PRIMARY KEY ("jti"))`,
    );
    await q.query(`CREATE INDEX "IDX_revoked_tokens_expires_at" ON "revoked_tokens" ("expires_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_revoked_tokens_expires_at"`);
    await q.query(`DROP TABLE "revoked_tokens"`);
  }
}
