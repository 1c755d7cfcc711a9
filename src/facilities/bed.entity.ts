import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Room } from './room.entity';

export enum BedStatus {
  Available = 'available',
  Occupied = 'occupied',
  OutOfService = 'out_of_service',
}

@Entity('beds')
@Index('UQ_beds_room_code', ['roomId', 'code'], { unique: true })
export class Bed {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_beds' })
  id: string;

  @Column({ type: 'uuid' })
  roomId: string;

  @ManyToOne(() => Room, (room) => room.beds, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_beds_room' })
  room?: Room;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'enum', enum: BedStatus, enumName: 'bed_status', default: BedStatus.Available })
  status: BedStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
