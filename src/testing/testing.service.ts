import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { AlertsService } from '../alerts/alerts.service';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { IdempotentRequest, IdempotentResult } from '../common/idempotency/idempotency';
import { offsetOf, Page, PageQueryDto, pageOf } from '../common/pagination/pagination';
import { localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { Facility } from '../facilities/facility.entity';
import { Person } from '../people/person.entity';
import { StayResponse } from '../stays/dto/stay.response';
import { PositiveCases } from '../stays/positive-cases';
import { Stay, StayStatus } from '../stays/stay.entity';
import { StayViews } from '../stays/stay-views';
import { Role } from '../users/user.entity';
import { ListTestsDto } from './dto/list-tests.dto';
import { RecordResultDto } from './dto/record-result.dto';
import { RecordTestDto } from './dto/record-test.dto';
import { TestSampleResponse, TestSampleRow, toTestSampleResponse } from './dto/test-sample.response';
import { TestResult, TestSample } from './test-sample.entity';
import { ErrorCode } from '../common/errors/error-codes';
import { validationFailed } from '../common/validation/validation';

/** Clock skew tolerated between a client's "now" and ours before a time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

/** Samples, their results, and what a positive result does to the stay and to the people sharing its room. */
@Injectable()
export class TestingService {
  private readonly timeZone: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly views: StayViews,
    private readonly positiveCases: PositiveCases,
    private readonly alerts: AlertsService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  /** Records a sample taken from the person of an open stay, with its result when already known. */
  record(
    actor: Actor,
    stayId: string,
    dto: RecordTestDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<TestSampleResponse>> {
    if (dto.resultAt !== undefined && dto.result === undefined) {
      throw validationFailed([
        { field: 'resultAt', message: 'resultAt goes with a result; leave both out while the result is pending.' },
      ]);
    }
    const sampledAt = pastOrNow(dto.sampledAt, 'The sampling time');
    const resultAt = dto.result ? (dto.resultAt ? pastOrNow(dto.resultAt, 'The result time') : sampledAt) : null;
    if (resultAt && resultAt < sampledAt) {
      throw new UnprocessableEntityException({
        code: ErrorCode.TIME_ORDER,
        message: 'The result time is before the sample was taken.',
      });
    }

    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        const stay = await this.lockStay(manager, actor, stayId, { positive: dto.result === TestResult.Positive });
        this.scope.assertCanManage(actor, stay.facilityId);
        if (stay.status === StayStatus.Released) {
          throw new ConflictException({
            code: ErrorCode.STAY_RELEASED,
            message: 'This stay has been released; no more samples can be recorded for it.',
          });
        }
        const testDays = stay.policy.testDays;
        if (dto.scheduledDay !== undefined && !testDays.includes(dto.scheduledDay)) {
          throw new UnprocessableEntityException({
            code: ErrorCode.NOT_A_TEST_DAY,
            message:
              `Day ${dto.scheduledDay} is not a test day of this stay (its policy tests on days ${testDays.join(', ')}); ` +
                'leave scheduledDay out to record an extra test.',
          });
        }
        if (sampledAt < new Date(stay.periodStartAt)) {
          throw new UnprocessableEntityException({
            code: ErrorCode.TIME_ORDER,
            message:
              `The sampling time is before the current quarantine period started (${new Date(stay.periodStartAt).toISOString()}); ` +
                'such a sample does not count for this stay.',
          });
        }

        const { identifiers } = await manager.insert(TestSample, {
          stayId: stay.id,
          scheduledDay: dto.scheduledDay ?? null,
          kind: dto.kind,
          sampledAt,
          result: dto.result ?? TestResult.Pending,
          resultAt,
          lab: dto.lab ?? null,
          takenBy: dto.takenBy ?? null,
          recordedBy: actor.id,
        });
        const sample = await this.sample(manager, identifiers[0].id);
        const entries: AuditEntry[] = [this.sampleEvent(actor, 'test.recorded', sample, null)];
        if (dto.result) entries.push(this.sampleEvent(actor, 'test.result_recorded', sample, null));
        await this.audit.record(manager, ...entries);
        if (dto.result === TestResult.Positive) await this.applyPositive(manager, actor, stay, sample);
        return { statusCode: 201, body: toTestSampleResponse(sample) };
      }),
    );
  }

  /**
   * Records the result of a sample. Once a result is recorded only an admin may change it (a
   * correction, audited as such); a camp manager gets 409.
   */
  recordResult(actor: Actor, sampleId: string, dto: RecordResultDto): Promise<TestSampleResponse> {
    const givenResultAt = dto.resultAt ? pastOrNow(dto.resultAt, 'The result time') : null;

    return this.db.transaction(async (manager) => {
      const [found]: { stay_id: string }[] = await manager.query(`SELECT stay_id FROM test_samples WHERE id = $1`, [
        sampleId,
      ]);
      if (!found) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such test sample.' });
      const stay = await this.lockStay(manager, actor, found.stay_id, {
        positive: dto.result === TestResult.Positive,
        notFound: 'No such test sample.',
      });
      this.scope.assertCanManage(actor, stay.facilityId);
      // The stay's row lock (taken above) serialises every change to its samples. Results often arrive
      // after the person went home: a released stay's samples still take their results.
      const before = await this.sample(manager, sampleId);

      const correction = before.result !== TestResult.Pending;
      if (correction && actor.role !== Role.Admin) {
        throw new ConflictException({
          code: ErrorCode.RESULT_ALREADY_RECORDED,
          message:
            `A result has already been recorded for this sample (${before.result}); only an admin can correct it.`,
        });
      }
      // A first result defaults to now; a correction keeps the time the result was known unless told otherwise.
      const resultAt =
        givenResultAt ?? (correction ? before.result_at! : new Date(Math.max(Date.now(), before.sampled_at.getTime())));
      if (resultAt < before.sampled_at) {
        throw new UnprocessableEntityException({
          code: ErrorCode.TIME_ORDER,
          message: 'The result time is before the sample was taken.',
        });
      }
      const lab = dto.lab ?? before.lab;
      if (correction && before.result === dto.result && before.result_at!.getTime() === resultAt.getTime() && before.lab === lab) {
        return toTestSampleResponse(before);
      }

      await manager.query(
        `UPDATE test_samples SET result = $2, result_at = $3, lab = $4, updated_at = now() WHERE id = $1`,
        [sampleId, dto.result, resultAt, lab],
      );
      const after = await this.sample(manager, sampleId);
      await this.audit.record(
        manager,
        this.sampleEvent(actor, correction ? 'test.result_corrected' : 'test.result_recorded', after, before, dto.reason),
      );
      if (dto.result === TestResult.Positive && before.result !== TestResult.Positive) {
        if (stay.status === StayStatus.Released) {
          // The release stands; the stay remembers the result and the residence committee is alerted.
          await this.positiveCases.markPositiveAfterRelease(manager, actor, stay, {
            id: after.id,
            kind: after.kind,
            sampledAt: after.sampled_at,
            resultAt: after.result_at!,
          });
        } else {
          await this.applyPositive(manager, actor, stay, after);
        }
      }
      return toTestSampleResponse(after);
    });
  }

  async get(actor: Actor, sampleId: string): Promise<TestSampleResponse> {
    const scope = this.scope.facilityCondition(actor, 'f');
    const row = await this.query(this.db.manager)
      .where('t.id = :sampleId', { sampleId })
      .andWhere(scope.sql, scope.params)
      .getRawOne<TestSampleRow>();
    if (!row) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such test sample.' });
    return toTestSampleResponse(row);
  }

  /** Every sample of a stay, oldest first, including those of earlier periods (marked currentPeriod: false). */
  async listForStay(actor: Actor, stayId: string, query: PageQueryDto): Promise<Page<TestSampleResponse>> {
    const [stay]: { facility_id: string }[] = await this.db.query(`SELECT facility_id FROM stays WHERE id = $1`, [stayId]);
    if (!stay) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
    await this.scope.visibleFacility(actor, stay.facility_id).catch(() => {
      throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
    });
    const qb = this.query(this.db.manager).where('t.stay_id = :stayId', { stayId });
    return this.page(qb.orderBy('t.sampled_at', 'ASC').addOrderBy('t.id', 'ASC'), query);
  }

  /** Samples in the facilities the actor may see, newest first. */
  async list(actor: Actor, query: ListTestsDto): Promise<Page<TestSampleResponse>> {
    if (query.facilityId) await this.scope.visibleFacility(actor, query.facilityId);
    const scope = this.scope.facilityCondition(actor, 'f');
    const qb = this.query(this.db.manager).where(scope.sql, scope.params);
    if (query.facilityId) qb.andWhere('s.facility_id = :facilityId', { facilityId: query.facilityId });
    if (query.result) qb.andWhere('t.result = :result', { result: query.result });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    return this.page(qb.orderBy('t.sampled_at', 'DESC').addOrderBy('t.id', 'ASC'), query);
  }

  /**
   * A positive result, in the caller's transaction: the person becomes a confirmed case (F0) awaiting
   * transfer to treatment, and everyone else still admitted in the same room is re-exposed (the stays
   * module writes both, see PositiveCases).
   */
  private async applyPositive(manager: EntityManager, actor: Actor, stay: StayResponse, sample: TestSampleRow): Promise<void> {
    await this.positiveCases.markPositive(
      manager,
      actor,
      stay,
      `positive ${sample.kind} sample ${sample.id} taken ${sample.sampled_at.toISOString()}`,
    );
    // The case must leave the camp within hours: the facility and the committees of its area see it now.
    await this.alerts.raise(manager, {
      type: AlertType.PositiveResult,
      subjectKey: `stay:${stay.id}:positive`,
      facilityId: stay.facilityId,
      stayId: stay.id,
      subjectDate: localDay(sample.result_at!, this.timeZone),
      message:
        `${stay.person.fullName} (room ${stay.roomCode}, bed ${stay.bedCode}) tested positive ` +
        `(${sample.kind} sample taken ${localDay(sample.sampled_at, this.timeZone)}); transfer them to a treatment facility.`,
    });
    await this.positiveCases.reExposeRoommates(manager, actor, stay, sample.result_at!);
  }

  /**
   * Locks the stay for a change to its samples (404 if the actor cannot see it). Before a positive
   * result the room is locked first, so that no one is placed in it or moved while its people are
   * re-exposed; the bed allocator takes the same room lock.
   */
  private async lockStay(
    manager: EntityManager,
    actor: Actor,
    stayId: string,
    options: { positive: boolean; notFound?: string },
  ): Promise<StayResponse> {
    let roomId: string | undefined;
    if (options.positive) {
      const [row]: { room_id: string }[] = await manager.query(`SELECT room_id FROM stays WHERE id = $1`, [stayId]);
      roomId = row?.room_id;
      if (roomId) await manager.query(`SELECT 1 FROM rooms WHERE id = $1 FOR UPDATE`, [roomId]);
    }
    const stay = await this.views.stay(manager, actor, stayId, { lock: true }).catch((e: unknown) => {
      if (options.notFound && e instanceof NotFoundException) {
        throw new NotFoundException({
          code: ErrorCode.NOT_FOUND,
          message: options.notFound,
        });
      }
      throw e;
    });
    if (roomId && stay.roomId !== roomId) {
      throw new ConflictException({
        code: ErrorCode.CONCURRENT_CHANGE,
        message: 'This person was moved to another room at the same moment; please try again.',
      });
    }
    return stay;
  }

  private async sample(manager: EntityManager, sampleId: string): Promise<TestSampleRow> {
    const row = await this.query(manager).where('t.id = :sampleId', { sampleId }).getRawOne<TestSampleRow>();
    if (!row) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such test sample.' });
    return row;
  }

  /** Samples with their stay and person, selected in the shape of TestSampleRow. */
  private query(manager: EntityManager): SelectQueryBuilder<TestSample> {
    return manager
      .createQueryBuilder(TestSample, 't')
      .innerJoin(Stay, 's', 's.id = t.stay_id')
      .innerJoin(Facility, 'f', 'f.id = s.facility_id')
      .innerJoin(Person, 'p', 'p.id = s.person_id')
      .select([
        't.id AS id',
        't.stay_id AS stay_id',
        's.facility_id AS facility_id',
        's.person_id AS person_id',
        'p.full_name AS full_name',
        't.scheduled_day AS scheduled_day',
        't.kind AS kind',
        't.sampled_at AS sampled_at',
        't.result AS result',
        't.result_at AS result_at',
        't.lab AS lab',
        't.taken_by AS taken_by',
        't.recorded_by AS recorded_by',
        't.sampled_at >= s.period_start_at AS current_period',
        't.created_at AS created_at',
        't.updated_at AS updated_at',
      ]);
  }

  private async page(qb: SelectQueryBuilder<TestSample>, query: PageQueryDto): Promise<Page<TestSampleResponse>> {
    const total = await qb.getCount();
    const rows = await qb.offset(offsetOf(query)).limit(query.limit).getRawMany<TestSampleRow>();
    return pageOf(rows.map(toTestSampleResponse), total, query);
  }

  private sampleEvent(
    actor: Actor,
    action: string,
    sample: TestSampleRow,
    before: TestSampleRow | null,
    reason?: string,
  ): AuditEntry {
    return {
      actorId: actor.id,
      action,
      entityType: 'test_sample',
      entityId: sample.id,
      stayId: sample.stay_id,
      personId: sample.person_id,
      facilityId: sample.facility_id,
      before: before && sampleState(before),
      after: sampleState(sample),
      reason: reason ?? null,
    };
  }
}

/** What the audit log keeps of a sample. */
function sampleState(r: TestSampleRow): Record<string, unknown> {
  return {
    scheduledDay: r.scheduled_day,
    kind: r.kind,
    sampledAt: r.sampled_at,
    result: r.result,
    resultAt: r.result_at,
    lab: r.lab,
    takenBy: r.taken_by,
  };
}

/** Parses an optional time from a client: now when absent, refused when in the future. */
function pastOrNow(value: string | undefined, what: string): Date {
  const at = value ? new Date(value) : new Date();
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw new UnprocessableEntityException({ code: ErrorCode.TIME_IN_FUTURE, message: `${what} cannot be in the future.` });
  }
  return at;
}
