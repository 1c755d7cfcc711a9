import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { IdempotentRequest, IdempotentResult } from '../common/idempotency/idempotency';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { entityFromRow } from '../database/entity-from-row';
import { rowInsert } from '../database/row-insert';
import { AlertType } from '../alerts/alert.entity';
import { AlertsService } from '../alerts/alerts.service';
import { CertificateRegistry } from '../certificates/certificate-registry';
import { Facility, FacilityKind, FacilityStatus } from '../facilities/facility.entity';
import { renumbered, Statement } from '../common/sql/combined-write';
import { escapeLike } from '../common/sql/escape-like';
import { Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import { searchText } from '../people/search-text';
import { PoliciesService, PolicyQuestion } from '../policies/policies.service';
import { Classification } from '../policies/quarantine-policy.entity';
import { Role } from '../users/user.entity';
import { BedAllocator } from './bed-allocator';
import { AdmitPersonDto } from './dto/admit-person.dto';
import { ListStaysDto } from './dto/list-stays.dto';
import { ReleaseStayDto } from './dto/release-stay.dto';
import { StayDetailResponse, StayResponse } from './dto/stay.response';
import { TransferStayDto } from './dto/transfer-stay.dto';
import { riskGroup } from './placement';
import { decideRelease } from './release-outcome';
import { releaseBlockers } from './release-rules';
import { transferVerdict } from './transfer-rule';
import { expectedReleaseAt, homeMonitoringUntil } from './schedule';
import { StayMovement } from './stay-movement.entity';
import { NewStay, ReleaseOutcome, Stay, StayColumns, StayStatus } from './stay.entity';
import { StayViews } from './stay-views';
import { validationFailed } from '../common/validation/validation';
import { hotQuery } from '../common/sql/hot-query';

/** Clock skew tolerated between a client's "now" and ours before a time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

@Injectable()
export class StaysService {
  private readonly timeZone: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
    private readonly policies: PoliciesService,
    private readonly beds: BedAllocator,
    private readonly views: StayViews,
    private readonly certificates: CertificateRegistry,
    private readonly alerts: AlertsService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  /** Admits a person: places them in a bed, fixes their policy and schedule, records it all. */
  admit(actor: Actor, dto: AdmitPersonDto, request: IdempotentRequest): Promise<IdempotentResult<StayResponse>> {
    if (dto.personId && dto.person) {
      throw validationFailed([
        { field: 'personId', message: 'Give either personId (a registered person) or person (a new one), not both.' },
      ]);
    }
    const admittedAt = this.pastOrNow(dto.admittedAt, 'Admission time');

    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        // A new person is stored, and the policy in force for them read (their vaccination status is
        // known before they are stored), in the statement that locks the facility. A registered person's
        // policy needs their record first.
        const intake: AlongsideTheLock | undefined = dto.person && {
          policy: { classification: dto.classification, vaccinated: dto.vaccinated ?? (dto.person.vaccinationDoses ?? 0) >= 2, at: admittedAt },
          newPerson: this.people.insertStatement(manager, dto.person),
        };
        const { facility, policyRow, personRow } = await this.lockFacilityForIntake(manager, actor, dto.facilityId, intake);
        const created = dto.person ? await this.people.created(manager, actor, dto.person, personRow) : undefined;
        const person = created ? created.person : await this.people.admissible(manager, actor, dto.personId!, dto.personIdNumber);
        // A person created just now, in this transaction, cannot have a stay yet.
        if (!dto.person) await this.refuseSecondOpenStay(manager, actor, person);
        if (dto.exposureSourceStayId) await this.mustSee(manager, actor, dto.exposureSourceStayId, 'exposure source stay');

        const vaccinated = dto.vaccinated ?? person.vaccinationDoses >= 2;
        const policy = intake
          ? PoliciesService.inForceFrom(manager, policyRow, intake.policy)
          : await this.policies.inForce(manager, dto.classification, vaccinated, admittedAt);
        const cohortDate = localDay(admittedAt, this.timeZone);
        const bed = await this.beds.allocate(
          manager,
          facility.id,
          { sex: person.sex, cohortDate, riskGroup: riskGroup(dto.classification) },
          { bedId: dto.bedId },
        );

        // The stay's every column, written out (a new column fails to compile here), with an id of our
        // own: its view and audit entries are built before the INSERT, which then writes them together.
        const columns: StayColumns = {
          id: randomUUID(),
          personId: person.id,
          facilityId: facility.id,
          roomId: bed.roomId,
          bedId: bed.bedId,
          classification: dto.classification,
          vaccinated,
          policyId: policy.id,
          status: StayStatus.Admitted,
          admittedAt,
          cohortDate,
          periodStartAt: admittedAt,
          expectedReleaseAt: expectedReleaseAt(admittedAt, policy.durationDays),
          releasedAt: null,
          releaseOverrideReason: null,
          releaseOutcome: null,
          releaseDestination: null,
          positiveAfterReleaseAt: null,
          homeMonitoringUntil: null,
          // As PostgreSQL writes a uuid, so that the answer matches a later read.
          exposureSourceStayId: dto.exposureSourceStayId?.toLowerCase() ?? null,
        };
        const newStay: NewStay = { ...columns, person, policy };
        const stay = this.views.created(actor, newStay, bed);
        // The stay, its audit entries (a new person's and the stay's) and the stored answer: one statement.
        const lastWrites = [
          rowInsert(manager, Stay, columns),
          this.audit.insertStatement(...(created ? [created.auditEntry] : []), {
            actorId: actor.id,
            action: 'stay.admitted',
            entityType: 'stay',
            entityId: stay.id,
            stayId: stay.id,
            personId: person.id,
            facilityId: facility.id,
            after: StayViews.auditState(stay),
          }),
        ];
        return { statusCode: 201, body: stay, lastWrites };
      }),
    );
  }

  /**
   * Ends a stay with its outcome (see decideRelease): completed when the rules are met (a certificate is
   * numbered then), transferred to treatment for a confirmed case, or other with a written reason. Frees the bed.
   */
  release(
    actor: Actor,
    stayId: string,
    dto: ReleaseStayDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<StayResponse>> {
    const releasedAt = this.pastOrNow(dto.releasedAt, 'Release time');

    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        const before = await this.views.stay(manager, actor, stayId);
        this.scope.assertCanManage(actor, before.facilityId);
        if (before.status === StayStatus.Released) {
          throw new ConflictException({
            code: ErrorCode.STAY_RELEASED,
            message: 'This stay has already been released.',
          });
        }
        if (releasedAt < new Date(before.admittedAt)) {
          throw new UnprocessableEntityException({
            code: ErrorCode.TIME_ORDER,
            message: 'The release time is before the admission time.',
          });
        }

        const blockers = releaseBlockers({
          releaseAt: releasedAt,
          expectedReleaseAt: new Date(before.expectedReleaseAt),
          schedule: before.scheduledTests,
          tests: await this.views.recordedTests(manager, stayId),
        });
        const decision = decideRelease(
          { outcome: dto.outcome, destination: dto.destination, reason: dto.reason, overrideReason: dto.override?.reason },
          { classification: before.classification, blockers },
        );
        if (!decision.ok) {
          const body = { code: decision.code, message: decision.message };
          throw decision.status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
        }
        const releaseDay = localDay(releasedAt, this.timeZone);

        // One conditional update decides who releases: of many parallel requests only one finds the
        // stay still open; the others get 409 and write nothing.
        const [rows]: [{ bed_id: string }[], number] = await manager.query(
          `UPDATE stays
              SET status = 'released', released_at = $2, release_override_reason = $3,
                  home_monitoring_until = $4, release_outcome = $5, release_destination = $6, updated_at = now()
            WHERE id = $1 AND status IN ('admitted', 'positive')
        RETURNING bed_id`,
          [
            stayId,
            releasedAt,
            decision.reason,
            // A person taken for treatment is not monitored at home; the hospital discharges them.
            decision.outcome === ReleaseOutcome.TransferredToTreatment
              ? null
              : homeMonitoringUntil(releaseDay, before.policy.homeMonitoringDays),
            decision.outcome,
            decision.destination,
          ],
        );
        if (rows.length === 0) {
          throw new ConflictException({
            code: ErrorCode.STAY_RELEASED,
            message: 'This stay has already been released.',
          });
        }
        await manager.query(`UPDATE beds SET status = 'available', updated_at = now() WHERE id = $1`, [rows[0].bed_id]);
        if (decision.outcome === ReleaseOutcome.Completed) {
          const [facility]: { code: string }[] = await manager.query(`SELECT code FROM facilities WHERE id = $1`, [
            before.facilityId,
          ]);
          await this.certificates.issue(manager, {
            stayId,
            facilityId: before.facilityId,
            facilityCode: facility.code,
            issuedAt: releasedAt,
            issuedOn: releaseDay,
            issuedBy: actor.id,
          });
        }
        // The person has left the camp: the call to move them out is answered.
        await this.alerts.resolveForStay(manager, stayId, [AlertType.PositiveResult]);

        const after = await this.views.stay(manager, actor, stayId);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'stay.released',
          entityType: 'stay',
          entityId: stayId,
          stayId,
          personId: after.person.id,
          facilityId: after.facilityId,
          before: StayViews.auditState(before),
          after: StayViews.auditState(after),
          reason:
            decision.outcome === ReleaseOutcome.Other
              ? `override: ${decision.reason}${blockers.length > 0 ? ` (unmet: ${blockers.join('; ')})` : ''}`
              : decision.outcome === ReleaseOutcome.TransferredToTreatment
                ? `transferred to treatment: ${decision.destination}`
                : null,
        });
        return { statusCode: 200, body: after };
      }),
    );
  }

  /**
   * Moves a person to another bed or facility; the stay keeps its history. Who may: see
   * `transferVerdict` (an admin; a camp manager within their own facility; a committee whose area
   * covers both facilities).
   */
  transfer(
    actor: Actor,
    stayId: string,
    dto: TransferStayDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<StayResponse>> {
    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        // Outside the actor's scope the stay does not exist (404), whatever the target.
        const before = await this.views.stay(manager, actor, stayId, { lock: true });
        await this.assertMayTransfer(manager, actor, before.facilityId, dto.toFacilityId);
        return { statusCode: 200, body: await this.move(manager, actor, stayId, dto) };
      }),
    );
  }

  /**
   * The move itself, inside the caller's transaction and audited, WITHOUT asking who may: callers
   * decide that first (`transfer` by the transfer rule; an agreed transfer between facilities by its
   * own). Locks the stay, refuses a released one, takes a bed in the (active) target facility and frees
   * the old one. The answer is shown as `actor` may see it.
   */
  async move(
    manager: EntityManager,
    actor: Actor,
    stayId: string,
    target: TransferStayDto,
    reason: string | null = null,
  ): Promise<StayResponse> {
    const before = await this.views.stay(manager, actor, stayId, { lock: true, skipScope: true });
    if (before.status === StayStatus.Released) {
      throw new ConflictException({
        code: ErrorCode.STAY_RELEASED,
        message: 'This stay has been released; a released person cannot be transferred.',
      });
    }
    // A move updates the running bed counts of both facilities (triggers on beds); taking both
    // facilities in id order first keeps two opposite moves from deadlocking on those counts.
    await manager.query(`SELECT 1 FROM facilities WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [
      [before.facilityId, target.toFacilityId],
    ]);
    const { facility } = await this.lockActiveFacility(manager, target.toFacilityId);
    if (target.toBedId === before.bedId) {
      throw new ConflictException({ code: ErrorCode.ALREADY_IN_BED, message: 'The person is already in this bed.' });
    }
    if (
      before.classification === Classification.F0 &&
      facility.id !== before.facilityId &&
      facility.kind !== FacilityKind.TreatmentFacility
    ) {
      throw new UnprocessableEntityException({
        code: ErrorCode.F0_NEEDS_TREATMENT_FACILITY,
        message: `${facility.name} is not a treatment facility; a confirmed case (F0) can only be moved to a treatment facility.`,
      });
    }

    const bed = await this.beds.allocate(
      manager,
      facility.id,
      { sex: before.person.sex, cohortDate: before.cohortDate, riskGroup: riskGroup(before.classification) },
      { bedId: target.toBedId, movingStayId: stayId },
    );
    await manager.update(Stay, { id: stayId }, { facilityId: facility.id, roomId: bed.roomId, bedId: bed.bedId });
    await manager.query(`UPDATE beds SET status = 'available', updated_at = now() WHERE id = $1`, [before.bedId]);
    await this.recordMovement(manager, actor, stayId, before, { facilityId: facility.id, roomId: bed.roomId, bedId: bed.bedId });

    const after = await this.views.stay(manager, actor, stayId, { skipScope: true });
    await this.audit.record(manager, {
      actorId: actor.id,
      action: 'stay.transferred',
      entityType: 'stay',
      entityId: stayId,
      stayId,
      personId: after.person.id,
      facilityId: after.facilityId,
      before: StayViews.auditState(before),
      after: StayViews.auditState(after),
      reason,
    });
    return after;
  }

  /** The transfer rule applied: 403 for a camp manager leaving their facility, 404 for a target outside a committee's area. */
  private async assertMayTransfer(manager: EntityManager, actor: Actor, fromFacilityId: string, toFacilityId: string) {
    const targetInScope =
      actor.role === Role.DistrictCommittee ? await this.scope.isFacilityVisible(actor, toFacilityId, manager) : true;
    switch (transferVerdict(actor, fromFacilityId, toFacilityId, targetInScope)) {
      case 'allowed':
        return;
      case 'own_facility_only':
        throw new ForbiddenException({
          code: ErrorCode.OUT_OF_SCOPE,
          message:
            'A camp manager moves people only between beds of their own facility; a move to another facility ' +
            'needs an admin or the committee whose area covers both facilities.',
        });
      case 'target_out_of_scope':
        throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such facility.' });
    }
  }

  async list(actor: Actor, query: ListStaysDto): Promise<Page<StayResponse>> {
    if (query.facilityId) await this.scope.visibleFacility(actor, query.facilityId);
    const scope = this.scope.facilityCondition(actor, 'f');
    const qb = this.db.manager
      .createQueryBuilder(Stay, 's')
      .innerJoin(Facility, 'f', 'f.id = s.facility_id')
      .innerJoin(Person, 'p', 'p.id = s.person_id')
      .select('s.id', 'id')
      .where(scope.sql, scope.params);
    if (query.facilityId) qb.andWhere('s.facility_id = :facilityId', { facilityId: query.facilityId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.classification) qb.andWhere('s.classification = :cls', { cls: query.classification });
    if (query.q) {
      qb.andWhere('(p.search_name LIKE :name OR p.id_number = :raw)', {
        name: `%${escapeLike(searchText(query.q))}%`,
        raw: query.q.trim(),
      });
    }
    if (query.admittedFrom) qb.andWhere('s.admitted_at >= :from', { from: query.admittedFrom });
    if (query.admittedTo) qb.andWhere('s.admitted_at < :to', { to: query.admittedTo });
    if (query.releaseDueBefore) {
      qb.andWhere(`s.status IN ('admitted', 'positive') AND s.expected_release_at < :due`, {
        due: query.releaseDueBefore,
      });
    }
    const total = await qb.getCount();
    const ids: { id: string }[] = await qb
      .orderBy('s.admitted_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .offset(offsetOf(query))
      .limit(query.limit)
      .getRawMany();
    return pageOf(await this.views.stays(this.db.manager, actor, ids.map((r) => r.id)), total, query);
  }

  async get(actor: Actor, stayId: string): Promise<StayDetailResponse> {
    const stay = await this.views.stay(this.db.manager, actor, stayId);
    return { ...stay, history: await this.audit.historyOfStay(stayId) };
  }

  /**
   * The facility, locked against closing while we admit into it; must be active and managed by the
   * actor. One read does both: outside the actor's scope it is not found (404), as with any lookup.
   */
  /**
   * Writes where a stay was and where it goes, in the transaction of the move: the stay row keeps only
   * the present, and reports for past days read the movements. Every move of a stay goes through here.
   */
  private async recordMovement(
    manager: EntityManager,
    actor: Actor,
    stayId: string,
    from: { facilityId: string; roomId: string; bedId: string },
    to: { facilityId: string; roomId: string; bedId: string },
  ): Promise<void> {
    await manager.insert(StayMovement, {
      stayId,
      fromFacilityId: from.facilityId,
      fromRoomId: from.roomId,
      fromBedId: from.bedId,
      toFacilityId: to.facilityId,
      toRoomId: to.roomId,
      toBedId: to.bedId,
      movedAt: () => 'now()',
      actorId: actor.id,
    });
  }

  private async lockFacilityForIntake(
    manager: EntityManager,
    actor: Actor,
    facilityId: string,
    alongside?: AlongsideTheLock,
  ): Promise<LockedFacility> {
    const locked = await this.lockActiveFacility(manager, facilityId, actor, alongside);
    this.scope.assertCanManage(actor, locked.facility.id);
    return locked;
  }

  /**
   * FOR SHARE: many admissions may proceed at once, but closing the facility (which takes the row
   * FOR UPDATE) waits for them, and they wait for it. With `visibleTo`, only within that actor's scope.
   * With `alongside`, the same statement also reads the policy in force (PoliciesService.inForceSubquery)
   * and stores the new person (PeopleService.insertStatement, as a data-changing WITH): one round trip
   * for the three. Nothing is kept if the facility is then refused: the error rolls the transaction back.
   */
  private async lockActiveFacility(
    manager: EntityManager,
    facilityId: string,
    visibleTo?: Actor,
    alongside?: AlongsideTheLock,
  ): Promise<LockedFacility> {
    // Plain SQL (the scope's named parameters bound by the driver): every admission takes this lock,
    // and the query builder costs more than the statement.
    const scope = visibleTo ? this.scope.facilityCondition(visibleTo, 'f') : { sql: 'TRUE', params: {} };
    const policy = alongside?.policy;
    const extraColumns = alongside
      ? `, ${PoliciesService.inForceSubquery(':policyClassification', ':policyVaccinated', ':policyAt')} AS in_force_policy,
           (SELECT to_jsonb(p) FROM new_person p) AS new_person`
      : '';
    const [lockSql, lockParams] = manager.connection.driver.escapeQueryWithParameters(
      `SELECT f.*${extraColumns} FROM facilities f WHERE f.id = :facilityId AND (${scope.sql}) FOR SHARE OF f`,
      {
        ...scope.params,
        facilityId,
        ...(policy && { policyClassification: policy.classification, policyVaccinated: policy.vaccinated, policyAt: policy.at }),
      },
    );
    const [sql, params] = alongside
      ? [`WITH new_person AS (${alongside.newPerson[0]}) ${renumbered(lockSql, alongside.newPerson[1].length)}`, [...alongside.newPerson[1], ...lockParams]]
      : [lockSql, lockParams];
    const [row] = await hotQuery<Record<string, unknown>>(manager, sql, params);
    const facility = row ? entityFromRow(manager, Facility, row) : null;
    if (!facility) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such facility.' });
    if (facility.status !== FacilityStatus.Active) {
      throw new UnprocessableEntityException({
        code: ErrorCode.FACILITY_NOT_ACTIVE,
        message:
          `${facility.name} is ${facility.status === FacilityStatus.Standby ? 'on standby' : 'closed'}; people can only be admitted to an active facility.`,
      });
    }
    return {
      facility,
      policyRow: (row.in_force_policy as Record<string, unknown> | undefined) ?? null,
      personRow: (row.new_person as Record<string, unknown> | undefined) ?? null,
    };
  }

  /**
   * A friendly early answer; the partial unique index UQ_stays_open_person is what really guarantees it.
   * Where the person is held is said only when that facility is in the actor's scope: otherwise the
   * answer names no facility, stay or person.
   */
  private async refuseSecondOpenStay(manager: EntityManager, actor: Actor, person: Person): Promise<void> {
    const [open]: { id: string; name: string; facility_id: string }[] = await manager.query(
      `SELECT s.id, f.name, f.id AS facility_id FROM stays s JOIN facilities f ON f.id = s.facility_id
        WHERE s.person_id = $1 AND s.status IN ('admitted', 'positive')`,
      [person.id],
    );
    if (!open) return;
    const message = (await this.scope.isFacilityVisible(actor, open.facility_id, manager))
      ? `${person.fullName} is already admitted at ${open.name} (stay ${open.id}).`
      : 'This person already has an open stay in another facility.';
    throw new ConflictException({ code: ErrorCode.PERSON_HAS_OPEN_STAY, message });
  }

  /** 404 unless the stay exists in a facility the actor can see. */
  private async mustSee(manager: EntityManager, actor: Actor, stayId: string, what: string): Promise<void> {
    const scope = this.scope.facilityCondition(actor, 'f');
    const row = await manager
      .createQueryBuilder()
      .select('1')
      .from(Stay, 's')
      .innerJoin(Facility, 'f', 'f.id = s.facility_id')
      .where('s.id = :stayId', { stayId })
      .andWhere(scope.sql, scope.params)
      .getRawOne();
    if (!row) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: `No such ${what}.` });
  }

  /** Parses an optional time from a client: now when absent, refused when in the future. */
  private pastOrNow(value: string | undefined, what: string): Date {
    const at = value ? new Date(value) : new Date();
    if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw new UnprocessableEntityException({
        code: ErrorCode.TIME_IN_FUTURE,
        message: `${what} cannot be in the future.`,
      });
    }
    return at;
  }
}

/** What an admission of a new person does in the statement that locks the facility. */
interface AlongsideTheLock {
  policy: PolicyQuestion;
  newPerson: Statement;
}

/** A facility locked for an admission, with the policy read and the new person's row as stored, when asked for. */
interface LockedFacility {
  facility: Facility;
  policyRow: Record<string, unknown> | null;
  personRow: Record<string, unknown> | null;
}
