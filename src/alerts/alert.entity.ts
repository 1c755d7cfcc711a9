import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';
import { Stay } from '../stays/stay.entity';

export enum AlertType {
  TestDue = 'test_due',
  TestOverdue = 'test_overdue',
  ReleaseOverdue = 'release_overdue',
  ReleaseReady = 'release_ready',
  CapacityHigh = 'capacity_high',
  CapacityFull = 'capacity_full',
  Understaffed = 'understaffed',
  Fever = 'fever',
  LowSpo2 = 'low_spo2',
  SymptomsReported = 'symptoms_reported',
  HealthCheckMissed = 'health_check_missed',
  PositiveResult = 'positive_result',
  PositiveAfterRelease = 'positive_after_release',
  PostReleaseTestDue = 'post_release_test_due',
  HomeMonitoringAbsent = 'home_monitoring_absent',
  CapacityCountsMismatch = 'capacity_counts_mismatch',
}

export enum AlertStatus {
  Open = 'open',
  Acknowledged = 'acknowledged',
  Resolved = 'resolved',
}

/**
 * A flag raised by a scheduled job (cảnh báo). Jobs derive alerts from the database state and
 * upsert them by their natural key (type + subjectKey): the partial unique index allows one
 * unresolved alert per key, so a job run twice, or on two instances, raises nothing twice.
 */
@Entity('alerts')
@Index('UQ_alerts_unresolved_subject', ['type', 'subjectKey'], { unique: true, where: `status <> 'resolved'` })
@Index('IDX_alerts_facility_status', ['facilityId', 'status'])
@Index('IDX_alerts_stay', ['stayId'])
@Index('IDX_alerts_residence_admin_unit', ['residenceAdminUnitCode'], { where: 'residence_admin_unit_code IS NOT NULL' })
@Check('CHK_alerts_resolved_at', `(status = 'resolved') = (resolved_at IS NOT NULL)`)
export class Alert {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_alerts' })
  id: string;

  @Column({ type: 'enum', enum: AlertType, enumName: 'alert_type' })
  type: AlertType;

  /** What the alert is about, e.g. "stay:<id>:day:7:2021-08-07" or "facility:<id>". */
  @Column({ type: 'varchar', length: 200 })
  subjectKey: string;

  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_alerts_facility' })
  facility?: Facility;

  @Column({ type: 'uuid', nullable: true })
  stayId: string | null;

  @ManyToOne(() => Stay, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_alerts_stay' })
  stay?: Stay;

  /**
   * The admin unit where the person lives, for alerts that the committee of residence must see
   * whatever facility raised them (home monitoring, a positive result after release).
   */
  @Column({ type: 'varchar', length: 10, nullable: true })
  residenceAdminUnitCode: string | null;

  /** The local day the alert is about (a test's due date, a release day), when it has one. */
  @Column({ type: 'date', nullable: true })
  subjectDate: string | null;

  @Column({ type: 'enum', enum: AlertStatus, enumName: 'alert_status', default: AlertStatus.Open })
  status: AlertStatus;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
