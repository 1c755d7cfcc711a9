import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Frame } from './frame.entity';
import { StaffMember } from './staff-member.entity';

export enum FramePosition {
  Leader = 'leader',
  Deputy = 'deputy',
  Member = 'member',
}

@Entity('frame_members')
// A frame has at most one leader.
@Index('UQ_frame_members_one_leader', ['frameId'], { unique: true, where: `"position" = 'leader'` })
export class FrameMember {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_frame_members' })
  frameId: string;

  @ManyToOne(() => Frame, (frame) => frame.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'frame_id', foreignKeyConstraintName: 'FK_frame_members_frame' })
  frame?: Frame;

  @Index('IDX_frame_members_staff_id')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_frame_members' })
  staffId: string;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'FK_frame_members_staff' })
  staff?: StaffMember;

  @Column({ type: 'enum', enum: FramePosition, enumName: 'frame_position', default: FramePosition.Member })
  position: FramePosition;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
