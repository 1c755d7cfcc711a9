import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';
import { Stay } from '../stays/stay.entity';

/** What the monitoring sheet asks about (Bộ Y tế 878/QĐ-BYT): the symptoms a check may report. */
export enum Symptom {
  Fever = 'fever',
  Cough = 'cough',
  SoreThroat = 'sore_throat',
  RunnyNose = 'runny_nose',
  Aches = 'aches',
  ShortnessOfBreath = 'shortness_of_breath',
  LossOfTasteSmell = 'loss_of_taste_smell',
  Other = 'other',
}

const decimal = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One health check of a person during a stay: temperature, SpO2 where a meter exists, symptoms.
 * `roundDate` and `round` are the local day and the health round its time fell in when entered.
 */
@Entity('health_checks')
@Check('CHK_health_checks_temperature', 'temperature_c BETWEEN 34.0 AND 43.0')
@Check('CHK_health_checks_spo2', 'spo2 IS NULL OR spo2 BETWEEN 50 AND 100')
@Check(
  'CHK_health_checks_symptoms',
  `symptoms <@ ARRAY['fever', 'cough', 'sore_throat', 'runny_nose', 'aches', 'shortness_of_breath', 'loss_of_taste_smell', 'other']::varchar[]`,
)
@Index('IDX_health_checks_stay_taken', ['stayId', 'takenAt'])
@Index('IDX_health_checks_day_round', ['roundDate', 'round', 'stayId'])
@Index('IDX_health_checks_facility_day', ['facilityId', 'roundDate'])
export class HealthCheck {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_health_checks' })
  id: string;

  @Column({ type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_health_checks_stay' })
  stay?: Stay;

  /** The facility where the check was taken (a stay may move later). */
  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_health_checks_facility' })
  facility?: Facility;

  @Column({ type: 'timestamptz' })
  takenAt: Date;

  /** The local day of takenAt. */
  @Column({ type: 'date' })
  roundDate: string;

  /** The health round takenAt fell in, or null between rounds. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  round: string | null;

  @Column({ type: 'numeric', precision: 3, scale: 1, transformer: decimal })
  temperatureC: number;

  @Column({ type: 'smallint', nullable: true })
  spo2: number | null;

  @Column({ type: 'varchar', length: 30, array: true })
  symptoms: Symptom[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
