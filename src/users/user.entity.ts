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
import { Facility } from '../facilities/facility.entity';

export enum Role {
  Admin = 'admin',
  DistrictCommittee = 'district_committee',
  CampManager = 'camp_manager',
}

@Entity('users')
@Index('UQ_users_username_lower', { synchronize: false })
// A user's scope matches their role: committees have a unit, camp managers a facility, admins neither.
@Check(
  'CHK_users_scope_matches_role',
  `(role = 'admin' AND admin_unit_code IS NULL AND facility_id IS NULL)
    OR (role = 'district_committee' AND admin_unit_code IS NOT NULL AND facility_id IS NULL)
    OR (role = 'camp_manager' AND facility_id IS NOT NULL AND admin_unit_code IS NULL)`,
)
@Check('CHK_users_token_generation', 'token_generation >= 0')
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  @Column({ type: 'varchar', length: 10, nullable: true })
  adminUnitCode: string | null;

  @ManyToOne(() => AdminUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_code', foreignKeyConstraintName: 'FK_users_admin_unit' })
  adminUnit?: AdminUnit;

  @Column({ type: 'uuid', nullable: true })
  facilityId: string | null;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_users_facility' })
  facility?: Facility;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Tokens carry the generation they were signed under and are accepted only while it is current: a
   * password, role or scope change and a deactivation move it on, revoking every earlier token.
   */
  @Column({ type: 'integer', default: 0, select: false })
  tokenGeneration: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
