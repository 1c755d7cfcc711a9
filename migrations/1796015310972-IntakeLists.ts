import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lists of people a committee sends a camp (imported from spreadsheets), one row per expected person. */
export class IntakeLists1796015310972 implements MigrationInterface {
  name = 'IntakeLists1796015310972';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "intake_row_status" AS ENUM('expected', 'admitted', 'rejected')`);
    await q.query(`CREATE TABLE "intake_lists" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "facility_id" uuid NOT NULL,
      "uploaded_by" uuid NOT NULL,
      "note" character varying(500),
      "file_name" character varying(255) NOT NULL,
      "row_count" integer NOT NULL,
      "valid_count" integer NOT NULL,
      "invalid_count" integer NOT NULL,
      "errors" jsonb NOT NULL DEFAULT '[]',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_intake_lists" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_intake_lists_facility" ON "intake_lists"("facility_id", "created_at")`);
    await q.query(`ALTER TABLE "intake_lists" ADD CONSTRAINT "FK_intake_lists_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "intake_lists" ADD CONSTRAINT "FK_intake_lists_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "intake_list_rows" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "list_id" uuid NOT NULL,
      "row_number" integer NOT NULL,
      "full_name" character varying(200) NOT NULL,
      "sex" "person_sex" NOT NULL,
      "birth_year" smallint,
      "id_number" character varying(30),
      "phone" character varying(30),
      "residence_admin_unit_code" character varying(10),
      "address" character varying(500),
      "classification" "classification" NOT NULL,
      "vaccinated" boolean NOT NULL,
      "exposure_note" character varying(500),
      "status" "intake_row_status" NOT NULL DEFAULT 'expected',
      "stay_id" uuid,
      "reject_reason" character varying(500),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_intake_list_rows_admitted" CHECK ((status = 'admitted') = (stay_id IS NOT NULL)),
      CONSTRAINT "CHK_intake_list_rows_rejected" CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
      CONSTRAINT "PK_intake_list_rows" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_intake_list_rows_row" ON "intake_list_rows"("list_id", "row_number")`);
    await q.query(`ALTER TABLE "intake_list_rows" ADD CONSTRAINT "FK_intake_list_rows_list" FOREIGN KEY ("list_id") REFERENCES "intake_lists"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "intake_list_rows" ADD CONSTRAINT "FK_intake_list_rows_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "intake_list_rows"`);
    await q.query(`DROP TABLE "intake_lists"`);
    await q.query(`DROP TYPE "intake_row_status"`);
  }
}
