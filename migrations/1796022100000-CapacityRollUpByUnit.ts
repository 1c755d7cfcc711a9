import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every (ancestor, descendant, depth) pair of the admin-unit tree, each unit its own ancestor at depth 0. */
const WANTED_ANCESTORS = `
  WITH RECURSIVE wanted(ancestor_code, descendant_code, depth) AS (
    SELECT code, code, 0 FROM admin_units
    UNION ALL
    SELECT u.parent_code, w.descendant_code, w.depth + 1
      FROM wanted w JOIN admin_units u ON u.code = w.ancestor_code
     WHERE u.parent_code IS NOT NULL AND w.depth < 20
  )`;

/** The bed counts of the open facilities whose own unit is a given one, summed from facility_bed_counts. */
const UNIT_BED_COUNTS = `
  SELECT admin_unit_code, sex_policy, sum(available)::int, sum(occupied)::int, sum(out_of_service)::int
    FROM facility_bed_counts WHERE facility_open GROUP BY admin_unit_code, sex_policy`;

/**
 * The capacity roll-up without reading every facility of a large area:
 * - admin_unit_ancestors: the admin-unit tree as a closure table (every unit with each unit above it and
 *   itself), rebuilt by a statement trigger whenever admin_units change (a few thousand rows, and units
 *   rarely change); admin_unit_subtree() now reads it instead of walking the tree;
 * - facility_bed_counts learns its facility's unit and whether the facility is open (not closed), kept by
 *   a trigger on facilities;
 * - admin_unit_bed_counts: the bed counts of the open facilities of each unit (the facilities' own unit,
 *   not summed upwards), kept from facility_bed_counts by a deferred row trigger, so that an admission
 *   updates its district's row at commit, after every facility row it changes;
 * - admin_unit_facility_counts: how many open facilities each unit has, kept by triggers on facilities.
 * An area's figures are then a sum over the unit rows of its subtree (at most a few thousand rows for
 * the whole country) instead of over every facility.
 */
export class CapacityRollUpByUnit1796022100000 implements MigrationInterface {
  name = 'CapacityRollUpByUnit1796022100000';

