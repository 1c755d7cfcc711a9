import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Release certificates (giấy xác nhận hoàn thành cách ly y tế tập trung). A completed release gets one,
 * numbered once: a serial unique per facility and year, drawn from a counter row per facility and year
 * (the row lock serialises releases that draw at the same moment; the unique constraints are the last
 * word). The verification token printed in the QR code is random and unique.
 */
export class ReleaseCertificates1796011324990 implements MigrationInterface {
  name = 'ReleaseCertificates1796011324990';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificate_counters" (
      "facility_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "last_serial" integer NOT NULL,
      CONSTRAINT "CHK_certificate_counters_last_serial" CHECK (last_serial > 0),
      CONSTRAINT "PK_certificate_counters" PRIMARY KEY ("facility_id", "year"))`);
    await q.query(
      `ALTER TABLE "certificate_counters" ADD CONSTRAINT "FK_certificate_counters_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE TABLE "release_certificates" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "stay_id" uuid NOT NULL,
      "facility_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "serial" integer NOT NULL,
      "number" character varying(100) NOT NULL,
      "verification_token" character varying(64) NOT NULL,
      "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "issued_on" date NOT NULL,
      "issued_by" uuid,
      "issuer_name" character varying(200) NOT NULL,
      CONSTRAINT "CHK_release_certificates_serial" CHECK (serial > 0),
      CONSTRAINT "PK_release_certificates" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_release_certificates_stay" ON "release_certificates" ("stay_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_release_certificates_serial" ON "release_certificates" ("facility_id", "year", "serial")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_release_certificates_number" ON "release_certificates" ("number")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_release_certificates_token" ON "release_certificates" ("verification_token")`);
    await q.query(`CREATE INDEX "IDX_release_certificates_facility_day" ON "release_certificates" ("facility_id", "issued_on")`);
    await q.query(
      `ALTER TABLE "release_certificates" ADD CONSTRAINT "FK_release_certificates_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "release_certificates" ADD CONSTRAINT "FK_release_certificates_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "release_certificates" DROP CONSTRAINT "FK_release_certificates_facility"`);
    await q.query(`ALTER TABLE "release_certificates" DROP CONSTRAINT "FK_release_certificates_stay"`);
    await q.query(`DROP INDEX "IDX_release_certificates_facility_day"`);
    await q.query(`DROP INDEX "UQ_release_certificates_token"`);
    await q.query(`DROP INDEX "UQ_release_certificates_number"`);
    await q.query(`DROP INDEX "UQ_release_certificates_serial"`);
    await q.query(`DROP INDEX "UQ_release_certificates_stay"`);
    await q.query(`DROP TABLE "release_certificates"`);
    await q.query(`ALTER TABLE "certificate_counters" DROP CONSTRAINT "FK_certificate_counters_facility"`);
    await q.query(`DROP TABLE "certificate_counters"`);
  }
}
