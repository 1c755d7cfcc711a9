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
import { StayResponse } from './dto/stay.response';
import { RecordedTest } from './release-rules';
import { scheduleTests } from './schedule';
import { Stay } from './stay.entity';

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
    if (!stay) throw new NotFoundException('No such stay.');
    if (!options.skipScope) {
      await this.scope.visibleFacility(actor, stay.facilityId, manager).catch(() => {
        throw new NotFoundException('No such stay.');
      });
    }
    const revealed = await this.people.revealedFor(actor, [stay.personId], manager);
    return this.toResponse(stay, revealed.has(stay.personId));
  }

  /** Stays by id, in the order given (the caller has already applied scope). */
  async stays(manager: EntityManager, actor: Actor, stayIds: string[]): Promise<StayResponse[]> {
    const loaded = await this.load(manager, stayIds);
    const revealed = await this.people.revealedFor(actor, loaded.map((s) => s.personId), manager);
    const byId = new Map(loaded.map((s) => [s.id, s]));
    return stayIds.map((id) => byId.get(id)!).map((s) => this.toResponse(s, revealed.has(s.personId)));
  }

  /** Samples recorded against the stay's schedule; filled in by the testing module's table. */
  async recordedTests(manager: EntityManager, stayId: string): Promise<RecordedTest[]> {
    const [{ exists }] = await manager.query(`SELECT to_regclass('test_samples') IS NOT NULL AS exists`);
    if (!exists) return [];
    return manager.query(`SELECT scheduled_day AS "scheduledDay", result FROM test_samples WHERE stay_id = $1`, [
      stayId,
    ]);
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
      homeMonitoringUntil: s.homeMonitoringUntil,
    };
  }

  private load(manager: EntityManager, ids: string[]): Promise<Stay[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Stay, {
      where: { id: In(ids) },
      relations: { person: true, bed: true, room: true, policy: true },
    });
  }

  private toResponse(s: Stay, reveal: boolean): StayResponse {
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
      homeMonitoringUntil: s.homeMonitoringUntil,
      exposureSourceStayId: s.exposureSourceStayId,
      policy: toPolicyResponse(s.policy!),
      scheduledTests: scheduleTests(localDay(s.periodStartAt, this.timeZone), s.policy!.testDays),
    };
  }
}
