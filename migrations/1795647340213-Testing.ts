import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Test samples and their results. A sample fulfils a policy day of its stay (or none, for an extra
 * test); the flag jobs look for the pending ones and the days without a sample, hence the two indexes.
 */
export class Testing1795647340213 implements MigrationInterface {
  name = 'Testing1795647340213';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "test_kind" AS ENUM('rt_pcr', 'rapid_antigen')`);
    await q.query(`CREATE TYPE "test_result" AS ENUM('pending', 'negative', 'positive')`);
    // A result and its time come together: pending has no time, a final result always has one.
    await q.query(`CREATE TABLE "test_samples" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "stay_id" uuid NOT NULL,
      "scheduled_day" smallint,
      "kind" "test_kind" NOT NULL,
      "sampled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "result" "test_result" NOT NULL DEFAULT 'pending',
      "result_at" TIMESTAMP WITH TIME ZONE,
      "lab" character varying(200),
      "taken_by" character varying(200),
      "recorded_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_test_samples_result_at" CHECK ((result = 'pending') = (result_at IS NULL)),
      CONSTRAINT "PK_test_samples" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_test_samples_stay_day" ON "test_samples" ("stay_id", "scheduled_day", "sampled_at")`);
    await q.query(`CREATE INDEX "IDX_test_samples_pending" ON "test_samples" ("stay_id") WHERE result = 'pending'`);
    await q.query(
      `ALTER TABLE "test_samples" ADD CONSTRAINT "FK_test_samples_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "test_samples" DROP CONSTRAINT "FK_test_samples_stay"`);
    await q.query(`DROP INDEX "IDX_test_samples_pending"`);
    await q.query(`DROP INDEX "IDX_test_samples_stay_day"`);
    await q.query(`DROP TABLE "test_samples"`);
    await q.query(`DROP TYPE "test_result"`);
    await q.query(`DROP TYPE "test_kind"`);
  }
}
