import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The positive-case path. A release now says how the stay ended (completed, transferred to treatment
 * with a destination, or other with a written reason); facilities may be treatment facilities (cơ sở
 * thu dung, điều trị), the only place an F0 may be moved to; and a stay remembers when a positive result
 * arrived after its release. Stays released before this change are completed, or other when they were
 * released with an override.
 */
export class ReleaseOutcomes1796011207720 implements MigrationInterface {
  name = 'ReleaseOutcomes1796011207720';

  public async up(q: QueryRunner): Promise<void> {
    // The kind type is rebuilt rather than extended: a value added with ADD VALUE cannot be used in
    // the transaction that added it, and later migrations of the same run may need it.
    await rebuildFacilityKind(q, [...KINDS, 'treatment_facility']);

    await q.query(`CREATE TYPE "release_outcome" AS ENUM('completed', 'transferred_to_treatment', 'other')`);
    await q.query(`ALTER TABLE "stays" ADD "release_outcome" "release_outcome"`);
    await q.query(`ALTER TABLE "stays" ADD "release_destination" character varying(300)`);
    await q.query(`ALTER TABLE "stays" ADD "positive_after_release_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `UPDATE "stays" SET "release_outcome" = CASE WHEN release_override_reason IS NULL THEN 'completed' ELSE 'other' END::release_outcome
        WHERE status = 'released'`,
    );
    // A released stay always has an outcome, an open one never; a destination only with a transfer to treatment.
    await q.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "CHK_stays_release_outcome" CHECK ((status = 'released') = (release_outcome IS NOT NULL))`,
    );
    await q.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "CHK_stays_release_destination" CHECK ((release_outcome IS NOT DISTINCT FROM 'transferred_to_treatment') = (release_destination IS NOT NULL))`,
    );
    await q.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "CHK_stays_positive_after_release" CHECK (positive_after_release_at IS NULL OR status = 'released')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "CHK_stays_positive_after_release"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "CHK_stays_release_destination"`);
    await q.query(`ALTER TABLE "stays" DROP CONSTRAINT "CHK_stays_release_outcome"`);
    await q.query(`ALTER TABLE "stays" DROP COLUMN "positive_after_release_at"`);
    await q.query(`ALTER TABLE "stays" DROP COLUMN "release_destination"`);
    await q.query(`ALTER TABLE "stays" DROP COLUMN "release_outcome"`);
    await q.query(`DROP TYPE "release_outcome"`);
    // Treatment facilities become "other" (hospital isolation wards were filed there before).
    await q.query(`UPDATE "facilities" SET "kind" = 'other' WHERE "kind" = 'treatment_facility'`);
    await rebuildFacilityKind(q, KINDS);
  }
}

const KINDS = ['provincial_camp', 'district_camp', 'other'];

async function rebuildFacilityKind(q: QueryRunner, kinds: string[]): Promise<void> {
  await q.query(`ALTER TYPE "facility_kind" RENAME TO "facility_kind_old"`);
  await q.query(`CREATE TYPE "facility_kind" AS ENUM(${kinds.map((k) => `'${k}'`).join(', ')})`);
  await q.query(`ALTER TABLE "facilities" ALTER COLUMN "kind" TYPE "facility_kind" USING "kind"::text::"facility_kind"`);
  await q.query(`DROP TYPE "facility_kind_old"`);
}
