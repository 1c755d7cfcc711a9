import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { IdempotentRequest, IdempotentResult } from '../common/idempotency/idempotency';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { escapeLike } from '../common/sql/escape-like';
import { FacilityKind, FacilityStatus } from '../facilities/facility.entity';
import { Classification } from '../policies/quarantine-policy.entity';
import { StayStatus } from '../stays/stay.entity';
import { StaysService } from '../stays/stays.service';
import { Role } from '../users/user.entity';
import { CreateTransferRequestDto } from './dto/create-transfer-request.dto';
import { AcceptTransferRequestDto, CancelTransferRequestDto, RejectTransferRequestDto } from './dto/decide-transfer-request.dto';
import { ListTransferRequestsDto } from './dto/list-transfer-requests.dto';
import { ListTransferTargetsDto, TransferTargetResponse } from './dto/list-transfer-targets.dto';
import { TransferRequestResponse, TransferRequestRow, toTransferRequestResponse } from './dto/transfer-request.response';
import { mayAsk, mayCancel, mayDecide } from './transfer-request-rules';
import { TransferRequestStatus } from './transfer-request.entity';

/** A request with what its readers need to know, joined once. */
const SELECT = `
  SELECT r.id, r.stay_id, p.full_name, p.sex, s.classification,
         r.from_facility_id, ff.name AS from_facility_name, r.to_facility_id, tf.name AS to_facility_name,
         r.reason, r.status, r.requested_by, r.requested_at, r.decided_by, r.decided_at, r.decision_reason, r.to_bed_id
    FROM transfer_requests r
    JOIN stays s ON s.id = r.stay_id
    JOIN people p ON p.id = s.person_id
    JOIN facilities ff ON ff.id = r.from_facility_id
    JOIN facilities tf ON tf.id = r.to_facility_id`;

interface LockedStay {
  id: string;
  facility_id: string;
  person_id: string;
  status: StayStatus;
  classification: Classification;
}

