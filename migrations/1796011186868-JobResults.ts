import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs are no longer only flag jobs: each kind of job reports a result of its own shape (an export its
 * row count, a cleanup what it removed), kept as JSON beside the flag counters, and a job's queue.
 */
export class JobResults1796011186868 implements MigrationInterface {
  name = 'JobResults1796011186868';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "job_runs" ADD "last_result" jsonb`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "job_runs" DROP COLUMN "last_result"`);
  }
}
