import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';
import { Stay } from '../stays/stay.entity';

/**
 * The certificate of a completed release (giấy xác nhận hoàn thành cách ly y tế tập trung), numbered
 * once at release: "<facility code>/<year>/<serial>", the serial unique per facility and year.
 */
@Entity('release_certificates')
@Index('UQ_release_certificates_stay', ['stayId'], { unique: true })
@Index('UQ_release_certificates_serial', ['facilityId', 'year', 'serial'], { unique: true })
@Index('UQ_release_certificates_number', ['number'], { unique: true })
@Index('UQ_release_certificates_token', ['verificationToken'], { unique: true })
@Index('IDX_release_certificates_facility_day', ['facilityId', 'issuedOn'])
@Check('CHK_release_certificates_serial', 'serial > 0')
export class ReleaseCertificate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_release_certificates' })
  id: string;

  @Column({ type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_release_certificates_stay' })
  stay?: Stay;

  /** The issuing facility: where the person was when released. */
  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_release_certificates_facility' })
  facility?: Facility;

  /** The local year of the release. */
  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'integer' })
  serial: number;

  @Column({ type: 'varchar', length: 100 })
  number: string;

  /** Random, printed in the QR code's verification URL; says nothing about the person. */
  @Column({ type: 'varchar', length: 64 })
  verificationToken: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  /** The local day of issue (the release day): a day's certificates are printed together. */
  @Column({ type: 'date' })
  issuedOn: string;

  /** The user who released the person. */
  @Column({ type: 'uuid', nullable: true })
  issuedBy: string | null;

  /** The issuing manager's name as it was at issue. */
  @Column({ type: 'varchar', length: 200 })
  issuerName: string;
}

/** The last serial drawn per facility and year. */
@Entity('certificate_counters')
@Check('CHK_certificate_counters_last_serial', 'last_serial > 0')
export class CertificateCounter {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_certificate_counters' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_certificate_counters_facility' })
  facility?: Facility;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_certificate_counters' })
  year: number;

  @Column({ type: 'integer' })
  lastSerial: number;
}
