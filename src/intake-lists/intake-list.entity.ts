import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';
import { Sex } from '../people/person.entity';
import { Classification } from '../policies/quarantine-policy.entity';
import { Stay } from '../stays/stay.entity';
import { User } from '../users/user.entity';

export enum IntakeRowStatus {
  Expected = 'expected',
  Admitted = 'admitted',
  Rejected = 'rejected',
}

export interface IntakeRowError {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  field: string;
  message: string;
}

/** A list of people a committee sends a camp, imported from a spreadsheet (danh sách F1 chuyển đến). */
@Entity('intake_lists')
@Index('IDX_intake_lists_facility', ['facilityId', 'createdAt'])
export class IntakeList {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_intake_lists' })
  id: string;

  @Column({ type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_intake_lists_facility' })
  facility?: Facility;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'FK_intake_lists_uploaded_by' })
  uploader?: User;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'integer' })
  rowCount: number;

  @Column({ type: 'integer' })
  validCount: number;

  @Column({ type: 'integer' })
  invalidCount: number;

  @Column({ type: 'jsonb', default: [] })
  errors: IntakeRowError[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One person expected at the camp; admitted on arrival (with the stay) or rejected (with a reason). */
@Entity('intake_list_rows')
@Index('UQ_intake_list_rows_row', ['listId', 'rowNumber'], { unique: true })
@Check('CHK_intake_list_rows_admitted', `(status = 'admitted') = (stay_id IS NOT NULL)`)
@Check('CHK_intake_list_rows_rejected', `(status = 'rejected') = (reject_reason IS NOT NULL)`)
export class IntakeListRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_intake_list_rows' })
  id: string;

  @Column({ type: 'uuid' })
  listId: string;

  @ManyToOne(() => IntakeList, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id', foreignKeyConstraintName: 'FK_intake_list_rows_list' })
  list?: IntakeList;

  @Column({ type: 'integer' })
  rowNumber: number;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'enum', enum: Sex, enumName: 'person_sex' })
  sex: Sex;

  @Column({ type: 'smallint', nullable: true })
  birthYear: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  idNumber: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  residenceAdminUnitCode: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'enum', enum: Classification, enumName: 'classification' })
  classification: Classification;

  @Column({ type: 'boolean' })
  vaccinated: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  exposureNote: string | null;

  @Column({ type: 'enum', enum: IntakeRowStatus, enumName: 'intake_row_status', default: IntakeRowStatus.Expected })
  status: IntakeRowStatus;

  @Column({ type: 'uuid', nullable: true })
  stayId: string | null;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'FK_intake_list_rows_stay' })
  stay?: Stay;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
