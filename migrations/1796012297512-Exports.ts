import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports run in the background; their files are kept in the database, in chunks of about 1 MB, so
 * that every instance of the service can serve a file whichever instance wrote it, and a file is
 * removed with its chunks in one statement when it expires.
 */
export class Exports1796012297512 implements MigrationInterface {
  name = 'Exports1796012297512';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "export_kind" AS ENUM('stays', 'people', 'tests', 'health-checks', 'alerts', 'daily-report')`);
    await q.query(`CREATE TYPE "export_format" AS ENUM('csv', 'xlsx')`);
    await q.query(`CREATE TYPE "export_status" AS ENUM('queued', 'running', 'done', 'failed', 'expired')`);
    await q.query(`CREATE TABLE "exports" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "requested_by" uuid NOT NULL,
      "kind" "export_kind" NOT NULL,
      "format" "export_format" NOT NULL,
      "lang" character varying(2) NOT NULL DEFAULT 'vi',
      "filters" jsonb NOT NULL DEFAULT '{}',
      "include_personal_data" boolean NOT NULL DEFAULT false,
      "status" "export_status" NOT NULL DEFAULT 'queued',
      "progress" smallint NOT NULL DEFAULT 0,
      "row_count" integer,
      "byte_size" bigint,
      "file_name" character varying(200) NOT NULL,
      "error" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "started_at" TIMESTAMP WITH TIME ZONE,
      "finished_at" TIMESTAMP WITH TIME ZONE,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "CHK_exports_lang" CHECK (lang IN ('vi', 'en')),
      CONSTRAINT "CHK_exports_progress" CHECK (progress BETWEEN 0 AND 100),
      CONSTRAINT "CHK_exports_finished" CHECK ((status IN ('queued', 'running')) = (finished_at IS NULL)),
      CONSTRAINT "PK_exports" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_exports_requested_by" ON "exports"("requested_by", "created_at")`);
    await q.query(`CREATE INDEX "IDX_exports_expires_at" ON "exports"("expires_at") WHERE status <> 'expired'`);
    await q.query(`ALTER TABLE "exports" ADD CONSTRAINT "FK_exports_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "export_chunks" (
      "export_id" uuid NOT NULL,
      "seq" integer NOT NULL,
      "data" bytea NOT NULL,
      CONSTRAINT "PK_export_chunks" PRIMARY KEY ("export_id", "seq"))`);
    await q.query(`ALTER TABLE "export_chunks" ADD CONSTRAINT "FK_export_chunks_export" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "export_chunks"`);
    await q.query(`DROP TABLE "exports"`);
    await q.query(`DROP TYPE "export_status"`);
    await q.query(`DROP TYPE "export_format"`);
    await q.query(`DROP TYPE "export_kind"`);
  }
}
