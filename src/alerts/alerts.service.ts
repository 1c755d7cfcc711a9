import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService, SqlCondition } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { Facility } from '../facilities/facility.entity';
import { Alert, AlertStatus, AlertType } from './alert.entity';
import { alertInAreaSql, alertVisibilityCondition } from './alert-visibility';
import { AlertResponse, toAlertResponse } from './dto/alert.response';
import { ListAlertsDto } from './dto/list-alerts.dto';
import { ErrorCode } from '../common/errors/error-codes';

/** An alert raised by a change itself (not by a job), in the change's transaction. */
export interface RaisedAlert {
  type: AlertType;
  subjectKey: string;
  facilityId: string;
  stayId?: string | null;
  /** The committee of the person's residence, when it must see the alert whatever facility raised it. */
  residenceAdminUnitCode?: string | null;
  subjectDate?: string | null;
  message: string;
}

@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Raises alerts in the caller's transaction. One unresolved alert per type and subject
   * (UQ_alerts_unresolved_subject): raising it again while it is unresolved changes nothing.
   */
  async raise(manager: EntityManager, ...alerts: RaisedAlert[]): Promise<void> {
    for (const a of alerts) {
      await manager.query(
        `INSERT INTO alerts (type, subject_key, facility_id, stay_id, residence_admin_unit_code, subject_date, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (type, subject_key) WHERE status <> 'resolved' DO NOTHING`,
        [a.type, a.subjectKey, a.facilityId, a.stayId ?? null, a.residenceAdminUnitCode ?? null, a.subjectDate ?? null, a.message],
      );
    }
  }

  /** Resolves the unresolved alerts of these types about a stay, in the caller's transaction. */
  async resolveForStay(manager: EntityManager, stayId: string, types: AlertType[]): Promise<void> {
    await manager.query(
      `UPDATE alerts SET status = 'resolved', resolved_at = now()
        WHERE stay_id = $1 AND type = ANY($2::alert_type[]) AND status <> 'resolved'`,
      [stayId, types],
    );
  }

  async list(actor: Actor, query: ListAlertsDto): Promise<Page<AlertResponse>> {
    if (query.facilityId) await this.scope.visibleFacility(actor, query.facilityId);
    if (query.adminUnitCode) await this.scope.assertUnitInScope(actor, query.adminUnitCode);
    const scope = this.visibleCondition(actor);
    const qb = this.db.manager
      .createQueryBuilder(Alert, 'a')
      .innerJoin(Facility, 'f', 'f.id = a.facility_id')
      .where(scope.sql, scope.params);
    if (query.facilityId) qb.andWhere('a.facility_id = :facilityId', { facilityId: query.facilityId });
    if (query.adminUnitCode) {
      // The area's facilities, and the people residing in it wherever they were released from.
      qb.andWhere(alertInAreaSql(':unit'), { unit: query.adminUnitCode });
    }
    if (query.type) qb.andWhere('a.type = :type', { type: query.type });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('a.raised_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(offsetOf(query))
      .take(query.limit)
      .getManyAndCount();
    return pageOf(rows.map(toAlertResponse), total, query);
  }

  /** The alerts an actor sees (aliases a and f): see alertVisibilityCondition. */
  private visibleCondition(actor: Actor): SqlCondition {
    return alertVisibilityCondition(actor, this.scope.facilityCondition(actor, 'f'));
  }

  /** Marks an open alert as seen; it stays until its condition is gone, when a job resolves it. */
  async acknowledge(actor: Actor, alertId: string): Promise<AlertResponse> {
    const alert = await this.db.manager.findOneBy(Alert, { id: alertId });
    if (!alert) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such alert.' });
    const scope = this.visibleCondition(actor);
    const visible = await this.db.manager
      .createQueryBuilder(Alert, 'a')
      .innerJoin(Facility, 'f', 'f.id = a.facility_id')
      .where('a.id = :alertId', { alertId })
      .andWhere(scope.sql, scope.params)
      .getExists();
    if (!visible) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such alert.' });
    const acknowledged = await this.db.transaction(async (manager) => {
      const [rows]: [{ id: string }[], number] = await manager.query(
        `UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = now()
          WHERE id = $1 AND status = 'open' RETURNING id`,
        [alertId, actor.id],
      );
      if (rows.length === 0) return false;
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'alert.acknowledged',
        entityType: 'alert',
        entityId: alertId,
        facilityId: alert.facilityId,
        before: { status: alert.status },
        after: { status: AlertStatus.Acknowledged },
      });
      return true;
    });
    if (!acknowledged) {
      const current = await this.db.manager.findOneByOrFail(Alert, { id: alertId });
      throw new ConflictException({
        code: ErrorCode.ALERT_ALREADY_HANDLED,
        message:
          current.status === AlertStatus.Resolved
            ? 'This alert has already been resolved.'
            : 'This alert has already been acknowledged.',
      });
    }
    return toAlertResponse(await this.db.manager.findOneByOrFail(Alert, { id: alertId }));
  }
}
