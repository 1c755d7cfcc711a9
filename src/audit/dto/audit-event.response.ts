import { AuditEvent } from '../audit-event.entity';

export class AuditEventResponse {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  stayId: string | null;
  personId: string | null;
  facilityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

export function toAuditEventResponse(e: AuditEvent): AuditEventResponse {
  return {
    id: String(e.id),
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    stayId: e.stayId,
    personId: e.personId,
    facilityId: e.facilityId,
    before: e.before,
    after: e.after,
    reason: e.reason,
  };
}
