import { Injectable, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager, In } from 'typeorm';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { toPersonResponse } from '../people/dto/person.response';
import { PeopleService } from '../people/people.service';
import { toPolicyResponse } from '../policies/dto/policy.response';
import { scheduleStates } from '../testing/schedule-states';
import { StayResponse } from './dto/stay.response';
import { RecordedTest } from './release-rules';
import { scheduleTests } from './schedule';
import { NewStay, Stay } from './stay.entity';
import { ErrorCode } from '../common/errors/error-codes';

/** Builds what clients see of stays: one place for joins, scope, masking and the test schedule. */
@Injectable()
export class StayViews {
  private readonly timeZone: string;

  constructor(
    private readonly scope: ScopeService,
    private readonly people: PeopleService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  /** One stay the actor may see (404 otherwise); `lock` takes its row FOR UPDATE first. */
  async stay(
    manager: EntityManager,
    actor: Actor,
    stayId: string,
    options: { lock?: boolean; skipScope?: boolean } = {},
  ): Promise<StayResponse> {
    if (options.lock) await manager.query(`SELECT 1 FROM stays WHERE id = $1 FOR UPDATE`, [stayId]);
    const [stay] = await this.load(manager, [stayId]);
    if (!stay) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
    if (!options.skipScope) {
      await this.scope.visibleFacility(actor, stay.facilityId, manager).catch(() => {
        throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such stay.' });
      });
    }
    const revealed = await this.people.revealedFor(actor, [stay.personId], manager);
    const tests = await this.currentPeriodTests(manager, [stay.id]);
    return this.toResponse(stay, revealed.has(stay.personId), tests.get(stay.id) ?? [], this.today());
  }

  /**
   * The view of a stay this transaction creates, from the rows in hand instead of read back: `stay` as
   * its INSERT writes it, with the person and policy it is admitted with, and the codes of its room and
   * bed. The caller has checked scope; no sample can refer to a stay this new.
   */
  created(actor: Actor, stay: NewStay, codes: { roomCode: string; bedCode: string }): StayResponse {
    const withCodes = { ...stay, room: { code: codes.roomCode }, bed: { code: codes.bedCode } } as Stay;
    return this.toResponse(withCodes, this.people.revealedAt(actor, stay.facilityId), [], this.today());
  }

  /** Stays by id, in the order given (the caller has already applied scope). */
  async stays(manager: EntityManager, actor: Actor, stayIds: string[]): Promise<StayResponse[]> {
    const loaded = await this.load(manager, stayIds);
    const revealed = await this.people.revealedFor(actor, loaded.map((s) => s.personId), manager);
    const tests = await this.currentPeriodTests(manager, stayIds);
    const byId = new Map(loaded.map((s) => [s.id, s]));
    const today = this.today();
    return stayIds
      .map((id) => byId.get(id)!)
      .map((s) => this.toResponse(s, revealed.has(s.personId), tests.get(s.id) ?? [], today));
  }

  /**
   * The samples that count for the stay's schedule: those of its current period only. After a
   * re-exposure the period restarts, and samples taken before it no longer fulfil the re-planned days.
   */
  async recordedTests(manager: EntityManager, stayId: string): Promise<RecordedTest[]> {
    return (await this.currentPeriodTests(manager, [stayId])).get(stayId) ?? [];
  }

  /** What the audit log keeps of a stay before and after a change. */
  static auditState(s: StayResponse): Record<string, unknown> {
    return {
      status: s.status,
      classification: s.classification,
      facilityId: s.facilityId,
      roomId: s.roomId,
      bedId: s.bedId,
      roomCode: s.roomCode,
      bedCode: s.bedCode,
      policyId: s.policy.id,
      admittedAt: s.admittedAt,
      periodStartAt: s.periodStartAt,
      expectedReleaseAt: s.expectedReleaseAt,
      releasedAt: s.releasedAt,
      releaseOverrideReason: s.releaseOverrideReason,
      releaseOutcome: s.releaseOutcome,
      releaseDestination: s.releaseDestination,
      positiveAfterReleaseAt: s.positiveAfterReleaseAt,
      homeMonitoringUntil: s.homeMonitoringUntil,
    };
  }

  /** Samples of the stays' current periods (sampled_at >= period_start_at), by stay, in one query. */
  private async currentPeriodTests(manager: EntityManager, stayIds: string[]): Promise<Map<string, RecordedTest[]>> {
    const byStay = new Map<string, RecordedTest[]>();
    if (stayIds.length === 0) return byStay;
    const rows: (RecordedTest & { stayId: string })[] = await manager.query(
      `SELECT t.stay_id AS "stayId", t.scheduled_day AS "scheduledDay", t.result
         FROM test_samples t JOIN stays s ON s.id = t.stay_id
        WHERE t.stay_id = ANY($1::uuid[]) AND t.sampled_at >= s.period_start_at
        ORDER BY t.sampled_at, t.id`,
      [stayIds],
    );
    for (const { stayId, scheduledDay, result } of rows) {
      if (!byStay.has(stayId)) byStay.set(stayId, []);
      byStay.get(stayId)!.push({ scheduledDay, result });
    }
    return byStay;
  }

  /** Today's local day, against which due and overdue tests are judged. */
  private today(): string {
    return localDay(new Date(), this.timeZone);
  }

  private load(manager: EntityManager, ids: string[]): Promise<Stay[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Stay, {
      where: { id: In(ids) },
      relations: { person: true, bed: true, room: true, policy: true },
    });
  }

  private toResponse(s: Stay, reveal: boolean, tests: RecordedTest[], today: string): StayResponse {
    return {
      id: s.id,
      person: toPersonResponse(s.person!, reveal),
      facilityId: s.facilityId,
      roomId: s.roomId,
      bedId: s.bedId,
      roomCode: s.room!.code,
      bedCode: s.bed!.code,
      classification: s.classification,
      vaccinated: s.vaccinated,
      status: s.status,
      admittedAt: s.admittedAt,
      cohortDate: s.cohortDate,
      periodStartAt: s.periodStartAt,
      expectedReleaseAt: s.expectedReleaseAt,
      releasedAt: s.releasedAt,
      releaseOverrideReason: s.releaseOverrideReason,
      releaseOutcome: s.releaseOutcome,
      releaseDestination: s.releaseDestination,
      positiveAfterRelease: s.positiveAfterReleaseAt !== null,
      positiveAfterReleaseAt: s.positiveAfterReleaseAt,
      homeMonitoringUntil: s.homeMonitoringUntil,
      exposureSourceStayId: s.exposureSourceStayId,
      policy: toPolicyResponse(s.policy!),
      scheduledTests: scheduleStates(scheduleTests(localDay(s.periodStartAt, this.timeZone), s.policy!.testDays), tests, today),
    };
  }
}
