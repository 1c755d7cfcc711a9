import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history of transfers: one row per move of a stay to another bed or facility, so that reports for
 * a past day know which facility a person was in. Moves made before this table existed are recovered
 * from the audit log (each transfer was audited with the bed and facility before and after).
 * Facility, room and bed ids carry no foreign keys: history outlives a room that is later removed.
 */
export class StayMovements1796011588895 implements MigrationInterface {
  name = 'StayMovements1796011588895';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "stay_movements" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "stay_id" uuid NOT NULL,
      "from_facility_id" uuid NOT NULL,
      "from_room_id" uuid NOT NULL,
      "from_bed_id" uuid NOT NULL,
      "to_facility_id" uuid NOT NULL,
      "to_room_id" uuid NOT NULL,
      "to_bed_id" uuid NOT NULL,
      "moved_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_stay_movements" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_stay_movements_stay" ON "stay_movements" ("stay_id", "moved_at")`);
    await q.query(`CREATE INDEX "IDX_stay_movements_from_facility" ON "stay_movements" ("from_facility_id", "moved_at")`);
    await q.query(`CREATE INDEX "IDX_stay_movements_to_facility" ON "stay_movements" ("to_facility_id", "moved_at")`);
    await q.query(
      `ALTER TABLE "stay_movements" ADD CONSTRAINT "FK_stay_movements_stay" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`
      INSERT INTO stay_movements (stay_id, from_facility_id, from_room_id, from_bed_id, to_facility_id, to_room_id, to_bed_id, moved_at, actor_id)
      SELECT e.stay_id,
             (e.before->>'facilityId')::uuid, (e.before->>'roomId')::uuid, (e.before->>'bedId')::uuid,
             (e.after->>'facilityId')::uuid, (e.after->>'roomId')::uuid, (e.after->>'bedId')::uuid,
             e.at, e.actor_id
        FROM audit_events e
       WHERE e.action = 'stay.transferred' AND e.stay_id IS NOT NULL
         AND e.before ? 'bedId' AND e.after ? 'bedId'
         AND EXISTS (SELECT 1 FROM stays s WHERE s.id = e.stay_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stay_movements" DROP CONSTRAINT "FK_stay_movements_stay"`);
    await q.query(`DROP INDEX "IDX_stay_movements_to_facility"`);
    await q.query(`DROP INDEX "IDX_stay_movements_from_facility"`);
    await q.query(`DROP INDEX "IDX_stay_movements_stay"`);
    await q.query(`DROP TABLE "stay_movements"`);
  }
}
