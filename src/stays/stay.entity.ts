import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Bed } from '../facilities/bed.entity';
import { Facility } from '../facilities/facility.entity';
import { Room } from '../facilities/room.entity';
import { Person } from '../people/person.entity';
import { Classification, QuarantinePolicy } from '../policies/quarantine-policy.entity';

export enum StayStatus {
  Admitted = 'admitted',
  /** Tested positive: awaiting transfer to treatment. Still occupies the bed. */
  Positive = 'positive',
  Released = 'released',
}

/** How a stay ended. */
export enum ReleaseOutcome {
  /** The period served and every scheduled test negative: the person gets a certificate. */
  Completed = 'completed',
  /** A confirmed case (F0) handed over to a treatment facility or hospital (`releaseDestination`). */
  TransferredToTreatment = 'transferred_to_treatment',
  /** Released although the rules were not met, with a written reason (the override). */
  Other = 'other',
}

export const OPEN_STAY_STATUSES = [StayStatus.Admitted, StayStatus.Positive];
const OPEN = `status IN ('admitted', 'positive')`;

/**
 * One admission of one person to a facility, from intake to release (đợt cách ly).
 * The database holds the rules that must survive concurrent requests:
 * - one open stay per person and one open stay per bed (partial unique indexes);
 * - a room holds one cohort (admission day) at a time (exclusion constraint);
 * - a bed is 'occupied' exactly when it has an open stay (deferred constraint triggers, see migration).
 */
@Entity('stays')
@Check('CHK_stays_release_outcome', `(status = 'released') = (release_outcome IS NOT NULL)`)
@Check(
  'CHK_stays_release_destination',
  `(release_outcome IS NOT DISTINCT FROM 'transferred_to_treatment') = (release_destination IS NOT NULL)`,
)
@Check('CHK_stays_positive_after_release', `positive_after_release_at IS NULL OR status = 'released'`)
@Index('UQ_stays_open_person', ['personId'], { unique: true, where: OPEN })
@Index('UQ_stays_open_bed', ['bedId'], { unique: true, where: OPEN })
@Index('IDX_stays_facility_status', ['facilityId', 'status'])
@Index('IDX_stays_open_expected_release', ['expectedReleaseAt'], { where: OPEN })
@Index('IDX_stays_person', ['personId'])
@Index('IDX_stays_home_monitoring_until', ['homeMonitoringUntil'], {
  where: `status = 'released' AND home_monitoring_until IS NOT NULL`,
})
@Exclusion('EXC_stays_one_cohort_per_room', `USING gist ("room_id" WITH =, "cohort_date" WITH <>) WHERE (${OPEN})`)
export class Stay {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_stays' })
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_stays_person' })
  person?: Person;

  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_stays_facility' })
  facility?: Facility;

  @Column({ type: 'uuid' })
  roomId: string;

  @ManyToOne(() => Room, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_stays_room' })
  room?: Room;

  @Column({ type: 'uuid' })
  bedId: string;

  @ManyToOne(() => Bed, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bed_id', foreignKeyConstraintName: 'FK_stays_bed' })
  bed?: Bed;

  @Column({ type: 'enum', enum: Classification, enumName: 'classification' })
  classification: Classification;

  @Column({ type: 'boolean' })
  vaccinated: boolean;

  @Column({ type: 'uuid' })
  policyId: string;

  @ManyToOne(() => QuarantinePolicy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'FK_stays_policy' })
  policy?: QuarantinePolicy;

  @Column({ type: 'enum', enum: StayStatus, enumName: 'stay_status', default: StayStatus.Admitted })
  status: StayStatus;

  @Column({ type: 'timestamptz' })
  admittedAt: Date;

  /** The local admission day: people admitted on the same day form a cohort and are not mixed with others. */
  @Column({ type: 'date' })
  cohortDate: string;

  /** Start of the quarantine period: the admission, or the last re-exposure. Day 1 is its local day. */
  @Column({ type: 'timestamptz' })
  periodStartAt: Date;

  @Column({ type: 'timestamptz' })
  expectedReleaseAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  /** Written reason when a manager released without the full period or the tests. */
  @Column({ type: 'text', nullable: true })
  releaseOverrideReason: string | null;

  @Column({ type: 'enum', enum: ReleaseOutcome, enumName: 'release_outcome', nullable: true })
  releaseOutcome: ReleaseOutcome | null;

  /** Where a confirmed case was handed over (a hospital's or treatment facility's name), free text. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  releaseDestination: string | null;

  /** When a positive result for one of the stay's samples was recorded after its release. */
  @Column({ type: 'timestamptz', nullable: true })
  positiveAfterReleaseAt: Date | null;

  @Column({ type: 'date', nullable: true })
  homeMonitoringUntil: string | null;

  /** The stay of the F0/F1 this person was exposed to, when known. */
  @Column({ type: 'uuid', nullable: true })
  exposureSourceStayId: string | null;

  @ManyToOne(() => Stay, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'exposure_source_stay_id', foreignKeyConstraintName: 'FK_stays_exposure_source' })
  exposureSourceStay?: Stay;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Every column of a stay that the app writes itself: what an INSERT must spell out in full. */
export type StayColumns = Omit<Stay, 'createdAt' | 'updatedAt'>;

/** A stay about to be inserted, with the person and policy it is admitted with. */
export type NewStay = StayColumns & Required<Pick<Stay, 'person' | 'policy'>>;
