import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Bed } from '../facilities/bed.entity';
import { Facility } from '../facilities/facility.entity';
import { Stay } from '../stays/stay.entity';

export enum TransferRequestStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
}

/**
 * A request to move a person to another facility, agreed by both sides: the source asks, the target
 * accepts (the move happens then) or rejects, the requester may cancel. One pending request per stay
 * (UQ_transfer_requests_pending_stay).
 */
@Entity('transfer_requests')
@Index('UQ_transfer_requests_pending_stay', ['stayId'], { unique: true, where: `status = 'pending'` })
@Index('IDX_transfer_requests_from_status', ['fromFacilityId', 'status'])
@Index('IDX_transfer_requests_to_status', ['toFacilityId', 'status'])
@Index('IDX_transfer_requests_stay', ['stayId'])
@Check('CHK_transfer_requests_other_facility', 'from_facility_id <> to_facility_id')
@Check('CHK_transfer_requests_decided', `(status = 'pending') = (decided_at IS NULL)`)
@Check('CHK_transfer_requests_bed', `(status = 'accepted') = (to_bed_id IS NOT NULL)`)
export class TransferRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_transfer_requests' })
  id: string;

  @Column({ type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_transfer_requests_stay' })
  stay?: Stay;

  @Column({ type: 'uuid' })
  fromFacilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_facility_id', foreignKeyConstraintName: 'FK_transfer_requests_from_facility' })
  fromFacility?: Facility;

  @Column({ type: 'uuid' })
  toFacilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_facility_id', foreignKeyConstraintName: 'FK_transfer_requests_to_facility' })
  toFacility?: Facility;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'enum', enum: TransferRequestStatus, enumName: 'transfer_request_status', default: TransferRequestStatus.Pending })
  status: TransferRequestStatus;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was rejected or cancelled. */
  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  /** The bed the person was placed in on acceptance. */
  @Column({ type: 'uuid', nullable: true })
  toBedId: string | null;

  @ManyToOne(() => Bed, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_bed_id', foreignKeyConstraintName: 'FK_transfer_requests_to_bed' })
  toBed?: Bed;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
