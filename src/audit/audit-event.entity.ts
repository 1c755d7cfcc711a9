import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of every change made through the API: who, what, when, before and after.
 * A trigger in the database refuses updates and deletes of these rows.
 */
@Entity('audit_events')
@Index('IDX_audit_events_entity', ['entityId', 'at'])
@Index('IDX_audit_events_stay', ['stayId', 'at'])
@Index('IDX_audit_events_actor', ['actorId', 'at'])
@Index('IDX_audit_events_at', ['at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'PK_audit_events' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The user who made the change; null for the system's own scheduled work. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** e.g. "stay.admitted", "stay.released", "person.updated". */
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 30 })
  entityType: string;

  /** The changed thing's id: a uuid, or a code for things keyed by one (admin units, jobs). */
  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'uuid', nullable: true })
  stayId: string | null;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'uuid', nullable: true })
  facilityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
