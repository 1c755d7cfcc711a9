import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { Assignment } from './assignment.entity';
import { AssignmentsService } from './assignments.service';
import { toAssignmentResponse } from './dto/assignment.response';
import { AddFrameMemberDto } from './dto/add-frame-member.dto';
import { CreateFrameDto } from './dto/create-frame.dto';
import { DeployFrameDto } from './dto/deploy-frame.dto';
import { FrameDeploymentResponse, FrameResponse, toFrameResponse } from './dto/frame.response';
import { ListFramesDto } from './dto/list-frames.dto';
import { UpdateFrameDto } from './dto/update-frame.dto';
import { FrameMember, FramePosition } from './frame-member.entity';
import { Frame, FrameStatus } from './frame.entity';
import { StaffingAccess, unitsRelatedSql } from './staffing-access.service';
import { ErrorCode } from '../common/errors/error-codes';
import { validationFailed } from '../common/validation/validation';

@Injectable()
export class FramesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly access: StaffingAccess,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateFrameDto): Promise<FrameResponse> {
    await this.access.assertUnitManageable(actor, dto.adminUnitCode);
    const id = await this.db.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Frame, { ...dto });
      const frameId = identifiers[0].id as string;
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'frame.created',
        entityType: 'frame',
        entityId: frameId,
        after: { ...dto },
      });
      return frameId;
    });
    return this.load(id);
  }

  async list(actor: Actor, query: ListFramesDto): Promise<Page<FrameResponse>> {
    if (query.adminUnitCode) await this.scope.assertUnitInScope(actor, query.adminUnitCode);
    const scope = this.access.frameCondition(actor, 'fr');
    const qb = this.db.manager.createQueryBuilder(Frame, 'fr').where(scope.sql, scope.params);
    if (query.adminUnitCode) {
      qb.andWhere('fr.admin_unit_code IN (SELECT admin_unit_subtree(:unit))', { unit: query.adminUnitCode });
    }
    if (query.status) qb.andWhere('fr.status = :status', { status: query.status });
    if (query.facilityId) qb.andWhere('fr.facility_id = :facilityId', { facilityId: query.facilityId });
    const [frames, total] = await qb
      .orderBy('fr.name', 'ASC')
      .addOrderBy('fr.id', 'ASC')
      .skip(offsetOf(query))
      .take(query.limit)
      .getManyAndCount();
    const members = await this.db.manager.find(FrameMember, {
      where: { frameId: In(frames.map((f) => f.id)) },
      relations: { staff: true },
    });
    for (const frame of frames) frame.members = members.filter((m) => m.frameId === frame.id);
    return pageOf(frames.map(toFrameResponse), total, query);
  }

  async get(actor: Actor, id: string): Promise<FrameResponse> {
    await this.access.visibleFrame(actor, id);
    return this.load(id);
  }

  async update(actor: Actor, id: string, dto: UpdateFrameDto): Promise<FrameResponse> {
    if (dto.name === null) throw validationFailed([{ field: 'name', message: 'name cannot be cleared' }]);
    await this.access.manageableFrame(actor, id);
    await this.db.transaction(async (manager) => {
      const frame = await manager.findOneOrFail(Frame, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const before = { name: frame.name, status: frame.status };
      if (dto.name !== undefined) frame.name = dto.name;
      if (dto.status === FrameStatus.Standby && frame.status === FrameStatus.Deployed) {
        // Standing down: the deployment's assignments that have not started go, those under way end now.
        await manager.query(`DELETE FROM assignments WHERE frame_id = $1 AND starts_at >= now()`, [id]);
        await manager.query(`UPDATE assignments SET ends_at = now() WHERE frame_id = $1 AND ends_at > now()`, [id]);
        frame.status = FrameStatus.Standby;
      }
      await manager.update(Frame, { id }, { name: frame.name, status: frame.status });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'frame.updated',
        entityType: 'frame',
        entityId: id,
        facilityId: frame.facilityId,
        before,
        after: { name: frame.name, status: frame.status },
      });
    });
    return this.load(id);
  }

  async addMember(actor: Actor, frameId: string, dto: AddFrameMemberDto): Promise<FrameResponse> {
    const frame = await this.access.manageableFrame(actor, frameId);
    const staff = await this.access.visibleStaff(actor, dto.staffId);
    if (!staff.active) {
      throw new UnprocessableEntityException({
        code: ErrorCode.STAFF_INACTIVE,
        message: `${staff.fullName} is inactive and cannot join a frame.`,
      });
    }
    if (!(await this.scope.isWithinUnit(staff.adminUnitCode, frame.adminUnitCode))) {
      throw new UnprocessableEntityException({
        code: ErrorCode.STAFF_OUT_OF_AREA,
        message:
          `${staff.fullName} belongs to admin unit ${staff.adminUnitCode}, outside this frame's unit ${frame.adminUnitCode}; a frame takes staff of its own unit and the units below it.`,
      });
    }
    // PK_frame_members refuses a second membership, UQ_frame_members_one_leader a second leader (409).
    await this.db.transaction(async (manager) => {
      const member = { frameId, staffId: staff.id, position: dto.position ?? FramePosition.Member };
      await manager.insert(FrameMember, member);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'frame.member_added',
        entityType: 'frame',
        entityId: frameId,
        after: member,
      });
    });
    return this.load(frameId);
  }

  async removeMember(actor: Actor, frameId: string, staffId: string): Promise<void> {
    await this.access.manageableFrame(actor, frameId);
    await this.db.transaction(async (manager) => {
      const result = await manager.delete(FrameMember, { frameId, staffId });
      if (!result.affected) {
        throw new NotFoundException({
          code: ErrorCode.NOT_FOUND,
          message: 'This staff member is not in this frame.',
        });
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'frame.member_removed',
        entityType: 'frame',
        entityId: frameId,
        before: { frameId, staffId },
      });
    });
  }

  /**
   * Puts every member on duty at the facility for [from, to), in their own role, and marks the frame
   * deployed there: all in one transaction, so one clash leaves nothing behind.
   */
  async deploy(actor: Actor, frameId: string, dto: DeployFrameDto): Promise<FrameDeploymentResponse> {
    await this.access.manageableFrame(actor, frameId);
    await this.scope.visibleFacility(actor, dto.facilityId);
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    let members: DeployableMember[] = [];
    const ids = await this.assignments.withClashReport(
      () => members.map((m) => ({ staffId: m.staffId, startsAt: from, endsAt: to })),
      () =>
        this.db.transaction(async (manager) => {
          // The frame's row lock keeps its membership and deployment from changing under us.
          await manager.findOneOrFail(Frame, { where: { id: frameId }, lock: { mode: 'pessimistic_write' } });
          await this.assignments.lockOpenFacility(manager, dto.facilityId);
          members = await manager.query(
            `SELECT s.id AS "staffId", s.full_name AS "fullName", s.admin_unit_code AS "adminUnitCode", s.active,
                    ${unitsRelatedSql('s.admin_unit_code', 'f.admin_unit_code')} AS serves
               FROM frame_members m
               JOIN staff_members s ON s.id = m.staff_id
               JOIN facilities f ON f.id = $2
              WHERE m.frame_id = $1
              ORDER BY s.full_name`,
            [frameId, dto.facilityId],
          );
          if (members.length === 0) {
            throw new UnprocessableEntityException({
              code: ErrorCode.FRAME_EMPTY,
              message: 'This frame has no members to deploy.',
            });
          }
          const inactive = members.filter((m) => !m.active);
          if (inactive.length > 0) {
            throw new UnprocessableEntityException({
              code: ErrorCode.STAFF_INACTIVE,
              message: `Inactive staff cannot be deployed: ${names(inactive)}. Remove them from the frame first.`,
            });
          }
          const outside = members.filter((m) => !m.serves);
          if (outside.length > 0) {
            throw new UnprocessableEntityException({
              code: ErrorCode.STAFF_OUT_OF_AREA,
              message: `These members belong to admin units that do not cover the facility's unit: ${names(outside)}.`,
            });
          }
          // One statement for every member; EXC_assignments_staff_no_overlap refuses the whole deployment
          // if any member is already on duty in the window.
          const inserted: { id: string }[] = await manager.query(
            `INSERT INTO assignments (staff_id, facility_id, role, starts_at, ends_at, frame_id)
             SELECT s.id, $2, s.role, $3, $4, m.frame_id
               FROM frame_members m JOIN staff_members s ON s.id = m.staff_id
              WHERE m.frame_id = $1
             RETURNING id`,
            [frameId, dto.facilityId, from, to],
          );
          await manager.update(Frame, { id: frameId }, { facilityId: dto.facilityId, status: FrameStatus.Deployed });
          await this.audit.record(manager, {
            actorId: actor.id,
            action: 'frame.deployed',
            entityType: 'frame',
            entityId: frameId,
            facilityId: dto.facilityId,
            after: { facilityId: dto.facilityId, from: dto.from, to: dto.to, assignmentIds: inserted.map((row) => row.id) },
          });
          return inserted.map((row) => row.id);
        }),
    );

    const created = await this.db.manager.find(Assignment, { where: { id: In(ids) }, relations: { staff: true } });
    created.sort((a, b) => a.staff!.fullName.localeCompare(b.staff!.fullName, 'vi'));
    return { frame: await this.load(frameId), assignments: created.map(toAssignmentResponse) };
  }

  private async load(id: string): Promise<FrameResponse> {
    const frame = await this.db.manager.findOneOrFail(Frame, { where: { id }, relations: { members: { staff: true } } });
    return toFrameResponse(frame);
  }
}

interface DeployableMember {
  staffId: string;
  fullName: string;
  adminUnitCode: string;
  active: boolean;
  serves: boolean;
}

function names(members: { fullName: string; adminUnitCode: string }[]): string {
  return members.map((m) => `${m.fullName} (unit ${m.adminUnitCode})`).join(', ');
}
