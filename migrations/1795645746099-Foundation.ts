import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: admin units, facilities with rooms and beds, and users.
 * Also seeds Sóc Trăng province (94) and its 11 district-level units (941–951), official codes of the
 * General Statistics Office list as in 2021. Other units are added through the API.
 */
export class Foundation1795645746099 implements MigrationInterface {
  name = 'Foundation1795645746099';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "admin_unit_level" AS ENUM('province', 'district', 'commune')`);
    await q.query(`CREATE TABLE "admin_units" ("code" character varying(10) NOT NULL, "name" character varying(200) NOT NULL, "level" "admin_unit_level" NOT NULL, "parent_code" character varying(10), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_admin_units_province_has_no_parent" CHECK ((level = 'province') = (parent_code IS NULL)), CONSTRAINT "CHK_admin_units_code_digits" CHECK (code ~ '^[0-9]{1,10}$'), CONSTRAINT "PK_admin_units" PRIMARY KEY ("code"))`);
    await q.query(`CREATE INDEX "IDX_admin_units_parent_code" ON "admin_units"("parent_code")`);
    await q.query(`CREATE TYPE "facility_kind" AS ENUM('provincial_camp', 'district_camp', 'other')`);
    await q.query(`CREATE TYPE "facility_status" AS ENUM('standby', 'active', 'closed')`);
    await q.query(`CREATE TABLE "facilities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(50) NOT NULL, "name" character varying(300) NOT NULL, "kind" "facility_kind" NOT NULL, "admin_unit_code" character varying(10) NOT NULL, "address" character varying(500), "operator" character varying(300), "status" "facility_status" NOT NULL DEFAULT 'standby', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_facilities" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_facilities_admin_unit_code" ON "facilities"("admin_unit_code")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_facilities_code" ON "facilities"("code")`);
    await q.query(`CREATE TYPE "room_sex_policy" AS ENUM('male', 'female', 'mixed')`);
    await q.query(`CREATE TABLE "rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "facility_id" uuid NOT NULL, "code" character varying(50) NOT NULL, "building" character varying(100), "floor" smallint, "sex_policy" "room_sex_policy" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_rooms" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_rooms_facility_code" ON "rooms"("facility_id", "code")`);
    await q.query(`CREATE TYPE "bed_status" AS ENUM('available', 'occupied', 'out_of_service')`);
    await q.query(`CREATE TABLE "beds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "code" character varying(20) NOT NULL, "status" "bed_status" NOT NULL DEFAULT 'available', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_beds" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_beds_room_code" ON "beds"("room_id", "code")`);
    await q.query(`CREATE TYPE "user_role" AS ENUM('admin', 'district_committee', 'camp_manager')`);
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "full_name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" "user_role" NOT NULL, "admin_unit_code" character varying(10), "facility_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_users_scope_matches_role" CHECK ((role = 'admin' AND admin_unit_code IS NULL AND facility_id IS NULL)
    OR (role = 'district_committee' AND admin_unit_code IS NOT NULL AND facility_id IS NULL)
    OR (role = 'camp_manager' AND facility_id IS NOT NULL AND admin_unit_code IS NULL)), CONSTRAINT "PK_users" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "admin_units" ADD CONSTRAINT "FK_admin_units_parent" FOREIGN KEY ("parent_code") REFERENCES "admin_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "facilities" ADD CONSTRAINT "FK_facilities_admin_unit" FOREIGN KEY ("admin_unit_code") REFERENCES "admin_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "rooms" ADD CONSTRAINT "FK_rooms_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "beds" ADD CONSTRAINT "FK_beds_room" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_admin_unit" FOREIGN KEY ("admin_unit_code") REFERENCES "admin_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Usernames are unique regardless of case ("Admin" and "admin" are the same person).
    await q.query(`CREATE UNIQUE INDEX "UQ_users_username_lower" ON "users" (lower("username"))`);

    // The codes of a unit and of every unit below it: the basis of every "in this area" filter.
    await q.query(`
      CREATE FUNCTION admin_unit_subtree(root varchar) RETURNS SETOF varchar
      LANGUAGE sql STABLE AS $$
        WITH RECURSIVE sub(code) AS (
          SELECT code FROM admin_units WHERE code = root
          UNION
          SELECT u.code FROM admin_units u JOIN sub ON u.parent_code = sub.code
        )
        SELECT code FROM sub
      $$`);

    await q.query(`
      INSERT INTO admin_units (code, name, level, parent_code) VALUES
      ('94', 'Tỉnh Sóc Trăng', 'province', NULL),
      ('941', 'Thành phố Sóc Trăng', 'district', '94'),
      ('942', 'Huyện Châu Thành', 'district', '94'),
      ('943', 'Huyện Kế Sách', 'district', '94'),
      ('944', 'Huyện Mỹ Tú', 'district', '94'),
      ('945', 'Huyện Cù Lao Dung', 'district', '94'),
      ('946', 'Huyện Long Phú', 'district', '94'),
      ('947', 'Huyện Mỹ Xuyên', 'district', '94'),
      ('948', 'Thị xã Ngã Năm', 'district', '94'),
      ('949', 'Huyện Thạnh Trị', 'district', '94'),
      ('950', 'Thị xã Vĩnh Châu', 'district', '94'),
      ('951', 'Huyện Trần Đề', 'district', '94')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION admin_unit_subtree(varchar)`);
    await q.query(`DROP INDEX "UQ_users_username_lower"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_facility"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_admin_unit"`);
    await q.query(`ALTER TABLE "beds" DROP CONSTRAINT "FK_beds_room"`);
    await q.query(`ALTER TABLE "rooms" DROP CONSTRAINT "FK_rooms_facility"`);
    await q.query(`ALTER TABLE "facilities" DROP CONSTRAINT "FK_facilities_admin_unit"`);
    await q.query(`ALTER TABLE "admin_units" DROP CONSTRAINT "FK_admin_units_parent"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TYPE "user_role"`);
    await q.query(`DROP INDEX "UQ_beds_room_code"`);
    await q.query(`DROP TABLE "beds"`);
    await q.query(`DROP TYPE "bed_status"`);
    await q.query(`DROP INDEX "UQ_rooms_facility_code"`);
    await q.query(`DROP TABLE "rooms"`);
    await q.query(`DROP TYPE "room_sex_policy"`);
    await q.query(`DROP INDEX "UQ_facilities_code"`);
    await q.query(`DROP INDEX "IDX_facilities_admin_unit_code"`);
    await q.query(`DROP TABLE "facilities"`);
    await q.query(`DROP TYPE "facility_status"`);
    await q.query(`DROP TYPE "facility_kind"`);
    await q.query(`DROP INDEX "IDX_admin_units_parent_code"`);
    await q.query(`DROP TABLE "admin_units"`);
    await q.query(`DROP TYPE "admin_unit_level"`);
  }
}
