import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staffing: staff members, quarantine frames and their members, per-facility staffing requirements,
 * and duty assignments. The database refuses to put one person on two overlapping assignments
 * (an exclusion constraint over the time range, which needs btree_gist for the "staff_id WITH =" part).
 */
export class Staffing1795646989907 implements MigrationInterface {
  name = 'Staffing1795646989907';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(
      `CREATE TYPE "staff_role" AS ENUM('command', 'medical', 'security', 'military', 'logistics', 'reception', 'sanitation', 'volunteer')`,
    );
    await q.query(`CREATE TYPE "frame_status" AS ENUM('standby', 'deployed')`);
    await q.query(`CREATE TYPE "frame_position" AS ENUM('leader', 'deputy', 'member')`);

    await q.query(`CREATE TABLE "staff_members" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "full_name" character varying(200) NOT NULL,
      "role" "staff_role" NOT NULL,
      "agency" character varying(300) NOT NULL,
      "admin_unit_code" character varying(10) NOT NULL,
      "phone" character varying(30),
      "active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_staff_members" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_staff_members_admin_unit_code" ON "staff_members" ("admin_unit_code")`);

    await q.query(`CREATE TABLE "frames" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" character varying(200) NOT NULL,
      "admin_unit_code" character varying(10) NOT NULL,
      "facility_id" uuid,
      "status" "frame_status" NOT NULL DEFAULT 'standby',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_frames_deployed_has_facility" CHECK (status <> 'deployed' OR facility_id IS NOT NULL),
      CONSTRAINT "PK_frames" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_frames_admin_unit_code" ON "frames" ("admin_unit_code")`);
    await q.query(`CREATE INDEX "IDX_frames_facility_id" ON "frames" ("facility_id")`);

    await q.query(`CREATE TABLE "frame_members" (
      "frame_id" uuid NOT NULL,
      "staff_id" uuid NOT NULL,
      "position" "frame_position" NOT NULL DEFAULT 'member',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_frame_members" PRIMARY KEY ("frame_id", "staff_id"))`);
    await q.query(`CREATE INDEX "IDX_frame_members_staff_id" ON "frame_members" ("staff_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_frame_members_one_leader" ON "frame_members" ("frame_id") WHERE "position" = 'leader'`,
    );

    await q.query(`CREATE TABLE "staffing_requirements" (
      "facility_id" uuid NOT NULL,
      "role" "staff_role" NOT NULL,
      "min_on_duty" integer NOT NULL,
      "per_occupants" integer,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_staffing_requirements_min_on_duty" CHECK (min_on_duty >= 0),
      CONSTRAINT "CHK_staffing_requirements_per_occupants" CHECK (per_occupants IS NULL OR per_occupants > 0),
      CONSTRAINT "PK_staffing_requirements" PRIMARY KEY ("facility_id", "role"))`);

    await q.query(`CREATE TABLE "assignments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "staff_id" uuid NOT NULL,
      "facility_id" uuid NOT NULL,
      "role" "staff_role" NOT NULL,
      "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "frame_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_assignments_ends_after_start" CHECK (ends_at > starts_at),
      CONSTRAINT "EXC_assignments_staff_no_overlap" EXCLUDE USING gist ("staff_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&),
      CONSTRAINT "PK_assignments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_assignments_facility_starts_at" ON "assignments" ("facility_id", "starts_at")`);
    await q.query(`CREATE INDEX "IDX_assignments_frame_id" ON "assignments" ("frame_id")`);

    await q.query(`ALTER TABLE "staff_members" ADD CONSTRAINT "FK_staff_members_admin_unit" FOREIGN KEY ("admin_unit_code") REFERENCES "admin_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "frames" ADD CONSTRAINT "FK_frames_admin_unit" FOREIGN KEY ("admin_unit_code") REFERENCES "admin_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "frames" ADD CONSTRAINT "FK_frames_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "frame_members" ADD CONSTRAINT "FK_frame_members_frame" FOREIGN KEY ("frame_id") REFERENCES "frames"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "frame_members" ADD CONSTRAINT "FK_frame_members_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staffing_requirements" ADD CONSTRAINT "FK_staffing_requirements_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_assignments_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_assignments_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_assignments_frame" FOREIGN KEY ("frame_id") REFERENCES "frames"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "assignments"`);
    await q.query(`DROP TABLE "staffing_requirements"`);
    await q.query(`DROP TABLE "frame_members"`);
    await q.query(`DROP TABLE "frames"`);
    await q.query(`DROP TABLE "staff_members"`);
    await q.query(`DROP TYPE "frame_position"`);
    await q.query(`DROP TYPE "frame_status"`);
    await q.query(`DROP TYPE "staff_role"`);
    // btree_gist stays: other constraints may have come to rely on it, and keeping it costs nothing.
  }
}
