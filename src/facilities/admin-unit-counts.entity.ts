import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AdminUnit } from '../admin-units/admin-unit.entity';
import { SexPolicy } from './room.entity';

/**
 * The beds of the open facilities whose own unit is this one (not the units below it), in rooms of one
 * sex policy, by status: the sum of their facility_bed_counts rows. Written only by database triggers
 * (see the CapacityRollUpByUnit migration) in the transaction of each change; read by the capacity roll-up.
 */
@Entity('admin_unit_bed_counts')
@Check('CHK_admin_unit_bed_counts_not_negative', 'available >= 0 AND occupied >= 0 AND out_of_service >= 0')
export class AdminUnitBedCount {
  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'PK_admin_unit_bed_counts' })
  adminUnitCode: string;

  @PrimaryColumn({ type: 'enum', enum: SexPolicy, enumName: 'room_sex_policy', primaryKeyConstraintName: 'PK_admin_unit_bed_counts' })
  sexPolicy: SexPolicy;

  @ManyToOne(() => AdminUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_unit_code', foreignKeyConstraintName: 'FK_admin_unit_bed_counts_admin_unit' })
  adminUnit?: AdminUnit;

  @Column({ type: 'integer', default: 0 })
  available: number;

  @Column({ type: 'integer', default: 0 })
  occupied: number;

  @Column({ type: 'integer', default: 0 })
  outOfService: number;
}

/** How many open (not closed) facilities have this unit as their own. Written only by a trigger on facilities. */
@Entity('admin_unit_facility_counts')
@Check('CHK_admin_unit_facility_counts_not_negative', 'facilities >= 0')
export class AdminUnitFacilityCount {
  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'PK_admin_unit_facility_counts' })
  adminUnitCode: string;

  @ManyToOne(() => AdminUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_unit_code', foreignKeyConstraintName: 'FK_admin_unit_facility_counts_admin_unit' })
  adminUnit?: AdminUnit;

  @Column({ type: 'integer', default: 0 })
  facilities: number;
}
