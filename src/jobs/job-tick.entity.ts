import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A scheduled tick of a job that ran; its key is what makes each tick run once across instances. */
@Entity('job_ticks')
export class JobTick {
  @PrimaryColumn({ type: 'varchar', length: 60, primaryKeyConstraintName: 'PK_job_ticks' })
  jobName: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_job_ticks' })
  tickAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  ranAt: Date;
}
