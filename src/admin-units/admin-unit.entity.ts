import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export enum AdminUnitLevel {
  Province = 'province',
  District = 'district',
  Commune = 'commune',
}

/** A province, district-level or commune-level unit, keyed by its official code ("94", "947"). */
@Entity('admin_units')
@Check('CHK_admin_units_code_digits', `code ~ '^[0-9]{1,10}$'`)
@Check('CHK_admin_units_province_has_no_parent', `(level = 'province') = (parent_code IS NULL)`)
export class AdminUnit {
  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'PK_admin_units' })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: AdminUnitLevel, enumName: 'admin_unit_level' })
  level: AdminUnitLevel;

  @Index('IDX_admin_units_parent_code')
  @Column({ type: 'varchar', length: 10, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => AdminUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_admin_units_parent' })
  parent?: AdminUnit;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
