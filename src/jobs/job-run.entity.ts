import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last run of each job (scheduled or not), kept in the database so every instance (and /health) sees it. */
@Entity('job_runs')
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 60, primaryKeyConstraintName: 'PK_job_runs' })
  jobName: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSucceededAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'integer', nullable: true })
  lastDurationMs: number | null;

  @Column({ type: 'integer', nullable: true })
  lastRaised: number | null;

  @Column({ type: 'integer', nullable: true })
  lastResolved: number | null;

  /** The last successful run's result, in the job's own shape. */
  @Column({ type: 'jsonb', nullable: true })
  lastResult: object | null;
}
