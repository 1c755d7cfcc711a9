import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AdminUnit } from './admin-unit.entity';

/**
 * The admin-unit tree as a closure table: one row for every unit and each unit above it, and one for
 * the unit itself (depth 0). Written only by a database trigger on admin_units (see the
 * CapacityRollUpByUnit migration); `admin_unit_subtree()` and the capacity roll-up read it.
 */
@Entity('admin_unit_ancestors')
@Index('IDX_admin_unit_ancestors_descendant', ['descendantCode', 'depth'])
export class AdminUnitAncestor {
  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'PK_admin_unit_ancestors' })
  ancestorCode: string;

  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'PK_admin_unit_ancestors' })
  descendantCode: string;

  @ManyToOne(() => AdminUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ancestor_code', foreignKeyConstraintName: 'FK_admin_unit_ancestors_ancestor' })
  ancestor?: AdminUnit;

  @ManyToOne(() => AdminUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'descendant_code', foreignKeyConstraintName: 'FK_admin_unit_ancestors_descendant' })
  descendant?: AdminUnit;

  /** How many levels the ancestor is above the descendant (0: the unit itself). */
  @Column({ type: 'smallint' })
  depth: number;
}
