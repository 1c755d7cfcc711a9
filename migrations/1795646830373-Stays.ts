import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People, quarantine policies (versioned rules), stays, the audit log and idempotency keys.
 * The rules that must hold under concurrent requests live here, in the database.
 */
export class Stays1795646830373 implements MigrationInterface {
  name = 'Stays1795646830373';

  public async up(q: QueryRunner): Promise<void> {
    // btree_gist lets an exclusion constraint compare plain columns (room, cohort day); pg_trgm indexes
    // substring searches on names. Both ship with PostgreSQL. Other migrations may rely on them too,
    // so down() leaves them installed.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "action" character varying(60) NOT NULL, "entity_type" character varying(30) NOT NULL, "entity_id" uuid NOT NULL, "stay_id" uuid, "person_id" uuid, "facility_id" uuid, "before" jsonb, "after" jsonb, "reason" text, CONSTRAINT "PK_audit_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_audit_events_at" ON "audit_events"("at")`);
    await q.query(`CREATE INDEX "IDX_audit_events_actor" ON "audit_events"("actor_id", "at")`);
    await q.query(`CREATE INDEX "IDX_audit_events_stay" ON "audit_events"("stay_id", "at")`);
    await q.query(`CREATE INDEX "IDX_audit_events_entity" ON "audit_events"("entity_id", "at")`);
    await q.query(`CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" smallint NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("user_id", "key"))`);
    await q.query(`CREATE INDEX "IDX_idempotency_keys_created_at" ON "idempotency_keys"("created_at")`);
    await q.query(`CREATE TYPE "person_sex" AS ENUM('male', 'female')`);
    await q.query(`CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "full_name" character varying(200) NOT NULL, "search_name" character varying(200) NOT NULL, "sex" "person_sex" NOT NULL, "date_of_birth" date, "birth_year" smallint, "id_number" character varying(30), "phone" character varying(30), "phone_digits" character varying(30), "residence_admin_unit_code" character varying(10), "address" character varying(500), "vaccination_doses" smallint NOT NULL DEFAULT '0', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_people_birth_year" CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100), CONSTRAINT "CHK_people_vaccination_doses" CHECK (vaccination_doses BETWEEN 0 AND 10), CONSTRAINT "PK_people" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_people_phone_digits" ON "people"("phone_digits")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_people_id_number" ON "people"("id_number") WHERE id_number IS NOT NULL`);
    await q.query(`CREATE TYPE "classification" AS ENUM('F0', 'F1', 'F2', 'F3', 'precaution')`);
    await q.query(`CREATE TABLE "quarantine_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "classification" "classification" NOT NULL, "vaccinated" boolean NOT NULL, "duration_days" smallint NOT NULL, "test_days" smallint array NOT NULL, "home_monitoring_days" smallint NOT NULL, "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_quarantine_policies_test_days" CHECK (cardinality(test_days) <= 30), CONSTRAINT "CHK_quarantine_policies_home_monitoring" CHECK (home_monitoring_days BETWEEN 0 AND 60), CONSTRAINT "CHK_quarantine_policies_duration" CHECK (duration_days BETWEEN 1 AND 60), CONSTRAINT "PK_quarantine_policies" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_quarantine_policies_version" ON "quarantine_policies"("classification", "vaccinated", "effective_from")`);
    await q.query(`CREATE TYPE "stay_status" AS ENUM('admitted', 'positive', 'released')`);
    await q.query(`CREATE TABLE "stays" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "room_id" uuid NOT NULL, "bed_id" uuid NOT NULL, "classification" "classification" NOT NULL, "vaccinated" boolean NOT NULL, "policy_id" uuid NOT NULL, "status" "stay_status" NOT NULL DEFAULT 'admitted', "admitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cohort_date" date NOT NULL, "period_start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expected_release_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "release_override_reason" text, "home_monitoring_until" date, "exposure_source_stay_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "EXC_stays_one_cohort_per_room" EXCLUDE USING gist ("room_id" WITH =, "cohort_date" WITH <>) WHERE (status IN ('admitted', 'positive')), CONSTRAINT "PK_stays" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_stays_person" ON "stays"("person_id")`);
    await q.query(`CREATE INDEX "IDX_stays_open_expected_release" ON "stays"("expected_release_at") WHERE status IN ('admitted', 'positive')`);
    await q.query(`CREATE INDEX "IDX_stays_facility_status" ON "stays"("facility_id", "status")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_stays_open_bed" ON "stays"("bed_id") WHERE status IN ('admitted', 'positive')`);
    await q.query(`CREATE UNIQUE INDEX "UQ_stays_open_person" ON "stays"("person_id") WHERE status IN ('admitted', 'positive')`);
    await q.query(`ALTER TABLE "people" ADD CONSTRAINT "FK_people_residence_admin_unit" FOREIGN KEY ("residence_admin_unit_code") REFERENCES "admin_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "stays" ADD CONSTRAINT "FK_stays_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "stays" ADD CONSTRAINT "FK_stays_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "stays" ADD CONSTRAINT "FK_stays_room" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "stays" ADD CONSTRAINT "FK_stays_bed" FOREIGN KEY ("bed_id") REFERENCES "beds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "stays" ADD CONSTRAINT "FK_stays_policy" FOREIGN KEY ("policy_id") REFERENCES "quarantine_policies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "stays" ADD CONSTRAINT "FK_stays_exposure_source" FOREIGN KEY ("exposure_source_stay_id") REFERENCES "stays"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await q.query(`CREATE INDEX "IDX_people_search_name_trgm" ON "people" USING gin ("search_name" gin_trgm_ops)`);

    // A bed is 'occupied' exactly when it has an open stay. Checked at commit (deferred), because
    // admission, release and transfer change the stay and the bed in two statements of one transaction.
    await q.query(`
      CREATE FUNCTION assert_bed_occupancy(p_bed uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        bed_occupied boolean;
        open_stays int;
      BEGIN
        SELECT status = 'occupied' INTO bed_occupied FROM beds WHERE id = p_bed;
        IF NOT FOUND THEN RETURN; END IF;
        SELECT count(*) INTO open_stays FROM stays WHERE bed_id = p_bed AND status IN ('admitted', 'positive');
        IF bed_occupied <> (open_stays > 0) OR open_stays > 1 THEN
          RAISE EXCEPTION 'bed % has status occupied=% but % open stays', p_bed, bed_occupied, open_stays
            USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_beds_occupancy_matches_stays';
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION stays_check_bed_occupancy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM assert_bed_occupancy(NEW.bed_id);
        IF TG_OP = 'UPDATE' AND OLD.bed_id IS DISTINCT FROM NEW.bed_id THEN
          PERFORM assert_bed_occupancy(OLD.bed_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION beds_check_occupancy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM assert_bed_occupancy(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER "TRG_stays_bed_occupancy" AFTER INSERT OR UPDATE OF bed_id, status ON stays
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stays_check_bed_occupancy()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER "TRG_beds_occupancy" AFTER INSERT OR UPDATE OF status ON beds
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION beds_check_occupancy()`);

    // The audit log is append-only, whatever client writes to the database.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_audit_events_append_only" BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER "TRG_audit_events_no_truncate" BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    // Default policies (DOMAIN rules of 2021). F1 is as the guidance says; the other classifications
    // start from the closest F1 rule and are meant to be adjusted by each province through the API.
    await q.query(`
      INSERT INTO quarantine_policies
        (classification, vaccinated, duration_days, test_days, home_monitoring_days, effective_from, notes)
      VALUES
        ('F1', false, 14, '{1,7,14}', 14, '2021-01-01T00:00:00+07:00', 'F1 not fully vaccinated: 14 days, RT-PCR on days 1, 7 and 14, then 14 days at home'),
        ('F1', true, 7, '{1,7}', 7, '2021-01-01T00:00:00+07:00', 'F1 fully vaccinated or recovered: 7 days, RT-PCR on days 1 and 7, then 7 days at home'),
        ('F0', false, 14, '{1,7,14}', 14, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 not vaccinated): F0 normally go to treatment'),
        ('F0', true, 14, '{1,7,14}', 14, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 not vaccinated): F0 normally go to treatment'),
        ('F2', false, 14, '{1,7,14}', 14, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 not vaccinated)'),
        ('F2', true, 7, '{1,7}', 7, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 vaccinated)'),
        ('F3', false, 7, '{1,7}', 7, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 vaccinated)'),
        ('F3', true, 7, '{1,7}', 7, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 vaccinated)'),
        ('precaution', false, 14, '{1,7,14}', 14, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 not vaccinated)'),
        ('precaution', true, 7, '{1,7}', 7, '2021-01-01T00:00:00+07:00', 'assumed default (as F1 vaccinated)')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_audit_events_no_truncate" ON audit_events`);
    await q.query(`DROP TRIGGER "TRG_audit_events_append_only" ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TRIGGER "TRG_beds_occupancy" ON beds`);
    await q.query(`DROP TRIGGER "TRG_stays_bed_occupancy" ON stays`);
    await q.query(`DROP FUNCTION beds_check_occupancy()`);
    await q.query(`DROP FUNCTION stays_check_bed_occupancy()`);
    await q.query(`DROP FUNCTION assert_bed_occupancy(uuid)`);
    await q.query(`DROP INDEX "IDX_people_search_name_trgm"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_stays_exposure_source"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_stays_policy"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_stays_bed"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_stays_room"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_stays_facility"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_stays_person"`);
    await q.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_people_residence_admin_unit"`);
    await q.query(`DROP INDEX "UQ_stays_open_person"`);
    await q.query(`DROP INDEX "UQ_stays_open_bed"`);
    await q.query(`DROP INDEX "IDX_stays_facility_status"`);
    await q.query(`DROP INDEX "IDX_stays_open_expected_release"`);
    await q.query(`DROP INDEX "IDX_stays_person"`);
    await q.query(`DROP TABLE "stays"`);
    await q.query(`DROP TYPE "stay_status"`);
    await q.query(`DROP INDEX "UQ_quarantine_policies_version"`);
    await q.query(`DROP TABLE "quarantine_policies"`);
    // Stays and policies share the classification type: drop it after both tables.
    await q.query(`DROP TYPE "classification"`);
    await q.query(`DROP INDEX "UQ_people_id_number"`);
    await q.query(`DROP INDEX "IDX_people_phone_digits"`);
    await q.query(`DROP TABLE "people"`);
    await q.query(`DROP TYPE "person_sex"`);
    await q.query(`DROP INDEX "IDX_idempotency_keys_created_at"`);
    await q.query(`DROP TABLE "idempotency_keys"`);
    await q.query(`DROP INDEX "IDX_audit_events_entity"`);
    await q.query(`DROP INDEX "IDX_audit_events_stay"`);
    await q.query(`DROP INDEX "IDX_audit_events_actor"`);
    await q.query(`DROP INDEX "IDX_audit_events_at"`);
    await q.query(`DROP TABLE "audit_events"`);
  }
}
