import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds the rows of a delta set (facility_id, sex_policy, status, n) to the running counts: first makes
 * sure each row exists (a plain upsert would check the CHECK against the bare delta, which may be
 * negative), then adds in one update.
 */
const applyDeltas = (deltas: string) => `
  INSERT INTO facility_bed_counts (facility_id, sex_policy)
  SELECT DISTINCT facility_id, sex_policy FROM (${deltas}) AS d(facility_id, sex_policy, status, n)
   ORDER BY 1, 2
  ON CONFLICT (facility_id, sex_policy) DO NOTHING;
  UPDATE facility_bed_counts AS c
     SET available = c.available + d.available,
         occupied = c.occupied + d.occupied,
         out_of_service = c.out_of_service + d.out_of_service
    FROM (SELECT facility_id, sex_policy,
                 coalesce(sum(n) FILTER (WHERE status = 'available'), 0) AS available,
                 coalesce(sum(n) FILTER (WHERE status = 'occupied'), 0) AS occupied,
                 coalesce(sum(n) FILTER (WHERE status = 'out_of_service'), 0) AS out_of_service
            FROM (${deltas}) AS d(facility_id, sex_policy, status, n)
           GROUP BY facility_id, sex_policy) AS d
   WHERE c.facility_id = d.facility_id AND c.sex_policy = d.sex_policy
     AND (d.available, d.occupied, d.out_of_service) <> (0, 0, 0)`;

/**
 * Running bed counts per facility and room sex policy, so that the capacity roll-up reads one row per
 * facility and sex policy instead of every bed. Kept by triggers in the transaction of every change
 * to beds and rooms (whatever client makes it), so the counts commit or roll back with the change.
 * Inserts and deletes of beds are counted by statement-level triggers with transition tables (a bulk
 * insert of rooms and beds costs one update per facility, not one per bed); a change of a bed's status
 * (admission, release, transfer) by a deferred row trigger at commit, so concurrent admissions at one
 * facility wait for each other's counts only while committing.
 * The counts can be checked against the beds at any time (flag-capacity-counts raises
 * capacity_counts_mismatch when they differ).
 */
export class FacilityBedCounts1796013002245 implements MigrationInterface {
  name = 'FacilityBedCounts1796013002245';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "facility_bed_counts" (
      "facility_id" uuid NOT NULL,
      "sex_policy" "room_sex_policy" NOT NULL,
      "available" integer NOT NULL DEFAULT 0,
      "occupied" integer NOT NULL DEFAULT 0,
      "out_of_service" integer NOT NULL DEFAULT 0,
      CONSTRAINT "CHK_facility_bed_counts_not_negative" CHECK (available >= 0 AND occupied >= 0 AND out_of_service >= 0),
      CONSTRAINT "PK_facility_bed_counts" PRIMARY KEY ("facility_id", "sex_policy"))`);
    await q.query(
      `ALTER TABLE "facility_bed_counts" ADD CONSTRAINT "FK_facility_bed_counts_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`
      CREATE FUNCTION beds_count_inserted() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        ${applyDeltas(`SELECT r.facility_id, r.sex_policy, n.status, 1 FROM new_beds n JOIN rooms r ON r.id = n.room_id`)};
        RETURN NULL;
      END \$\$`);
    // Beds deleted with their room are not found here (the room is gone): the room's trigger took them off.
    await q.query(`
      CREATE FUNCTION beds_count_deleted() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        ${applyDeltas(`SELECT r.facility_id, r.sex_policy, o.status, -1 FROM old_beds o JOIN rooms r ON r.id = o.room_id`)};
        RETURN NULL;
      END \$\$`);
    // One bed's status or room changed: applied at commit (a deferred constraint trigger), so that
    // admissions and releases at one facility hold its counts row only while they commit.
    await q.query(`
      CREATE FUNCTION beds_count_updated() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        IF OLD.status = NEW.status AND OLD.room_id = NEW.room_id THEN
          RETURN NULL;
        END IF;
        ${applyDeltas(`
          SELECT r.facility_id, r.sex_policy, OLD.status, -1 FROM rooms r WHERE r.id = OLD.room_id
          UNION ALL
          SELECT r.facility_id, r.sex_policy, NEW.status, 1 FROM rooms r WHERE r.id = NEW.room_id`)};
        RETURN NULL;
      END \$\$`);
    await q.query(`
      CREATE FUNCTION rooms_count_changed() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.facility_id = NEW.facility_id AND OLD.sex_policy = NEW.sex_policy THEN
          RETURN NEW;
        END IF;
        ${applyDeltas(`
          SELECT OLD.facility_id, OLD.sex_policy, b.status, -1 FROM beds b WHERE b.room_id = OLD.id
          UNION ALL
          SELECT NEW.facility_id, NEW.sex_policy, b.status, 1 FROM beds b WHERE TG_OP = 'UPDATE' AND b.room_id = NEW.id`)};
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END \$\$`);
    await q.query(`CREATE TRIGGER "TRG_beds_count_inserted" AFTER INSERT ON beds REFERENCING NEW TABLE AS new_beds
      FOR EACH STATEMENT EXECUTE FUNCTION beds_count_inserted()`);
    await q.query(`CREATE TRIGGER "TRG_beds_count_deleted" AFTER DELETE ON beds REFERENCING OLD TABLE AS old_beds
      FOR EACH STATEMENT EXECUTE FUNCTION beds_count_deleted()`);
    await q.query(`CREATE CONSTRAINT TRIGGER "TRG_beds_count_updated" AFTER UPDATE OF status, room_id ON beds
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION beds_count_updated()`);
    // BEFORE: the room's beds are still there to be counted off (they go with it by cascade).
    await q.query(`CREATE TRIGGER "TRG_rooms_count_deleted" BEFORE DELETE ON rooms
      FOR EACH ROW EXECUTE FUNCTION rooms_count_changed()`);
    await q.query(`CREATE TRIGGER "TRG_rooms_count_moved" AFTER UPDATE OF facility_id, sex_policy ON rooms
      FOR EACH ROW EXECUTE FUNCTION rooms_count_changed()`);

    await q.query(`
      INSERT INTO facility_bed_counts (facility_id, sex_policy, available, occupied, out_of_service)
      SELECT r.facility_id, r.sex_policy,
             count(*) FILTER (WHERE b.status = 'available'),
             count(*) FILTER (WHERE b.status = 'occupied'),
             count(*) FILTER (WHERE b.status = 'out_of_service')
        FROM beds b JOIN rooms r ON r.id = b.room_id
       GROUP BY r.facility_id, r.sex_policy`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_rooms_count_moved" ON rooms`);
    await q.query(`DROP TRIGGER "TRG_rooms_count_deleted" ON rooms`);
    await q.query(`DROP TRIGGER "TRG_beds_count_updated" ON beds`);
    await q.query(`DROP TRIGGER "TRG_beds_count_deleted" ON beds`);
    await q.query(`DROP TRIGGER "TRG_beds_count_inserted" ON beds`);
    await q.query(`DROP FUNCTION rooms_count_changed()`);
    await q.query(`DROP FUNCTION beds_count_updated()`);
    await q.query(`DROP FUNCTION beds_count_deleted()`);
    await q.query(`DROP FUNCTION beds_count_inserted()`);
    await q.query(`ALTER TABLE "facility_bed_counts" DROP CONSTRAINT "FK_facility_bed_counts_facility"`);
    await q.query(`DROP TABLE "facility_bed_counts"`);
  }
}
