import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { IdempotentRequest, IdempotentResult } from '../common/idempotency/idempotency';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { addDays, localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { entityFromRow } from '../database/entity-from-row';
import { maskTail } from '../people/masking';
import { Sex } from '../people/person.entity';
import { Role } from '../users/user.entity';
import { ListHomeMonitoringDto, RecordHomeCheckDto } from './dto/home-monitoring.dto';
import {
  HomeMonitoringItemResponse,
  RecordedHomeCheckResponse,
  toHomeCheckResponse,
} from './dto/home-monitoring.response';
import { HomeCheckStatus, HomeMonitoringCheck, TEST_STATUSES } from './home-monitoring-check.entity';
import { postReleaseTestStates } from './post-release-tests';

/** Clock skew tolerated between a client's "now" and ours before a time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

interface MonitoredRow {
  stay_id: string;
  facility_id: string;
  facility_name: string;
  released_at: Date;
  release_day: string;
  home_monitoring_until: string;
  post_release_test_days: number[];
  person_id: string;
  full_name: string;
  sex: Sex;
  birth_year: number | null;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  residence_admin_unit_code: string | null;
}

interface StayAtHome {
  id: string;
  status: string;
  facility_id: string;
  person_id: string;
  released_at: Date | null;
  home_monitoring_until: string | null;
  full_name: string;
  residence_admin_unit_code: string | null;
}

/**
 * The hand-off after release: people released from any facility are followed at home by the committee
 * of their residence, which sees them here whatever facility released them, records its checks, and
 * gets the alerts of the flag-home-monitoring job (addressed to it through residence_admin_unit_code).
 */
@Injectable()
export class HomeMonitoringService {
  private readonly timeZone: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  /** People residing in the area whose home monitoring covers the day, soonest to finish first. */
  async list(actor: Actor, query: ListHomeMonitoringDto): Promise<Page<HomeMonitoringItemResponse>> {
    const unit = query.adminUnitCode ?? (actor.role === Role.DistrictCommittee ? actor.adminUnitCode : null);
    if (unit) {
      await this.scope.assertUnitInScope(actor, unit);
      const [known] = await this.db.query(`SELECT 1 FROM admin_units WHERE code = $1`, [unit]);
      if (!known) throw new NotFoundException(`There is no admin unit with code ${unit}.`);
    }
    const day = query.activeOn ?? localDay(new Date(), this.timeZone);
    const where = `s.status = 'released' AND s.home_monitoring_until >= $2::date
                   AND (s.released_at AT TIME ZONE $1)::date <= $2::date
                   AND ($3::text IS NULL OR p.residence_admin_unit_code IN (SELECT admin_unit_subtree($3::text)))`;
    const [{ total }]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM stays s JOIN people p ON p.id = s.person_id WHERE ${where}`,
      [this.timeZone, day, unit],
    );
    const rows: MonitoredRow[] = await this.db.query(
      `SELECT s.id AS stay_id, s.facility_id, f.name AS facility_name, s.released_at,
              (s.released_at AT TIME ZONE $1)::date::text AS release_day, s.home_monitoring_until::text AS home_monitoring_until,
              qp.post_release_test_days, p.id AS person_id, p.full_name, p.sex, p.birth_year, p.id_number, p.phone,
              p.address, p.residence_admin_unit_code
         FROM stays s
         JOIN people p ON p.id = s.person_id
         JOIN facilities f ON f.id = s.facility_id
         JOIN quarantine_policies qp ON qp.id = s.policy_id
        WHERE ${where}
        ORDER BY s.home_monitoring_until, s.released_at, s.id
        LIMIT $4 OFFSET $5`,
      [this.timeZone, day, unit, query.limit, offsetOf(query)],
    );
    const ids = rows.map((r) => r.stay_id);
    const checks: Record<string, unknown>[] = ids.length
      ? await this.db.query(
          `SELECT c.*, (c.at AT TIME ZONE $2)::date::text AS local_day FROM home_monitoring_checks c
            WHERE c.stay_id = ANY($1::uuid[]) ORDER BY c.stay_id, c.at, c.created_at`,
          [ids, this.timeZone],
        )
      : [];
    const byStay = new Map<string, { check: HomeMonitoringCheck; day: string }[]>();
    for (const row of checks) {
      const check = entityFromRow(this.db.manager, HomeMonitoringCheck, row);
      if (!byStay.has(check.stayId)) byStay.set(check.stayId, []);
      byStay.get(check.stayId)!.push({ check, day: row.local_day as string });
    }
    // As everywhere (see the security properties in the README): full numbers for admins only.
    const reveal = actor.role === Role.Admin;
    const items = rows.map((r): HomeMonitoringItemResponse => {
      const own = byStay.get(r.stay_id) ?? [];
      const testedOn = own.filter((c) => TEST_STATUSES.includes(c.check.status)).map((c) => c.day);
      const last = own.at(-1)?.check;
      return {
        stayId: r.stay_id,
        person: {
          id: r.person_id,
          fullName: r.full_name,
          sex: r.sex,
          birthYear: r.birth_year,
          idNumber: reveal ? r.id_number : maskTail(r.id_number),
          phone: reveal ? r.phone : maskTail(r.phone),
          address: r.address,
          residenceAdminUnitCode: r.residence_admin_unit_code,
        },
        facilityId: r.facility_id,
        facilityName: r.facility_name,
        releasedAt: r.released_at,
        monitoringUntil: r.home_monitoring_until,
        postReleaseTests: postReleaseTestStates(r.release_day, r.post_release_test_days, testedOn, day),
        lastCheck: last ? toHomeCheckResponse(last) : null,
      };
    });
    return pageOf(items, total, query);
  }

  /** Records a follow-up by the committee of the person's residence (or an admin). */
  record(
    actor: Actor,
    stayId: string,
    dto: RecordHomeCheckDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<RecordedHomeCheckResponse>> {
    const at = dto.at ? new Date(dto.at) : new Date();
    if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw new UnprocessableEntityException({ code: ErrorCode.TIME_IN_FUTURE, message: 'The check cannot be in the future.' });
    }
    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        const stay = await this.stayOfResident(manager, actor, stayId);
        if (stay.status !== 'released') {
          throw new ConflictException({
            code: ErrorCode.STAY_NOT_RELEASED,
            message: `${stay.full_name} is still in the facility; home monitoring starts at release.`,
          });
        }
        const day = localDay(at, this.timeZone);
        if (!stay.home_monitoring_until || at < stay.released_at! || day > stay.home_monitoring_until) {
          throw new UnprocessableEntityException({
            code: ErrorCode.OUTSIDE_HOME_MONITORING,
            message: stay.home_monitoring_until
              ? `The check falls outside ${stay.full_name}'s home monitoring (from the release to ${stay.home_monitoring_until}).`
              : `${stay.full_name} was not released into home monitoring.`,
          });
        }
        const [row] = await manager.query(
          `INSERT INTO home_monitoring_checks (stay_id, at, status, note, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [stay.id, at, dto.status, dto.note ?? null, actor.id],
        );
        const check = entityFromRow(manager, HomeMonitoringCheck, row);
        const alertsRaised = await this.alertsFor(manager, stay, check, day);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'home_monitoring.check_recorded',
          entityType: 'home_monitoring_check',
          entityId: check.id,
          stayId: stay.id,
          personId: stay.person_id,
          facilityId: stay.facility_id,
          after: { at: check.at, status: check.status },
        });
        return { statusCode: 201, body: { ...toHomeCheckResponse(check), alertsRaised } };
      }),
    );
  }

  /**
   * What a check changes at once, addressed to the committee of residence: absent raises
   * home_monitoring_absent (a later check of another kind resolves it); a test resolves the
   * post-release tests it fulfils; a positive test raises positive_after_release.
   */
  private async alertsFor(manager: EntityManager, stay: StayAtHome, check: HomeMonitoringCheck, day: string): Promise<AlertType[]> {
    const raised: AlertType[] = [];
    const raise = (type: AlertType, message: string) =>
      manager.query(
        `INSERT INTO alerts (type, subject_key, facility_id, stay_id, subject_date, message, residence_admin_unit_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (type, subject_key) WHERE status <> 'resolved' DO NOTHING`,
        [type, `stay:${stay.id}`, stay.facility_id, stay.id, day, message, stay.residence_admin_unit_code],
      );
    const [{ latest }]: { latest: boolean }[] = await manager.query(
      `SELECT NOT EXISTS (SELECT 1 FROM home_monitoring_checks WHERE stay_id = $1 AND at > $2) AS latest`,
      [stay.id, check.at],
    );
    if (check.status === HomeCheckStatus.Absent && latest) {
      await raise(AlertType.HomeMonitoringAbsent, `${stay.full_name} was not at home for the home-monitoring check of ${day}.`);
      raised.push(AlertType.HomeMonitoringAbsent);
    } else if (latest) {
      await manager.query(
        `UPDATE alerts SET status = 'resolved', resolved_at = now()
          WHERE type = 'home_monitoring_absent' AND subject_key = $1 AND status <> 'resolved'`,
        [`stay:${stay.id}`],
      );
    }
    if (TEST_STATUSES.includes(check.status)) {
      // The same rule as postReleaseTestStates: a test counts for due dates up to the day after it.
      await manager.query(
        `UPDATE alerts SET status = 'resolved', resolved_at = now()
          WHERE type = 'post_release_test_due' AND stay_id = $1 AND subject_date <= $2::date AND status <> 'resolved'`,
        [stay.id, addDays(day, 1)],
      );
    }
    if (check.status === HomeCheckStatus.TestedPositive) {
      await raise(
        AlertType.PositiveAfterRelease,
        `${stay.full_name}, released on ${localDay(stay.released_at!, this.timeZone)}, tested positive at home on ${day}.`,
      );
      raised.push(AlertType.PositiveAfterRelease);
    }
    return raised;
  }

  /**
   * The released stay with its person, locked FOR SHARE, if the actor follows the person's residence:
   * an admin, or a committee whose area holds it. Anyone else is told it does not exist (404).
   */
  private async stayOfResident(manager: EntityManager, actor: Actor, stayId: string): Promise<StayAtHome> {
    const [stay]: StayAtHome[] = await manager.query(
      `SELECT s.id, s.status, s.facility_id, s.person_id, s.released_at, s.home_monitoring_until::text AS home_monitoring_until,
              p.full_name, p.residence_admin_unit_code
         FROM stays s JOIN people p ON p.id = s.person_id
        WHERE s.id = $1
          FOR SHARE OF s`,
      [stayId],
    );
    const follows =
      stay &&
      (actor.role === Role.Admin ||
        (actor.role === Role.DistrictCommittee &&
          stay.residence_admin_unit_code !== null &&
          (await this.scope.isWithinUnit(stay.residence_admin_unit_code, actor.adminUnitCode!))));
    if (!follows) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
    return stay;
  }
}
