import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts raised by the scheduled flag jobs, and the record of each job's last run.
 * UQ_alerts_unresolved_subject allows one unresolved alert per (type, subject): the jobs upsert
 * against it, which is what makes a repeated or parallel run raise nothing twice.
 */
export class Alerts1795647385560 implements MigrationInterface {
  name = 'Alerts1795647385560';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "alert_type" AS ENUM('test_due', 'test_overdue', 'release_overdue', 'release_ready', 'capacity_high', 'capacity_full', 'understaffed')`);
    await q.query(`CREATE TYPE "alert_status" AS ENUM('open', 'acknowledged', 'resolved')`);
    await q.query(`CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" "alert_type" NOT NULL, "subject_key" character varying(200) NOT NULL, "facility_id" uuid NOT NULL, "stay_id" uuid, "subject_date" date, "status" "alert_status" NOT NULL DEFAULT 'open', "message" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_by" uuid, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_alerts_resolved_at" CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)), CONSTRAINT "PK_alerts" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_alerts_stay" ON "alerts"("stay_id")`);
    await q.query(`CREATE INDEX "IDX_alerts_facility_status" ON "alerts"("facility_id", "status")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_alerts_unresolved_subject" ON "alerts"("type", "subject_key") WHERE status <> 'resolved'`);
    await q.query(`CREATE TABLE "job_runs" ("job_name" character varying(60) NOT NULL, "last_started_at" TIMESTAMP WITH TIME ZONE, "last_succeeded_at" TIMESTAMP WITH TIME ZONE, "last_failed_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "last_duration_ms" integer, "last_raised" integer, "last_resolved" integer, CONSTRAINT "PK_job_runs" PRIMARY KEY ("job_name"))`);
    await q.query(`ALTER TABLE "alerts" ADD CONSTRAINT "FK_alerts_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "alerts" ADD CONSTRAINT "FK_alerts_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_alerts_stay"`);
    await q.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_alerts_facility"`);
    await q.query(`DROP TABLE "job_runs"`);
    await q.query(`DROP INDEX "UQ_alerts_unresolved_subject"`);
    await q.query(`DROP INDEX "IDX_alerts_facility_status"`);
    await q.query(`DROP INDEX "IDX_alerts_stay"`);
    await q.query(`DROP TABLE "alerts"`);
    await q.query(`DROP TYPE "alert_status"`);
    await q.query(`DROP TYPE "alert_type"`);
  }
}
