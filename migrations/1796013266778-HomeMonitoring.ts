import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home-monitoring hand-off (Công điện 597 and 600/CĐ-BCĐ, May 2021): a released person is followed
 * at home by the committee of their residence for the policy's home_monitoring_days, with tests on the
 * policy's post_release_test_days (days after the release day; [7] for every existing policy). The
 * committee records its follow-up checks; the released stays under monitoring are found by their
 * home_monitoring_until.
 */
export class HomeMonitoring1796013266778 implements MigrationInterface {
  name = 'HomeMonitoring1796013266778';

  public async up(q: QueryRunner): Promise<void> {
    // Existing policies get the 2021 default; new ones always say which days they want (no default).
    await q.query(`ALTER TABLE "quarantine_policies" ADD "post_release_test_days" smallint array NOT NULL DEFAULT '{7}'`);
    await q.query(`ALTER TABLE "quarantine_policies" ALTER COLUMN "post_release_test_days" DROP DEFAULT`);
    await q.query(`ALTER TABLE "quarantine_policies" ADD CONSTRAINT "CHK_quarantine_policies_post_release_test_days" CHECK (cardinality(post_release_test_days) <= 10)`);
    await q.query(`CREATE TYPE "home_check_status" AS ENUM('ok', 'symptoms', 'absent', 'tested_negative', 'tested_positive')`);
    await q.query(`CREATE TABLE "home_monitoring_checks" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "stay_id" uuid NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "status" "home_check_status" NOT NULL,
      "note" text,
      "recorded_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_home_monitoring_checks" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_home_monitoring_checks_stay_at" ON "home_monitoring_checks" ("stay_id", "at")`);
    await q.query(`ALTER TABLE "home_monitoring_checks" ADD CONSTRAINT "FK_home_monitoring_checks_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "IDX_stays_home_monitoring_until" ON "stays" ("home_monitoring_until") WHERE status = 'released' AND home_monitoring_until IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_stays_home_monitoring_until"`);
    await q.query(`ALTER TABLE "home_monitoring_checks" DROP CONSTRAINT "FK_home_monitoring_checks_stay"`);
    await q.query(`DROP INDEX "IDX_home_monitoring_checks_stay_at"`);
    await q.query(`DROP TABLE "home_monitoring_checks"`);
    await q.query(`DROP TYPE "home_check_status"`);
    await q.query(`ALTER TABLE "quarantine_policies" DROP CONSTRAINT "CHK_quarantine_policies_post_release_test_days"`);
    await q.query(`ALTER TABLE "quarantine_policies" DROP COLUMN "post_release_test_days"`);
  }
}
