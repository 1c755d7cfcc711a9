import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';
import { Frame } from './frame.entity';
import { StaffMember, StaffRole } from './staff-member.entity';

/** A staff member on duty at a facility from startsAt (inclusive) to endsAt (exclusive): a shift or a longer posting. */
@Entity('assignments')
@Check('CHK_assignments_ends_after_start', `ends_at > starts_at`)
// Nobody is on two assignments at once. Back-to-back shifts (one ends when the next starts) do not overlap.
@Exclusion('EXC_assignments_staff_no_overlap', `USING gist ("staff_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)`)
@Index('IDX_assignments_facility_starts_at', ['facilityId', 'startsAt'])
export class Assignment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_assignments' })
  id: string;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'FK_assignments_staff' })
  staff?: StaffMember;

  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_assignments_facility' })
  facility?: Facility;

  /** The role the staff member fills on this assignment (their own role unless said otherwise). */
  @Column({ type: 'enum', enum: StaffRole, enumName: 'staff_role' })
  role: StaffRole;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** The frame whose deployment created this assignment, if any. */
  @Index('IDX_assignments_frame_id')
  @Column({ type: 'uuid', nullable: true })
  frameId: string | null;

  @ManyToOne(() => Frame, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'frame_id', foreignKeyConstraintName: 'FK_assignments_frame' })
  frame?: Frame;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
