import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AdminUnit } from '../admin-units/admin-unit.entity';
import { Facility } from '../facilities/facility.entity';
import type { FrameMember } from './frame-member.entity';

export enum FrameStatus {
  Standby = 'standby',
  Deployed = 'deployed',
}

/** A quarantine frame (khung cách ly): the standing team a district forms to run a facility. */
@Entity('frames')
@Check('CHK_frames_deployed_has_facility', `status <> 'deployed' OR facility_id IS NOT NULL`)
export class Frame {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_frames' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The unit that formed the frame; its members come from this unit or the units below it. */
  @Index('IDX_frames_admin_unit_code')
  @Column({ type: 'varchar', length: 10 })
  adminUnitCode: string;

  @ManyToOne(() => AdminUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_code', foreignKeyConstraintName: 'FK_frames_admin_unit' })
  adminUnit?: AdminUnit;

  /** The facility the frame was last deployed to. */
  @Index('IDX_frames_facility_id')
  @Column({ type: 'uuid', nullable: true })
  facilityId: string | null;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_frames_facility' })
  facility?: Facility;

  @Column({ type: 'enum', enum: FrameStatus, enumName: 'frame_status', default: FrameStatus.Standby })
  status: FrameStatus;

  @OneToMany('FrameMember', 'frame')
  members?: FrameMember[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
