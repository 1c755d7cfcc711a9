import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum Classification {
  F0 = 'F0',
  F1 = 'F1',
  F2 = 'F2',
  F3 = 'F3',
  /** Quarantined as a precaution, e.g. arriving from an outbreak area. */
  Precaution = 'precaution',
}

/**
 * The rules a stay is admitted under, kept as versioned data: a new version is a new row with a
 * later effectiveFrom, and a stay keeps pointing at the version it was admitted under.
 */
@Entity('quarantine_policies')
@Index('UQ_quarantine_policies_version', ['classification', 'vaccinated', 'effectiveFrom'], { unique: true })
@Check('CHK_quarantine_policies_duration', 'duration_days BETWEEN 1 AND 60')
@Check('CHK_quarantine_policies_home_monitoring', 'home_monitoring_days BETWEEN 0 AND 60')
@Check('CHK_quarantine_policies_test_days', 'cardinality(test_days) <= 30')
@Check('CHK_quarantine_policies_post_release_test_days', 'cardinality(post_release_test_days) <= 10')
export class QuarantinePolicy {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quarantine_policies' })
  id: string;

  @Column({ type: 'enum', enum: Classification, enumName: 'classification' })
  classification: Classification;

  /** Fully vaccinated or recovered. */
  @Column({ type: 'boolean' })
  vaccinated: boolean;

  @Column({ type: 'smallint' })
  durationDays: number;

  /** Days of the stay on which an RT-PCR sample is due; day 1 is the admission day. */
  @Column({ type: 'smallint', array: true })
  testDays: number[];

  /** Days of monitoring at home after release (7 or 14 in 2021); see homeMonitoringUntil(). */
  @Column({ type: 'smallint' })
  homeMonitoringDays: number;

  /** Days after the release day on which a test is due during home monitoring ([7] in 2021). */
  @Column({ type: 'smallint', array: true })
  postReleaseTestDays: number[];

  @Column({ type: 'timestamptz' })
  effectiveFrom: Date;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
