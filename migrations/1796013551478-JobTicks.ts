import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per scheduled tick of a flag job that ran: the primary key is what makes a tick run once,
 * however many instances are handed it (Bull re-running a stalled job, two workers racing).
 */
export class JobTicks1796013551478 implements MigrationInterface {
  name = 'JobTicks1796013551478';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "job_ticks" ("job_name" character varying(60) NOT NULL, "tick_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_job_ticks" PRIMARY KEY ("job_name", "tick_at"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "job_ticks"`);
  }
}
