import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AdminUnit } from '../admin-units/admin-unit.entity';

/** What a staff member does in a frame; also the roles a facility's staffing requirements are counted in. */
export enum StaffRole {
  Command = 'command',
  Medical = 'medical',
  Security = 'security',
  Military = 'military',
  Logistics = 'logistics',
  Reception = 'reception',
  Sanitation = 'sanitation',
  Volunteer = 'volunteer',
}

/** The order roles are listed in everywhere. */
export const STAFF_ROLES: StaffRole[] = Object.values(StaffRole);

/** Someone who can be put on duty at a facility: a health worker, police officer, soldier, volunteer… */
@Entity('staff_members')
export class StaffMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_staff_members' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'enum', enum: StaffRole, enumName: 'staff_role' })
  role: StaffRole;

  /** The sending unit: health department, provincial police, military command, border guard… */
  @Column({ type: 'varchar', length: 300 })
  agency: string;

  /** The admin unit the staff member belongs to; frames of that unit (or above it) can take them. */
  @Index('IDX_staff_members_admin_unit_code')
  @Column({ type: 'varchar', length: 10 })
  adminUnitCode: string;

  @ManyToOne(() => AdminUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_code', foreignKeyConstraintName: 'FK_staff_members_admin_unit' })
  adminUnit?: AdminUnit;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
