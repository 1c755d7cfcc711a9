import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert types of the camp's day (health rounds, positive results, home monitoring) and of the
 * capacity counters' self-check, added in one place. An alert may also be addressed to the committee
 * of the person's residence (home monitoring, a positive result after release), whatever facility
 * raised it: residence_admin_unit_code says which.
 */
export class MoreAlertTypes1796010950896 implements MigrationInterface {
  name = 'MoreAlertTypes1796010950896';

  public async up(q: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop enum values, so down() rebuilds the type; up() renames and rebuilds too,
    // which keeps both directions the same shape and works inside the migration's transaction.
    await q.query(`ALTER TYPE "alert_type" RENAME TO "alert_type_old"`);
    await q.query(`CREATE TYPE "alert_type" AS ENUM(${ALL_TYPES.map((t) => `'${t}'`).join(', ')})`);
    await q.query(`DROP INDEX "UQ_alerts_unresolved_subject"`);
    await q.query(`ALTER TABLE "alerts" ALTER COLUMN "type" TYPE "alert_type" USING "type"::text::"alert_type"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_alerts_unresolved_subject" ON "alerts"("type", "subject_key") WHERE status <> 'resolved'`);
    await q.query(`DROP TYPE "alert_type_old"`);
    await q.query(`ALTER TABLE "alerts" ADD "residence_admin_unit_code" character varying(10)`);
    await q.query(`CREATE INDEX "IDX_alerts_residence_admin_unit" ON "alerts"("residence_admin_unit_code") WHERE residence_admin_unit_code IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_alerts_residence_admin_unit"`);
    await q.query(`ALTER TABLE "alerts" DROP COLUMN "residence_admin_unit_code"`);
    await q.query(`DELETE FROM "alerts" WHERE "type"::text <> ALL($1)`, [OLD_TYPES]);
    await q.query(`ALTER TYPE "alert_type" RENAME TO "alert_type_new"`);
    await q.query(`CREATE TYPE "alert_type" AS ENUM(${OLD_TYPES.map((t) => `'${t}'`).join(', ')})`);
    await q.query(`DROP INDEX "UQ_alerts_unresolved_subject"`);
    await q.query(`ALTER TABLE "alerts" ALTER COLUMN "type" TYPE "alert_type" USING "type"::text::"alert_type"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_alerts_unresolved_subject" ON "alerts"("type", "subject_key") WHERE status <> 'resolved'`);
    await q.query(`DROP TYPE "alert_type_new"`);
  }
}

const OLD_TYPES = ['test_due', 'test_overdue', 'release_overdue', 'release_ready', 'capacity_high', 'capacity_full', 'understaffed'];
const ALL_TYPES = [
  ...OLD_TYPES,
  'fever',
  'low_spo2',
  'symptoms_reported',
  'health_check_missed',
  'positive_result',
  'positive_after_release',
  'post_release_test_due',
  'home_monitoring_absent',
  'capacity_counts_mismatch',
];