/** Transfer requests between facilities: asked by the source, accepted or rejected by the target. */
@Injectable()
export class TransferRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly stays: StaysService,
  ) {}

  create(
    actor: Actor,
    dto: CreateTransferRequestDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<TransferRequestResponse>> {
    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        // The stay's row lock serialises requests for the same person; the partial unique index
        // UQ_transfer_requests_pending_stay holds one pending request per stay whatever happens.
        const stay = await this.lockStay(manager, dto.stayId);
        const visible = stay ? await this.scope.isFacilityVisible(actor, stay.facility_id, manager) : false;
        if (!stay || !visible) throw new NotFoundException('No such stay.');
        if (!mayAsk(actor, stay.facility_id, visible)) {
          throw new ForbiddenException({
            code: ErrorCode.OUT_OF_SCOPE,
            message: 'Only the manager of the person’s facility, a committee covering it, or an admin can ask for a transfer.',
          });
        }
        if (stay.status === StayStatus.Released) {
          throw new ConflictException({ code: ErrorCode.STAY_RELEASED, message: 'This stay has been released; there is no one to transfer.' });
        }
        const [target]: { id: string; name: string; kind: FacilityKind; status: FacilityStatus }[] = await manager.query(
          `SELECT id, name, kind, status FROM facilities WHERE id = $1`,
          [dto.toFacilityId],
        );
        if (!target) throw new NotFoundException('No such facility.');
        if (target.id === stay.facility_id) {
          throw new UnprocessableEntityException({
            code: ErrorCode.TRANSFER_TO_SAME_FACILITY,
            message: 'The person is already in this facility; move them to another bed instead.',
          });
        }
        if (target.status !== FacilityStatus.Active) {
          throw new UnprocessableEntityException(`${target.name} is not active; people can only be sent to an active facility.`);
        }
        if (stay.classification === Classification.F0 && target.kind !== FacilityKind.TreatmentFacility) {
          throw new UnprocessableEntityException({
            code: ErrorCode.F0_NEEDS_TREATMENT_FACILITY,
            message: `${target.name} is not a treatment facility; a confirmed case (F0) can only be sent to a treatment facility.`,
          });
        }
        const [pending]: { id: string }[] = await manager.query(
          `SELECT id FROM transfer_requests WHERE stay_id = $1 AND status = 'pending'`,
          [stay.id],
        );
        if (pending) {
          throw new ConflictException({
            code: ErrorCode.TRANSFER_REQUEST_PENDING,
            message: `A transfer request for this person is already pending (${pending.id}); cancel it first.`,
          });
        }

        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO transfer_requests (stay_id, from_facility_id, to_facility_id, reason, requested_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [stay.id, stay.facility_id, target.id, dto.reason, actor.id],
        );
        const created = await this.row(manager, id);
        await this.record(manager, actor, 'transfer_request.created', created, stay, null);
        return { statusCode: 201, body: toTransferRequestResponse(created) };
      }),
    );
  }

  /**
   * The target takes the person: the move happens now, in this transaction, by the placement rules
   * (StaysService.move). Accepting an accepted request again changes nothing and answers the same.
   */
  accept(
    actor: Actor,
    requestId: string,
    dto: AcceptTransferRequestDto,
    request: IdempotentRequest,
  ): Promise<IdempotentResult<TransferRequestResponse>> {
    return this.db.transaction((manager) =>
      this.idempotency.run(manager, actor.id, request, async () => {
        const { before, stay } = await this.lockForDecision(manager, actor, requestId, 'decide');
        if (before.status === TransferRequestStatus.Accepted) return { statusCode: 200, body: toTransferRequestResponse(before) };
        this.mustBePending(before);
        if (stay.status === StayStatus.Released) {
          throw new ConflictException({
            code: ErrorCode.STAY_RELEASED,
            message: 'This person has been released since the request was made; reject or cancel the request.',
          });
        }
        if (stay.facility_id !== before.from_facility_id) {
          throw new ConflictException({
            code: ErrorCode.CONCURRENT_CHANGE,
            message: 'This person has been moved to another facility since the request was made; reject or cancel the request.',
          });
        }
        const moved = await this.stays.move(
          manager,
          actor,
          stay.id,
          { toFacilityId: before.to_facility_id, toBedId: dto.toBedId },
          `transfer request ${requestId}: ${before.reason}`,
        );
        await manager.query(
          `UPDATE transfer_requests SET status = 'accepted', decided_by = $2, decided_at = now(), to_bed_id = $3, updated_at = now()
            WHERE id = $1`,
          [requestId, actor.id, moved.bedId],
        );
        const after = await this.row(manager, requestId);
        await this.record(manager, actor, 'transfer_request.accepted', after, stay, before);
        return { statusCode: 200, body: toTransferRequestResponse(after) };
      }),
    );
  }

  reject(actor: Actor, requestId: string, dto: RejectTransferRequestDto): Promise<TransferRequestResponse> {
    return this.close(actor, requestId, 'decide', TransferRequestStatus.Rejected, dto.reason);
  }

  cancel(actor: Actor, requestId: string, dto: CancelTransferRequestDto): Promise<TransferRequestResponse> {
    return this.close(actor, requestId, 'cancel', TransferRequestStatus.Cancelled, dto.reason ?? null);
  }

  async get(actor: Actor, requestId: string): Promise<TransferRequestResponse> {
    const row = await this.visibleRow(this.db.manager, actor, requestId);
    if (!row) throw new NotFoundException('No such transfer request.');
    return toTransferRequestResponse(row);
  }

  /** Requests the actor may see, newest first; by facility and direction, and by status. */
  /**
   * Active facilities a request may name as its target, in code order: names and kinds only, for every
   * role (a camp manager sees no other facility anywhere else). Whether the move is allowed is decided
   * when the request is made and accepted.
   */
  async targets(query: ListTransferTargetsDto): Promise<Page<TransferTargetResponse>> {
    const params: unknown[] = [];
    let where = `f.status = 'active'`;
    if (query.q) {
      params.push(`%${escapeLike(query.q)}%`);
      where += ` AND (f.code ILIKE $1 OR f.name ILIKE $1)`;
    }
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total FROM facilities f WHERE ${where}`, params);
    const rows: TransferTargetResponse[] = await this.db.query(
      `SELECT f.id, f.code, f.name, f.kind, f.admin_unit_code AS "adminUnitCode" FROM facilities f WHERE ${where}
        ORDER BY f.code OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offsetOf(query), query.limit],
    );
    return pageOf(rows, total, query);
  }

  async list(actor: Actor, query: ListTransferRequestsDto): Promise<Page<TransferRequestResponse>> {
    const facilityId = query.facilityId ?? (actor.role === Role.CampManager ? actor.facilityId! : undefined);
    if (query.direction && !facilityId) {
      throw new BadRequestException('A direction needs a facility: give facilityId.');
    }
    if (query.facilityId && !(await this.scope.isFacilityVisible(actor, query.facilityId))) {
      throw new ForbiddenException({ code: ErrorCode.OUT_OF_SCOPE, message: 'This facility is outside your scope.' });
    }
    const params: unknown[] = [];
    const where = [this.visibleCondition(actor, params)];
    if (facilityId) {
      params.push(facilityId);
      const p = `$${params.length}`;
      where.push(
        query.direction === 'incoming'
          ? `r.to_facility_id = ${p}`
          : query.direction === 'outgoing'
            ? `r.from_facility_id = ${p}`
            : `(r.from_facility_id = ${p} OR r.to_facility_id = ${p})`,
      );
    }
    if (query.status) {
      params.push(query.status);
      where.push(`r.status = $${params.length}`);
    }
    const sql = `${SELECT} WHERE ${where.join(' AND ')}`;
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total FROM (${sql}) x`, params);
    const rows: TransferRequestRow[] = await this.db.query(
      `${sql} ORDER BY r.requested_at DESC, r.id ASC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offsetOf(query), query.limit],
    );
    return pageOf(rows.map(toTransferRequestResponse), total, query);
  }

  /** Rejects (the target side) or cancels (the requester) a pending request. */
  private close(
    actor: Actor,
    requestId: string,
    who: 'decide' | 'cancel',
    status: TransferRequestStatus.Rejected | TransferRequestStatus.Cancelled,
    reason: string | null,
  ): Promise<TransferRequestResponse> {
    return this.db.transaction(async (manager) => {
      const { before, stay } = await this.lockForDecision(manager, actor, requestId, who);
      this.mustBePending(before);
      await manager.query(
        `UPDATE transfer_requests SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, updated_at = now()
          WHERE id = $1`,
        [requestId, status, actor.id, reason],
      );
      const after = await this.row(manager, requestId);
      await this.record(manager, actor, `transfer_request.${status}`, after, stay, before, reason);
      return toTransferRequestResponse(after);
    });
  }

  /**
   * The request and its stay, locked in the same order as everywhere (stay first, then the request),
   * with the actor's right to act checked: 404 when they cannot see it, 403 when they may not act.
   */
  private async lockForDecision(
    manager: EntityManager,
    actor: Actor,
    requestId: string,
    who: 'decide' | 'cancel',
  ): Promise<{ before: TransferRequestRow; stay: LockedStay }> {
    const seen = await this.visibleRow(manager, actor, requestId);
    if (!seen) throw new NotFoundException('No such transfer request.');
    const stay = (await this.lockStay(manager, seen.stay_id))!;
    await manager.query(`SELECT 1 FROM transfer_requests WHERE id = $1 FOR UPDATE`, [requestId]);
    const before = await this.row(manager, requestId);
    if (who === 'decide') {
      const inArea = actor.role === Role.DistrictCommittee && (await this.scope.isFacilityVisible(actor, before.to_facility_id, manager));
      if (!mayDecide(actor, before.to_facility_id, inArea)) {
        throw new ForbiddenException({
          code: ErrorCode.OUT_OF_SCOPE,
          message: 'Only the receiving facility’s manager, a committee covering it, or an admin can accept or reject this request.',
        });
      }
    } else if (!mayCancel(actor, before.requested_by)) {
      throw new ForbiddenException({ code: ErrorCode.OUT_OF_SCOPE, message: 'Only whoever made the request (or an admin) can cancel it.' });
    }
    return { before, stay };
  }

  private mustBePending(r: TransferRequestRow): void {
    if (r.status !== TransferRequestStatus.Pending) {
      throw new ConflictException({ code: ErrorCode.TRANSFER_REQUEST_DECIDED, message: `This request has already been ${r.status}.` });
    }
  }

  private async lockStay(manager: EntityManager, stayId: string): Promise<LockedStay | undefined> {
    const [stay]: LockedStay[] = await manager.query(
      `SELECT id, facility_id, person_id, status, classification FROM stays WHERE id = $1 FOR UPDATE`,
      [stayId],
    );
    return stay;
  }

  private async row(manager: EntityManager, requestId: string): Promise<TransferRequestRow> {
    const [row]: TransferRequestRow[] = await manager.query(`${SELECT} WHERE r.id = $1`, [requestId]);
    return row;
  }

  private async visibleRow(manager: EntityManager, actor: Actor, requestId: string): Promise<TransferRequestRow | undefined> {
    const params: unknown[] = [requestId];
    const [row]: TransferRequestRow[] = await manager.query(
      `${SELECT} WHERE r.id = $1 AND ${this.visibleCondition(actor, params)}`,
      params,
    );
    return row;
  }

  /** Either side of the request in the actor's scope (ff: from facility, tf: to facility). */
  private visibleCondition(actor: Actor, params: unknown[]): string {
    switch (actor.role) {
      case Role.Admin:
        return 'TRUE';
      case Role.CampManager:
        params.push(actor.facilityId);
        return `(r.from_facility_id = $${params.length} OR r.to_facility_id = $${params.length})`;
      case Role.DistrictCommittee:
        params.push(actor.adminUnitCode);
        return `(ff.admin_unit_code IN (SELECT admin_unit_subtree($${params.length}))
                 OR tf.admin_unit_code IN (SELECT admin_unit_subtree($${params.length})))`;
    }
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    after: TransferRequestRow,
    stay: LockedStay,
    before: TransferRequestRow | null,
    reason?: string | null,
  ): Promise<void> {
    const state = (r: TransferRequestRow) => ({
      status: r.status,
      fromFacilityId: r.from_facility_id,
      toFacilityId: r.to_facility_id,
      reason: r.reason,
      decisionReason: r.decision_reason,
      toBedId: r.to_bed_id,
    });
    return this.audit.record(manager, {
      actorId: actor.id,
      action,
      entityType: 'transfer_request',
      entityId: after.id,
      stayId: stay.id,
      personId: stay.person_id,
      facilityId: after.from_facility_id,
      before: before && state(before),
      after: state(after),
      reason: reason ?? (before ? null : after.reason),
    });
  }
}
