import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Stay } from '../stays/stay.entity';

/** What the committee's community team found when following a released person at home. */
export enum HomeCheckStatus {
  Ok = 'ok',
  Symptoms = 'symptoms',
  /** Not at home when visited or called. */
  Absent = 'absent',
  TestedNegative = 'tested_negative',
  TestedPositive = 'tested_positive',
}

export const TEST_STATUSES = [HomeCheckStatus.TestedNegative, HomeCheckStatus.TestedPositive];

/** One follow-up of a released person during home monitoring, by the committee of their residence. */
@Entity('home_monitoring_checks')
@Index('IDX_home_monitoring_checks_stay_at', ['stayId', 'at'])
export class HomeMonitoringCheck {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_home_monitoring_checks' })
  id: string;

  @Column({ type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_home_monitoring_checks_stay' })
  stay?: Stay;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'enum', enum: HomeCheckStatus, enumName: 'home_check_status' })
  status: HomeCheckStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
