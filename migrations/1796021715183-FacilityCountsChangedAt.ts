import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a facility's running bed counts last changed (an admission, a release, a transfer, beds added or
 * taken out of service): the capacity board shows it per facility. A BEFORE UPDATE row trigger on the
 * counts stamps the row only when a count actually moves (the WHEN clause keeps the function out of
 * no-op updates), so the triggers that keep the counts stay as they are. Rows that have not changed
 * since this migration keep NULL: the time is not known.
 */
export class FacilityCountsChangedAt1796021715183 implements MigrationInterface {
  name = 'FacilityCountsChangedAt1796021715183';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "facility_bed_counts" ADD "last_changed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`
      CREATE FUNCTION facility_bed_counts_stamped() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN
        NEW.last_changed_at := now();
        RETURN NEW;
      END \$\$`);
    await q.query(`CREATE TRIGGER "TRG_facility_bed_counts_stamped" BEFORE UPDATE OF available, occupied, out_of_service
      ON facility_bed_counts FOR EACH ROW
      WHEN ((OLD.available, OLD.occupied, OLD.out_of_service) IS DISTINCT FROM (NEW.available, NEW.occupied, NEW.out_of_service))
      EXECUTE FUNCTION facility_bed_counts_stamped()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_facility_bed_counts_stamped" ON facility_bed_counts`);
    await q.query(`DROP FUNCTION facility_bed_counts_stamped()`);
    await q.query(`ALTER TABLE "facility_bed_counts" DROP COLUMN "last_changed_at"`);
  }
}
