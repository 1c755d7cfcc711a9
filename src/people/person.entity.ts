import {
  Check,
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

export enum Sex {
  Male = 'male',
  Female = 'female',
}

/** Someone quarantined (người cách ly). */
@Entity('people')
@Index('UQ_people_id_number', ['idNumber'], { unique: true, where: 'id_number IS NOT NULL' })
@Index('IDX_people_search_name_trgm', { synchronize: false })
@Index('IDX_people_phone_digits', ['phoneDigits'])
@Check('CHK_people_vaccination_doses', 'vaccination_doses BETWEEN 0 AND 10')
@Check('CHK_people_birth_year', 'birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100')
export class Person {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_people' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  /** fullName without diacritics, lower case: what name searches match against. */
  @Column({ type: 'varchar', length: 200 })
  searchName: string;

  @Column({ type: 'enum', enum: Sex, enumName: 'person_sex' })
  sex: Sex;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** When only the year of birth is known. */
  @Column({ type: 'smallint', nullable: true })
  birthYear: number | null;

  /** CCCD/CMND number or passport number, when known. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  idNumber: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phoneDigits: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  residenceAdminUnitCode: string | null;

  @ManyToOne(() => AdminUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'residence_admin_unit_code', foreignKeyConstraintName: 'FK_people_residence_admin_unit' })
  residenceAdminUnit?: AdminUnit;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'smallint', default: 0 })
  vaccinationDoses: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
