import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Stay } from './stay.entity';

/**
 * One move of a stay from a bed to another, in the same facility or another one. The stay row holds
 * where the person is now; these rows hold where they were before, so that a report for a past day can
 * say who was in which facility. Written by StaysService in the transaction of the move.
 */
@Entity('stay_movements')
@Index('IDX_stay_movements_stay', ['stayId', 'movedAt'])
@Index('IDX_stay_movements_from_facility', ['fromFacilityId', 'movedAt'])
@Index('IDX_stay_movements_to_facility', ['toFacilityId', 'movedAt'])
export class StayMovement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_stay_movements' })
  id: string;

  @Column({ type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_stay_movements_stay' })
  stay?: Stay;

  @Column({ type: 'uuid' })
  fromFacilityId: string;

  @Column({ type: 'uuid' })
  fromRoomId: string;

  @Column({ type: 'uuid' })
  fromBedId: string;

  @Column({ type: 'uuid' })
  toFacilityId: string;

  @Column({ type: 'uuid' })
  toRoomId: string;

  @Column({ type: 'uuid' })
  toBedId: string;

  @Column({ type: 'timestamptz' })
  movedAt: Date;

  /** Who moved the person (null for moves recovered from the audit log without an actor). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
