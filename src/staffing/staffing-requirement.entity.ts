import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';
import { StaffRole } from './staff-member.entity';

/**
 * How many staff of one role a facility needs on duty: max(minOnDuty, ceil(occupants / perOccupants)).
 * A facility without any rows uses the defaults of its kind (see requirements.ts).
 */
@Entity('staffing_requirements')
@Check('CHK_staffing_requirements_min_on_duty', `min_on_duty >= 0`)
@Check('CHK_staffing_requirements_per_occupants', `per_occupants IS NULL OR per_occupants > 0`)
export class StaffingRequirement {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_staffing_requirements' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_staffing_requirements_facility' })
  facility?: Facility;

  @PrimaryColumn({ type: 'enum', enum: StaffRole, enumName: 'staff_role', primaryKeyConstraintName: 'PK_staffing_requirements' })
  role: StaffRole;

  @Column({ type: 'integer' })
  minOnDuty: number;

  @Column({ type: 'integer', nullable: true })
  perOccupants: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
