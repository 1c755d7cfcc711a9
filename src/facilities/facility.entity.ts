import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AdminUnit } from '../admin-units/admin-unit.entity';

export enum FacilityKind {
  ProvincialCamp = 'provincial_camp',
  DistrictCamp = 'district_camp',
  Other = 'other',
  /** Cơ sở thu dung, điều trị: where confirmed cases (F0) are cared for; the only place an F0 may be moved to. */
  TreatmentFacility = 'treatment_facility',
}

export enum FacilityStatus {
  Standby = 'standby',
  Active = 'active',
  Closed = 'closed',
}

/** A quarantine site (khu cách ly tập trung). */
@Entity('facilities')
@Index('UQ_facilities_code', ['code'], { unique: true })
export class Facility {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_facilities' })
  id: string;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'enum', enum: FacilityKind, enumName: 'facility_kind' })
  kind: FacilityKind;

  @Index('IDX_facilities_admin_unit_code')
  @Column({ type: 'varchar', length: 10 })
  adminUnitCode: string;

  @ManyToOne(() => AdminUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_code', foreignKeyConstraintName: 'FK_facilities_admin_unit' })
  adminUnit?: AdminUnit;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  /** The agency that owns or runs the site (e.g. the provincial military command). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  operator: string | null;

  @Column({ type: 'enum', enum: FacilityStatus, enumName: 'facility_status', default: FacilityStatus.Standby })
  status: FacilityStatus;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
