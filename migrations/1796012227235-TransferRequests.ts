import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfer requests between facilities: the source asks, the target accepts (the move happens then)
 * or rejects, the requester may cancel. At most one pending request per stay, held by a partial unique
 * index so that two requests sent at the same moment cannot both be pending.
 */
export class TransferRequests1796012227235 implements MigrationInterface {
  name = 'TransferRequests1796012227235';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "transfer_request_status" AS ENUM('pending', 'accepted', 'rejected', 'cancelled')`);
    await q.query(`CREATE TABLE "transfer_requests" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "stay_id" uuid NOT NULL,
      "from_facility_id" uuid NOT NULL,
      "to_facility_id" uuid NOT NULL,
      "reason" text NOT NULL,
      "status" "transfer_request_status" NOT NULL DEFAULT 'pending',
      "requested_by" uuid NOT NULL,
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "decided_by" uuid,
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "decision_reason" text,
      "to_bed_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_transfer_requests_other_facility" CHECK (from_facility_id <> to_facility_id),
      CONSTRAINT "CHK_transfer_requests_decided" CHECK ((status = 'pending') = (decided_at IS NULL)),
      CONSTRAINT "CHK_transfer_requests_bed" CHECK ((status = 'accepted') = (to_bed_id IS NOT NULL)),
      CONSTRAINT "PK_transfer_requests" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_transfer_requests_pending_stay" ON "transfer_requests" ("stay_id") WHERE status = 'pending'`);
    await q.query(`CREATE INDEX "IDX_transfer_requests_from_status" ON "transfer_requests" ("from_facility_id", "status")`);
    await q.query(`CREATE INDEX "IDX_transfer_requests_to_status" ON "transfer_requests" ("to_facility_id", "status")`);
    await q.query(`CREATE INDEX "IDX_transfer_requests_stay" ON "transfer_requests" ("stay_id")`);
    for (const [name, column, table] of FOREIGN_KEYS) {
      await q.query(
        `ALTER TABLE "transfer_requests" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...FOREIGN_KEYS].reverse()) {
      await q.query(`ALTER TABLE "transfer_requests" DROP CONSTRAINT "${name}"`);
    }
    await q.query(`DROP INDEX "IDX_transfer_requests_stay"`);
    await q.query(`DROP INDEX "IDX_transfer_requests_to_status"`);
    await q.query(`DROP INDEX "IDX_transfer_requests_from_status"`);
    await q.query(`DROP INDEX "UQ_transfer_requests_pending_stay"`);
    await q.query(`DROP TABLE "transfer_requests"`);
    await q.query(`DROP TYPE "transfer_request_status"`);
  }
}

const FOREIGN_KEYS = [
  ['FK_transfer_requests_stay', 'stay_id', 'stays'],
  ['FK_transfer_requests_from_facility', 'from_facility_id', 'facilities'],
  ['FK_transfer_requests_to_facility', 'to_facility_id', 'facilities'],
  ['FK_transfer_requests_to_bed', 'to_bed_id', 'beds'],
] as const;
