import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Health checks of the camp's rounds (temperature, SpO2, symptoms), entered on the monitoring sheet
 * twice a day. Each check keeps the local day and the round its time fell in when it was entered, so
 * a later change of the round windows does not move old checks; the missed-round job looks checks up
 * by stay, day and round.
 */
export class HealthChecks1796011237423 implements MigrationInterface {
  name = 'HealthChecks1796011237423';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "health_checks" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "stay_id" uuid NOT NULL,
      "facility_id" uuid NOT NULL,
      "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "round_date" date NOT NULL,
      "round" character varying(20),
      "temperature_c" numeric(3,1) NOT NULL,
      "spo2" smallint,
      "symptoms" character varying(30) array NOT NULL,
      "note" text,
      "recorded_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_health_checks_temperature" CHECK (temperature_c BETWEEN 34.0 AND 43.0),
      CONSTRAINT "CHK_health_checks_spo2" CHECK (spo2 IS NULL OR spo2 BETWEEN 50 AND 100),
      CONSTRAINT "CHK_health_checks_symptoms" CHECK (symptoms <@ ARRAY['fever', 'cough', 'sore_throat', 'runny_nose', 'aches', 'shortness_of_breath', 'loss_of_taste_smell', 'other']::varchar[]),
      CONSTRAINT "PK_health_checks" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_health_checks_stay_taken" ON "health_checks" ("stay_id", "taken_at")`);
    await q.query(`CREATE INDEX "IDX_health_checks_day_round" ON "health_checks" ("round_date", "round", "stay_id")`);
    await q.query(`CREATE INDEX "IDX_health_checks_facility_day" ON "health_checks" ("facility_id", "round_date")`);
    await q.query(`ALTER TABLE "health_checks" ADD CONSTRAINT "FK_health_checks_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "health_checks" ADD CONSTRAINT "FK_health_checks_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "health_checks" DROP CONSTRAINT "FK_health_checks_facility"`);
    await q.query(`ALTER TABLE "health_checks" DROP CONSTRAINT "FK_health_checks_stay"`);
    await q.query(`DROP INDEX "IDX_health_checks_facility_day"`);
    await q.query(`DROP INDEX "IDX_health_checks_day_round"`);
    await q.query(`DROP INDEX "IDX_health_checks_stay_taken"`);
    await q.query(`DROP TABLE "health_checks"`);
  }
}
