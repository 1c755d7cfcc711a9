import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Bed } from './bed.entity';
import { Facility } from './facility.entity';

export enum SexPolicy {
  Male = 'male',
  Female = 'female',
  /** A room that may hold both sexes, e.g. for a family. */
  Mixed = 'mixed',
}

@Entity('rooms')
@Index('UQ_rooms_facility_code', ['facilityId', 'code'], { unique: true })
export class Room {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_rooms' })
  id: string;

  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_rooms_facility' })
  facility?: Facility;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  building: string | null;

  @Column({ type: 'smallint', nullable: true })
  floor: number | null;

  @Column({ type: 'enum', enum: SexPolicy, enumName: 'room_sex_policy' })
  sexPolicy: SexPolicy;

  @OneToMany('Bed', 'room')
  beds?: Bed[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
