import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { AlertsService } from '../alerts/alerts.service';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { Classification } from '../policies/quarantine-policy.entity';
import { StayResponse } from './dto/stay.response';
import { expectedReleaseAtSql } from './schedule';
import { StayStatus } from './stay.entity';
import { StayViews } from './stay-views';

interface ReExposedRow {
  id: string;
  personId: string;
  facilityId: string;
  restarted: boolean;
  beforePeriodStartAt: Date;
  beforeExpectedReleaseAt: Date;
  beforeExposureSourceStayId: string | null;
  periodStartAt: Date;
  expectedReleaseAt: Date;
}

/**
 * What a positive result does to stays, in the caller's transaction: the person becomes a confirmed
 * case and the people sharing the room are re-exposed, or, after release, the stay remembers it. The stays module's own writes, asked for by
 * testing (which decides that a result is positive) so that one module writes the stays table.
 */
@Injectable()
export class PositiveCases {
  private readonly restartsPeriod: boolean;
  private readonly timeZone: string;

  constructor(
    private readonly audit: AuditService,
    private readonly views: StayViews,
    private readonly alerts: AlertsService,
    config: ConfigService<Environment, true>,
  ) {
    this.restartsPeriod = config.get('REEXPOSURE_RESTARTS_PERIOD', { infer: true });
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  /** The stay becomes a confirmed case (F0) awaiting transfer to treatment, audited with `reason`; once only. */
  async markPositive(manager: EntityManager, actor: Actor, stay: StayResponse, reason: string): Promise<void> {
    if (stay.status === StayStatus.Positive && stay.classification === Classification.F0) return;
    await manager.query(`UPDATE stays SET classification = 'F0', status = 'positive', updated_at = now() WHERE id = $1`, [
      stay.id,
    ]);
    await this.audited(manager, actor, stay, 'stay.marked_positive', reason);
  }

  /**
   * A positive result recorded for a stay already released: the release stands, the stay remembers
   * it, and the facility and the committee of the person's residence are alerted. The caller holds
   * the stay's row lock.
   */
  async markPositiveAfterRelease(
    manager: EntityManager,
    actor: Actor,
    stay: StayResponse,
    sample: { id: string; kind: string; sampledAt: Date; resultAt: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE stays SET positive_after_release_at = COALESCE(positive_after_release_at, $2), updated_at = now()
        WHERE id = $1 AND status = 'released'`,
      [stay.id, sample.resultAt],
    );
    const [person]: { residence_admin_unit_code: string | null }[] = await manager.query(
      `SELECT residence_admin_unit_code FROM people WHERE id = $1`,
      [stay.person.id],
    );
    await this.alerts.raise(manager, {
      type: AlertType.PositiveAfterRelease,
      subjectKey: `stay:${stay.id}`, // the same subject as a positive reported by the home-monitoring check
      facilityId: stay.facilityId,
      stayId: stay.id,
      residenceAdminUnitCode: person?.residence_admin_unit_code ?? null,
      subjectDate: localDay(sample.resultAt, this.timeZone),
      message:
        `${stay.person.fullName}, released on ${localDay(new Date(stay.releasedAt!), this.timeZone)}, tested positive ` +
        `(sample taken ${localDay(sample.sampledAt, this.timeZone)}); find them at home and arrange treatment.`,
    });
    await this.audited(
      manager,
      actor,
      stay,
      'stay.positive_after_release',
      `positive ${sample.kind} sample ${sample.id} taken ${sample.sampledAt.toISOString()}`,
    );
  }

  /** The stay as it is now against `before`, in the audit log. */
  private async audited(manager: EntityManager, actor: Actor, before: StayResponse, action: string, reason: string): Promise<void> {
    const after = await this.views.stay(manager, actor, before.id, { skipScope: true });
    await this.audit.record(manager, {
      actorId: actor.id,
      action,
      entityType: 'stay',
      entityId: before.id,
      stayId: before.id,
      personId: before.person.id,
      facilityId: before.facilityId,
      before: StayViews.auditState(before),
      after: StayViews.auditState(after),
      reason,
    });
  }

  /**
   * Everyone else still admitted in the room was exposed to the case: their period restarts at the
   * result time under their own policy (unless REEXPOSURE_RESTARTS_PERIOD is off, or their period
   * already started later), which re-plans their test days. One set-based statement, then one audit
   * insert for all of them. Stays already positive are cases themselves and are left alone.
   * The caller holds the room's lock, so nobody can be placed in it meanwhile and miss the exposure.
   */
  async reExposeRoommates(manager: EntityManager, actor: Actor, stay: StayResponse, resultAt: Date): Promise<void> {
    const [rows]: [ReExposedRow[], number] = await manager.query(
      `WITH exposed AS (
         SELECT s.id, s.period_start_at, s.expected_release_at, s.exposure_source_stay_id, p.duration_days,
                ($4::boolean AND s.period_start_at < $3::timestamptz) AS restarted
           FROM stays s JOIN quarantine_policies p ON p.id = s.policy_id
          WHERE s.room_id = $1 AND s.id <> $2 AND s.status = 'admitted'
            -- a repeated positive at the same time changes nothing and records nothing
            AND (($4::boolean AND s.period_start_at < $3::timestamptz) OR s.exposure_source_stay_id IS DISTINCT FROM $2)
          ORDER BY s.id
            FOR UPDATE OF s
       )
       UPDATE stays s
          SET period_start_at = CASE WHEN e.restarted THEN $3::timestamptz ELSE s.period_start_at END,
              expected_release_at = CASE WHEN e.restarted
                                         THEN ${expectedReleaseAtSql('$3::timestamptz', 'e.duration_days')}
                                         ELSE s.expected_release_at END,
              exposure_source_stay_id = $2,
              updated_at = now()
         FROM exposed e
        WHERE s.id = e.id
    RETURNING s.id, s.person_id AS "personId", s.facility_id AS "facilityId", e.restarted,
              e.period_start_at AS "beforePeriodStartAt", e.expected_release_at AS "beforeExpectedReleaseAt",
              e.exposure_source_stay_id AS "beforeExposureSourceStayId",
              s.period_start_at AS "periodStartAt", s.expected_release_at AS "expectedReleaseAt"`,
      [stay.roomId, stay.id, resultAt, this.restartsPeriod],
    );
    await this.audit.record(
      manager,
      ...rows.map(
        (r): AuditEntry => ({
          actorId: actor.id,
          action: 'stay.re_exposed',
          entityType: 'stay',
          entityId: r.id,
          stayId: r.id,
          personId: r.personId,
          facilityId: r.facilityId,
          before: {
            periodStartAt: r.beforePeriodStartAt,
            expectedReleaseAt: r.beforeExpectedReleaseAt,
            exposureSourceStayId: r.beforeExposureSourceStayId,
          },
          after: { periodStartAt: r.periodStartAt, expectedReleaseAt: r.expectedReleaseAt, exposureSourceStayId: stay.id },
          reason:
            `shares room ${stay.roomCode} with stay ${stay.id}, positive on ${resultAt.toISOString()}; ` +
            (r.restarted ? 'quarantine period restarted' : 'quarantine period kept'),
        }),
      ),
    );
  }
}
