import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
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
import { offsetOf, Page, PageQueryDto, pageOf } from '../common/pagination/pagination';
import { localDay, localMinuteOfDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { HealthRound, parseHealthRounds, roundAt } from '../config/health-rounds';
import { entityFromRow } from '../database/entity-from-row';
import {
  HealthCheckResponse,
  RecordedHealthCheckResponse,
  RecordedHealthChecksResponse,
  toHealthCheckResponse,
} from './dto/health-check.response';
import { RecordHealthCheckDto } from './dto/record-health-check.dto';
import { RecordHealthChecksDto } from './dto/record-health-checks.dto';
import { HEALTH_ALERT_TYPES, healthAlertMessage, healthAlerts, HealthThresholds } from './health-alerts';
import { HealthCheck } from './health-check.entity';
import { missedRoundKey } from './health-checks.sql';

/** Clock skew tolerated between a client's "now" and ours before a time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

interface StayRow {
  id: string;
  facility_id: string;
  person_id: string;
  status: string;
  admitted_at: Date;
  full_name: string;
  room_code: string;
  bed_code: string;
}

interface Entry {
  stay: StayRow;
  dto: RecordHealthCheckDto;
  takenAt: Date;
}

/**
 * Health rounds (theo dõi sức khỏe): temperature, SpO2 and symptoms of the people in a facility, at
 * least twice a day. A check that calls for an alert (fever, low SpO2, symptoms) raises it in the same
 * transaction; a later normal check resolves it, and a late check resolves the round's missed alert.
 */
@Injectable()
export class HealthChecksService {
  private readonly timeZone: string;
  private readonly rounds: HealthRound[];
  private readonly thresholds: HealthThresholds;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
    this.rounds = parseHealthRounds(config.get('HEALTH_ROUNDS', { infer: true })).rounds;
    this.thresholds = {
      feverC: config.get('FEVER_THRESHOLD_C', { infer: true }),
      lowSpo2: config.get('LOW_SPO2_THRESHOLD', { infer: true }),
    };
  }

  /** The configured rounds, for the board and the job. */
  healthRounds(): HealthRound[] {
    return this.rounds;
  }

  /** Records one check of the person of an open stay. */
  recordOne(
    actor: Actor,
    stayId: string,
    dto: RecordHealthCheckDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<RecordedHealthCheckResponse>> {
    const takenAt = pastOrNow(dto.takenAt);
    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        const [stay] = await this.lockStays(manager, [stayId]);
        if (!stay) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
        await this.scope.visibleFacility(actor, stay.facility_id, manager).catch(() => {
          throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
        });
        this.scope.assertCanManage(actor, stay.facility_id);
        if (!isOpen(stay)) {
          throw new ConflictException({
            code: ErrorCode.STAY_RELEASED,
            message: `${stay.full_name} has been released; health checks are for people still in the facility.`,
          });
        }
        const [item] = await this.insert(manager, actor, [checkEntry(stay, dto, takenAt)]);
        return { statusCode: 201, body: item };
      }),
    );
  }

  /** Records a round of many people of one facility at once: all the checks, or none. */
  recordMany(
    actor: Actor,
    facilityId: string,
    dto: RecordHealthChecksDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<RecordedHealthChecksResponse>> {
    const seen = new Map<string, number>();
    dto.checks.forEach((c, i) => {
      if (seen.has(c.stayId)) {
        throw new UnprocessableEntityException({
          code: ErrorCode.DUPLICATE_STAY_IN_BATCH,
          message: `Checks ${seen.get(c.stayId)} and ${i} are for the same stay; send one check per person in a round.`,
        });
      }
      seen.set(c.stayId, i);
    });
    const times = dto.checks.map((c, i) => pastOrNow(c.takenAt, i));

    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        await this.scope.manageableFacility(actor, facilityId, manager);
        const stays = new Map((await this.lockStays(manager, [...seen.keys()])).map((s) => [s.id, s]));
        const wrong = dto.checks
          .map((c, i) => ({ i, stay: stays.get(c.stayId) }))
          .filter(({ stay }) => !stay || stay.facility_id !== facilityId || !isOpen(stay))
          .map(({ i }) => i);
        if (wrong.length > 0) {
          throw new UnprocessableEntityException({
            code: ErrorCode.STAY_NOT_IN_FACILITY,
            message:
              `Check${wrong.length > 1 ? 's' : ''} ${wrong.slice(0, 20).join(', ')}${wrong.length > 20 ? ', …' : ''} ` +
              'name a stay that is not open in this facility; nothing was recorded.',
          });
        }
        const items = await this.insert(
          manager,
          actor,
          dto.checks.map((c, i) => checkEntry(stays.get(c.stayId)!, c, times[i], i)),
        );
        return {
          statusCode: 201,
          body: {
            facilityId,
            recorded: items.length,
            alertsRaised: items.reduce((n, item) => n + item.alertsRaised.length, 0),
            items,
          },
        };
      }),
    );
  }

  /** The checks of a stay, newest first. */
  async listForStay(actor: Actor, stayId: string, query: PageQueryDto): Promise<Page<HealthCheckResponse>> {
    const [stay]: { facility_id: string }[] = await this.db.query(`SELECT facility_id FROM stays WHERE id = $1`, [stayId]);
    if (!stay) throw new NotFoundException('No such stay.');
    await this.scope.visibleFacility(actor, stay.facility_id).catch(() => {
      throw new NotFoundException('No such stay.');
    });
    const [rows, total] = await this.db.manager.findAndCount(HealthCheck, {
      where: { stayId },
      order: { takenAt: 'DESC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map(toHealthCheckResponse), total, query);
  }

  /**
   * The stays with their person's name and their room and bed, locked FOR SHARE: a release waits for
   * the checks to commit (and a check waits for a release), so no check lands on a released stay.
   */
  private lockStays(manager: EntityManager, ids: string[]): Promise<StayRow[]> {
    return manager.query(
      `SELECT s.id, s.facility_id, s.person_id, s.status, s.admitted_at, p.full_name, r.code AS room_code, b.code AS bed_code
         FROM stays s JOIN people p ON p.id = s.person_id JOIN rooms r ON r.id = s.room_id JOIN beds b ON b.id = s.bed_id
        WHERE s.id = ANY($1::uuid[])
        ORDER BY s.id
          FOR SHARE OF s`,
      [ids],
    );
  }

  /** Inserts the checks, raises and resolves their alerts and writes the audit, all in the caller's transaction. */
  private async insert(manager: EntityManager, actor: Actor, entries: Entry[]): Promise<RecordedHealthCheckResponse[]> {
    const rows = entries.map(({ stay, dto, takenAt }) => {
      const round = roundAt(this.rounds, localMinuteOfDay(takenAt, this.timeZone));
      return {
        stay_id: stay.id,
        facility_id: stay.facility_id,
        taken_at: takenAt.toISOString(),
        round_date: localDay(takenAt, this.timeZone),
        round: round?.name ?? null,
        temperature_c: dto.temperatureC,
        spo2: dto.spo2 ?? null,
        symptoms: dto.symptoms,
        note: dto.note ?? null,
        recorded_by: actor.id,
      };
    });
    const inserted: Record<string, unknown>[] = await manager.query(
      `INSERT INTO health_checks (stay_id, facility_id, taken_at, round_date, round, temperature_c, spo2, symptoms, note, recorded_by)
       SELECT stay_id, facility_id, taken_at, round_date, round, temperature_c, spo2, symptoms, note, recorded_by
         FROM jsonb_to_recordset($1::jsonb) AS x(stay_id uuid, facility_id uuid, taken_at timestamptz, round_date date,
              round varchar, temperature_c numeric, spo2 smallint, symptoms varchar[], note text, recorded_by uuid)
       RETURNING *`,
      [JSON.stringify(rows)],
    );
    const checks = new Map(inserted.map((r) => entityFromRow(manager, HealthCheck, r)).map((c) => [c.stayId, c]));

    // A check that is the latest of its stay decides that stay's fever, SpO2 and symptom alerts:
    // it raises those it calls for and resolves the others. A late entry of an older check only raises.
    const latest: { stay_id: string; latest: Date }[] = await manager.query(
      `SELECT stay_id, max(taken_at) AS latest FROM health_checks WHERE stay_id = ANY($1::uuid[]) GROUP BY stay_id`,
      [[...checks.keys()]],
    );
    const latestOf = new Map(latest.map((r) => [r.stay_id, r.latest.getTime()]));
    const raise: { type: string; key: string; facilityId: string; stayId: string; day: string; message: string }[] = [];
    const resolve: { type: string; key: string }[] = [];
    const results: RecordedHealthCheckResponse[] = [];
    for (const { stay } of entries) {
      const check = checks.get(stay.id)!;
      const called = healthAlerts(check, this.thresholds);
      const who = { fullName: stay.full_name, roomCode: stay.room_code, bedCode: stay.bed_code };
      for (const type of called) {
        raise.push({
          type,
          key: `stay:${stay.id}`,
          facilityId: stay.facility_id,
          stayId: stay.id,
          day: check.roundDate,
          message: healthAlertMessage(type, check, who),
        });
      }
      if (latestOf.get(stay.id) === check.takenAt.getTime()) {
        for (const type of HEALTH_ALERT_TYPES.filter((t) => !called.includes(t))) resolve.push({ type, key: `stay:${stay.id}` });
      }
      if (check.round) resolve.push({ type: AlertType.HealthCheckMissed, key: missedRoundKey(stay.id, check.roundDate, check.round) });
      results.push({ ...toHealthCheckResponse(check), alertsRaised: called });
    }
    if (resolve.length > 0) {
      await manager.query(
        `UPDATE alerts a SET status = 'resolved', resolved_at = now()
           FROM unnest($1::text[], $2::text[]) AS x(type, key)
          WHERE a.type = x.type::alert_type AND a.subject_key = x.key AND a.status <> 'resolved'`,
        [resolve.map((r) => r.type), resolve.map((r) => r.key)],
      );
    }
    if (raise.length > 0) {
      // One unresolved alert per stay and type (UQ_alerts_unresolved_subject): a fever that goes on
      // keeps its first alert open rather than adding one per round.
      await manager.query(
        `INSERT INTO alerts (type, subject_key, facility_id, stay_id, subject_date, message)
         SELECT type::alert_type, key, facility_id, stay_id, day, message
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::date[], $6::text[])
                AS x(type, key, facility_id, stay_id, day, message)
         ON CONFLICT (type, subject_key) WHERE status <> 'resolved' DO NOTHING`,
        [
          raise.map((r) => r.type),
          raise.map((r) => r.key),
          raise.map((r) => r.facilityId),
          raise.map((r) => r.stayId),
          raise.map((r) => r.day),
          raise.map((r) => r.message),
        ],
      );
    }
    await this.audit.record(
      manager,
      ...entries.map(({ stay }) => {
        const check = checks.get(stay.id)!;
        return {
          actorId: actor.id,
          action: 'health_check.recorded',
          entityType: 'health_check',
          entityId: check.id,
          stayId: stay.id,
          personId: stay.person_id,
          facilityId: stay.facility_id,
          after: {
            takenAt: check.takenAt,
            roundDate: check.roundDate,
            round: check.round,
            temperatureC: check.temperatureC,
            spo2: check.spo2,
            symptoms: check.symptoms,
          },
        };
      }),
    );
    return results;
  }
}

function isOpen(stay: StayRow): boolean {
  return stay.status === 'admitted' || stay.status === 'positive';
}

function checkEntry(stay: StayRow, dto: RecordHealthCheckDto, takenAt: Date, index?: number): Entry {
  if (takenAt < new Date(stay.admitted_at)) {
    throw new UnprocessableEntityException({
      code: ErrorCode.HEALTH_CHECK_BEFORE_ADMISSION,
      message: `${index === undefined ? 'The check' : `Check ${index}`} was taken before ${stay.full_name} was admitted.`,
    });
  }
  return { stay, dto, takenAt };
}

/** Parses an optional time from a client: now when absent, refused when in the future. */
function pastOrNow(value: string | undefined, index?: number): Date {
  const at = value ? new Date(value) : new Date();
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw new UnprocessableEntityException({
      code: ErrorCode.TIME_IN_FUTURE,
      message: `${index === undefined ? 'The check' : `Check ${index}`} cannot be taken in the future.`,
    });
  }
  return at;
}
