import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Stay } from '../stays/stay.entity';

export enum TestKind {
  RtPcr = 'rt_pcr',
  RapidAntigen = 'rapid_antigen',
}

export enum TestResult {
  Pending = 'pending',
  Negative = 'negative',
  Positive = 'positive',
}

/**
 * A sample taken from a person during a stay (xét nghiệm) and, once known, its result.
 * A sample fulfils its scheduled day only when taken in the stay's current period
 * (sampled_at >= stays.period_start_at): after a re-exposure the older samples no longer count.
 */
@Entity('test_samples')
// A result and its time come together: pending has no time, a final result always has one.
@Check('CHK_test_samples_result_at', `(result = 'pending') = (result_at IS NULL)`)
@Index('IDX_test_samples_stay_day', ['stayId', 'scheduledDay', 'sampledAt'])
@Index('IDX_test_samples_pending', ['stayId'], { where: `result = 'pending'` })
export class TestSample {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_test_samples' })
  id: string;

  @Column({ type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_test_samples_stay' })
  stay?: Stay;

  /** The policy day this sample fulfils (day 1 = first day of the period); null for an extra test. */
  @Column({ type: 'smallint', nullable: true })
  scheduledDay: number | null;

  @Column({ type: 'enum', enum: TestKind, enumName: 'test_kind' })
  kind: TestKind;

  @Column({ type: 'timestamptz' })
  sampledAt: Date;

  @Column({ type: 'enum', enum: TestResult, enumName: 'test_result', default: TestResult.Pending })
  result: TestResult;

  @Column({ type: 'timestamptz', nullable: true })
  resultAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lab: string | null;

  /** Who took the sample (a health worker's name or team). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  takenBy: string | null;

  /** The user who recorded the sample. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
