import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Facility } from './facility.entity';
import { SexPolicy } from './room.entity';

/**
 * How many beds of a facility, in rooms of one sex policy, are available, occupied and out of service.
 * Written only by database triggers on beds and rooms (see the FacilityBedCounts migration), in the
 * transaction of each change; read by the capacity roll-up. Never written by the application.
 */
@Entity('facility_bed_counts')
@Check('CHK_facility_bed_counts_not_negative', 'available >= 0 AND occupied >= 0 AND out_of_service >= 0')
export class FacilityBedCount {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_facility_bed_counts' })
  facilityId: string;

  @PrimaryColumn({ type: 'enum', enum: SexPolicy, enumName: 'room_sex_policy', primaryKeyConstraintName: 'PK_facility_bed_counts' })
  sexPolicy: SexPolicy;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_facility_bed_counts_facility' })
  facility?: Facility;

  @Column({ type: 'integer', default: 0 })
  available: number;

  @Column({ type: 'integer', default: 0 })
  occupied: number;

  @Column({ type: 'integer', default: 0 })
  outOfService: number;

  /** When a count of this row last moved (stamped by a trigger); null when not since the column exists. */
  @Column({ type: 'timestamptz', nullable: true })
  lastChangedAt: Date | null;

  /** The facility's admin unit, copied by trigger: the row's beds count towards this unit's admin_unit_bed_counts. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  adminUnitCode: string | null;

  /** Whether the facility is open (not closed), copied by trigger: only open facilities count in an area. */
  @Column({ type: 'boolean', default: false })
  facilityOpen: boolean;
}
