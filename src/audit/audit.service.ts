import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { Statement } from '../common/sql/combined-write';
import { AuditEvent } from './audit-event.entity';
import { AuditEventResponse, toAuditEventResponse } from './dto/audit-event.response';
import { ListAuditEventsDto } from './dto/list-audit-events.dto';

export type AuditEntry = Pick<AuditEvent, 'action' | 'entityType' | 'entityId'> &
  Partial<Pick<AuditEvent, 'actorId' | 'stayId' | 'personId' | 'facilityId' | 'before' | 'after' | 'reason' | 'at'>>;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends entries inside the caller's transaction: the change and its record commit together.
   * Plain SQL: every change writes here, and the insert builder costs more than the statement itself.
   */
  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(...this.insertStatement(...entries));
  }

  /**
   * The INSERT that appends these entries, not run: for a hot path that writes it together with its
   * change in one statement (see combinedWrite). At least one entry.
   */
  insertStatement(...entries: AuditEntry[]): Statement {
    const params: unknown[] = [];
    const rows = entries.map((e) => {
      const first = params.length + 1;
      params.push(e.actorId, e.action, e.entityType, e.entityId, e.stayId, e.personId, e.facilityId);
      params.push(jsonOrNull(e.before), jsonOrNull(e.after), e.reason, e.at);
      const placeholders = Array.from({ length: 10 }, (_, i) => `$${first + i}`).join(', ');
      // `at` defaults to now(), the transaction's time, as the column's default does.
      return `(${placeholders}, COALESCE($${first + 10}::timestamptz, now()))`;
    });
    const sql = `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, stay_id, person_id, facility_id,
                                           before, after, reason, at)
                 VALUES ${rows.join(', ')}`;
    return [sql, params.map((v) => v ?? null)];
  }

  async list(query: ListAuditEventsDto): Promise<Page<AuditEventResponse>> {
    const qb = this.db.manager.createQueryBuilder(AuditEvent, 'e');
    if (query.entityId) {
      // stay_id and person_id are uuids: compared only when the id is one (a code matches entity_id alone).
      const uuid = UUID.test(query.entityId) ? query.entityId : null;
      qb.andWhere('(e.entity_id = :id OR e.stay_id = :uuid OR e.person_id = :uuid)', { id: query.entityId, uuid });
    }
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.at < :to', { to: query.to });
    const [rows, total] = await qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(offsetOf(query))
      .take(query.limit)
      .getManyAndCount();
    return pageOf(rows.map(toAuditEventResponse), total, query);
  }

  /** The history of one stay, oldest first. */
  async historyOfStay(stayId: string, manager: EntityManager = this.db.manager): Promise<AuditEventResponse[]> {
    const rows = await manager.find(AuditEvent, { where: { stayId }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map(toAuditEventResponse);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A jsonb value as TypeORM writes one. */
function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