  public async up(q: QueryRunner): Promise<void> {
    // The tree as a closure table.
    await q.query(`CREATE TABLE "admin_unit_ancestors" (
      "ancestor_code" character varying(10) NOT NULL,
      "descendant_code" character varying(10) NOT NULL,
      "depth" smallint NOT NULL,
      CONSTRAINT "PK_admin_unit_ancestors" PRIMARY KEY ("ancestor_code", "descendant_code"))`);
    await q.query(`CREATE INDEX "IDX_admin_unit_ancestors_descendant" ON "admin_unit_ancestors"("descendant_code", "depth")`);
    await q.query(`ALTER TABLE "admin_unit_ancestors" ADD CONSTRAINT "FK_admin_unit_ancestors_ancestor" FOREIGN KEY ("ancestor_code") REFERENCES "admin_units"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "admin_unit_ancestors" ADD CONSTRAINT "FK_admin_unit_ancestors_descendant" FOREIGN KEY ("descendant_code") REFERENCES "admin_units"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Brought up to date after every statement that changes units: only the pairs that differ are
    // written. The table lock makes two such statements take turns (each sees the other's result).
    await q.query(`
      CREATE FUNCTION admin_unit_ancestors_refresh() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        LOCK TABLE admin_unit_ancestors IN SHARE ROW EXCLUSIVE MODE;
        ${WANTED_ANCESTORS}
        DELETE FROM admin_unit_ancestors a
         WHERE NOT EXISTS (SELECT 1 FROM wanted w WHERE w.ancestor_code = a.ancestor_code AND w.descendant_code = a.descendant_code);
        ${WANTED_ANCESTORS}
        INSERT INTO admin_unit_ancestors (ancestor_code, descendant_code, depth)
        SELECT ancestor_code, descendant_code, depth FROM wanted ORDER BY 1, 2
        ON CONFLICT (ancestor_code, descendant_code) DO UPDATE SET depth = EXCLUDED.depth
         WHERE admin_unit_ancestors.depth <> EXCLUDED.depth;
        RETURN NULL;
      END \$\$`);
    await q.query(`CREATE TRIGGER "TRG_admin_unit_ancestors_refresh" AFTER INSERT OR DELETE OR UPDATE OF code, parent_code ON admin_units
      FOR EACH STATEMENT EXECUTE FUNCTION admin_unit_ancestors_refresh()`);
    await q.query(`${WANTED_ANCESTORS} INSERT INTO admin_unit_ancestors (ancestor_code, descendant_code, depth) SELECT * FROM wanted`);
    await q.query(`
      CREATE OR REPLACE FUNCTION admin_unit_subtree(root varchar) RETURNS SETOF varchar
      LANGUAGE sql STABLE AS $$
        SELECT descendant_code FROM admin_unit_ancestors WHERE ancestor_code = root
      $$`);

    // Each facility's counts know its unit and whether it is open.
    await q.query(`ALTER TABLE "facility_bed_counts" ADD "admin_unit_code" character varying(10)`);
    await q.query(`ALTER TABLE "facility_bed_counts" ADD "facility_open" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE facility_bed_counts c SET admin_unit_code = f.admin_unit_code, facility_open = f.status <> 'closed'
                     FROM facilities f WHERE f.id = c.facility_id`);

    await q.query(`CREATE TABLE "admin_unit_bed_counts" (
      "admin_unit_code" character varying(10) NOT NULL,
      "sex_policy" "room_sex_policy" NOT NULL,
      "available" integer NOT NULL DEFAULT 0,
      "occupied" integer NOT NULL DEFAULT 0,
      "out_of_service" integer NOT NULL DEFAULT 0,
      CONSTRAINT "CHK_admin_unit_bed_counts_not_negative" CHECK (available >= 0 AND occupied >= 0 AND out_of_service >= 0),
      CONSTRAINT "PK_admin_unit_bed_counts" PRIMARY KEY ("admin_unit_code", "sex_policy"))`);
    await q.query(`ALTER TABLE "admin_unit_bed_counts" ADD CONSTRAINT "FK_admin_unit_bed_counts_admin_unit" FOREIGN KEY ("admin_unit_code") REFERENCES "admin_units"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "admin_unit_facility_counts" (
      "admin_unit_code" character varying(10) NOT NULL,
      "facilities" integer NOT NULL DEFAULT 0,
      CONSTRAINT "CHK_admin_unit_facility_counts_not_negative" CHECK (facilities >= 0),
      CONSTRAINT "PK_admin_unit_facility_counts" PRIMARY KEY ("admin_unit_code"))`);
    await q.query(`ALTER TABLE "admin_unit_facility_counts" ADD CONSTRAINT "FK_admin_unit_facility_counts_admin_unit" FOREIGN KEY ("admin_unit_code") REFERENCES "admin_units"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // A new counts row takes its facility's unit and state. FOR SHARE waits for a change of the facility
    // that has not committed yet (whose trigger below could not see this row) and reads its result.
    await q.query(`
      CREATE FUNCTION facility_bed_counts_placed() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        UPDATE facility_bed_counts c SET admin_unit_code = f.admin_unit_code, facility_open = f.status <> 'closed'
          FROM (SELECT admin_unit_code, status FROM facilities WHERE id = NEW.facility_id FOR SHARE) f
         WHERE c.facility_id = NEW.facility_id AND c.sex_policy = NEW.sex_policy;
        RETURN NULL;
      END \$\$`);
    await q.query(`CREATE TRIGGER "TRG_facility_bed_counts_placed" AFTER INSERT ON facility_bed_counts
      FOR EACH ROW EXECUTE FUNCTION facility_bed_counts_placed()`);

    // A counts row's change, carried to its unit: the old figures off the old unit (if the facility was
    // open), the new ones onto the new unit (if it is open). It reads nothing but the row's two versions,
    // so the unit rows follow facility_bed_counts whatever the order of changes. Deferred to commit, so a
    // transaction locks its facility rows before the unit rows (no lock-order deadlock between a transfer
    // and an admission in the same district), and holds a unit row only while committing.
    await q.query(`
      CREATE FUNCTION admin_unit_bed_counts_follow() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD.admin_unit_code, OLD.facility_open, OLD.sex_policy, OLD.available, OLD.occupied, OLD.out_of_service)
           IS NOT DISTINCT FROM (NEW.admin_unit_code, NEW.facility_open, NEW.sex_policy, NEW.available, NEW.occupied, NEW.out_of_service) THEN
          RETURN NULL;
        END IF;
        INSERT INTO admin_unit_bed_counts (admin_unit_code, sex_policy)
        SELECT DISTINCT unit, sex FROM (
          SELECT OLD.admin_unit_code, OLD.sex_policy WHERE TG_OP <> 'INSERT' AND OLD.facility_open AND OLD.admin_unit_code IS NOT NULL
          UNION ALL
          SELECT NEW.admin_unit_code, NEW.sex_policy WHERE TG_OP <> 'DELETE' AND NEW.facility_open AND NEW.admin_unit_code IS NOT NULL
        ) AS d(unit, sex) ORDER BY 1, 2
        ON CONFLICT (admin_unit_code, sex_policy) DO NOTHING;
        UPDATE admin_unit_bed_counts AS u
           SET available = u.available + d.available, occupied = u.occupied + d.occupied,
               out_of_service = u.out_of_service + d.out_of_service
          FROM (SELECT unit, sex, sum(a) AS available, sum(o) AS occupied, sum(s) AS out_of_service FROM (
                  SELECT OLD.admin_unit_code, OLD.sex_policy, -OLD.available, -OLD.occupied, -OLD.out_of_service
                   WHERE TG_OP <> 'INSERT' AND OLD.facility_open AND OLD.admin_unit_code IS NOT NULL
                  UNION ALL
                  SELECT NEW.admin_unit_code, NEW.sex_policy, NEW.available, NEW.occupied, NEW.out_of_service
                   WHERE TG_OP <> 'DELETE' AND NEW.facility_open AND NEW.admin_unit_code IS NOT NULL
                ) AS r(unit, sex, a, o, s) GROUP BY unit, sex) AS d
         WHERE u.admin_unit_code = d.unit AND u.sex_policy = d.sex
           AND (d.available, d.occupied, d.out_of_service) <> (0, 0, 0);
        RETURN NULL;
      END \$\$`);
    await q.query(`CREATE CONSTRAINT TRIGGER "TRG_admin_unit_bed_counts_follow" AFTER INSERT OR UPDATE OR DELETE ON facility_bed_counts
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION admin_unit_bed_counts_follow()`);

    // A facility opened, closed, created, removed or moved to another unit: its facility count moves, and
    // its counts rows learn the new unit and state (their trigger above moves the beds).
    await q.query(`
      CREATE FUNCTION facility_counts_follow() RETURNS trigger LANGUAGE plpgsql AS \$\$
      DECLARE
        was_open boolean := TG_OP <> 'INSERT' AND OLD.status <> 'closed';
        is_open boolean := TG_OP <> 'DELETE' AND NEW.status <> 'closed';
      BEGIN
        IF TG_OP = 'UPDATE' AND was_open = is_open AND OLD.admin_unit_code = NEW.admin_unit_code THEN
          RETURN NULL;
        END IF;
        INSERT INTO admin_unit_facility_counts (admin_unit_code)
        SELECT unit FROM (SELECT OLD.admin_unit_code WHERE was_open UNION SELECT NEW.admin_unit_code WHERE is_open) AS d(unit)
         ORDER BY 1
        ON CONFLICT (admin_unit_code) DO NOTHING;
        UPDATE admin_unit_facility_counts u SET facilities = u.facilities + d.n
          FROM (SELECT unit, sum(n) AS n FROM (
                  SELECT OLD.admin_unit_code, -1 WHERE was_open UNION ALL SELECT NEW.admin_unit_code, 1 WHERE is_open
                ) AS r(unit, n) GROUP BY unit) AS d
         WHERE u.admin_unit_code = d.unit AND d.n <> 0;
        IF TG_OP = 'UPDATE' THEN
          UPDATE facility_bed_counts SET admin_unit_code = NEW.admin_unit_code, facility_open = is_open
           WHERE facility_id = NEW.id;
        END IF;
        RETURN NULL;
      END \$\$`);
    await q.query(`CREATE TRIGGER "TRG_facility_counts_follow" AFTER INSERT OR DELETE OR UPDATE OF status, admin_unit_code ON facilities
      FOR EACH ROW EXECUTE FUNCTION facility_counts_follow()`);

    await q.query(`INSERT INTO admin_unit_bed_counts (admin_unit_code, sex_policy, available, occupied, out_of_service) ${UNIT_BED_COUNTS}`);
    await q.query(`INSERT INTO admin_unit_facility_counts (admin_unit_code, facilities)
                   SELECT admin_unit_code, count(*) FROM facilities WHERE status <> 'closed' GROUP BY admin_unit_code`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_facility_counts_follow" ON facilities`);
    await q.query(`DROP TRIGGER "TRG_admin_unit_bed_counts_follow" ON facility_bed_counts`);
    await q.query(`DROP TRIGGER "TRG_facility_bed_counts_placed" ON facility_bed_counts`);
    await q.query(`DROP FUNCTION facility_counts_follow()`);
    await q.query(`DROP FUNCTION admin_unit_bed_counts_follow()`);
    await q.query(`DROP FUNCTION facility_bed_counts_placed()`);
    await q.query(`DROP TABLE "admin_unit_facility_counts"`);
    await q.query(`DROP TABLE "admin_unit_bed_counts"`);
    await q.query(`ALTER TABLE "facility_bed_counts" DROP COLUMN "facility_open"`);
    await q.query(`ALTER TABLE "facility_bed_counts" DROP COLUMN "admin_unit_code"`);
    await q.query(`
      CREATE OR REPLACE FUNCTION admin_unit_subtree(root varchar) RETURNS SETOF varchar
      LANGUAGE sql STABLE AS $$
        WITH RECURSIVE sub(code) AS (
          SELECT code FROM admin_units WHERE code = root
          UNION
          SELECT u.code FROM admin_units u JOIN sub ON u.parent_code = sub.code
        )
        SELECT code FROM sub
      $$`);
    await q.query(`DROP TRIGGER "TRG_admin_unit_ancestors_refresh" ON admin_units`);
    await q.query(`DROP FUNCTION admin_unit_ancestors_refresh()`);
    await q.query(`DROP TABLE "admin_unit_ancestors"`);
  }
}
