import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { Environment } from '../config/environment';
import { Facility, FacilityStatus } from '../facilities/facility.entity';
import { Assignment } from './assignment.entity';
import { AssignmentResponse, toAssignmentResponse } from './dto/assignment.response';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ListAssignmentsDto } from './dto/list-assignments.dto';
import { formatWindow } from './local-time';
import { StaffingAccess, unitsRelatedSql } from './staffing-access.service';
import { ErrorCode } from '../common/errors/error-codes';

export const NO_OVERLAP_CONSTRAINT = 'EXC_assignments_staff_no_overlap';

/** A would-be assignment, to explain which existing one it clashes with. */
export interface AssignmentWindow {
  staffId: string;
  startsAt: Date;
  endsAt: Date;
}

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly access: StaffingAccess,
    private readonly config: ConfigService<Environment, true>,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, facilityId: string, dto: CreateAssignmentDto): Promise<AssignmentResponse> {
    await this.scope.manageableFacility(actor, facilityId);
    const staff = await this.access.visibleStaff(actor, dto.staffId);
    const window: AssignmentWindow = { staffId: staff.id, startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) };

    const id = await this.withClashReport(() => [window], () =>
      this.db.transaction(async (manager) => {
        const facility = await this.lockOpenFacility(manager, facilityId);
        if (!staff.active) {
          throw new UnprocessableEntityException({
            code: ErrorCode.STAFF_INACTIVE,
            message: `${staff.fullName} is inactive and cannot be put on duty.`,
          });
        }
        const [related] = await manager.query(`SELECT ${unitsRelatedSql('$1::varchar', '$2::varchar')} AS ok`, [
          staff.adminUnitCode,
          facility.adminUnitCode,
        ]);
        if (!related.ok) {
          throw new UnprocessableEntityException({
            code: ErrorCode.STAFF_OUT_OF_AREA,
            message:
              `${staff.fullName} belongs to admin unit ${staff.adminUnitCode}, which does not cover this facility's unit ${facility.adminUnitCode}.`,
          });
        }
        // EXC_assignments_staff_no_overlap refuses the row if the person is already on duty then, even
        // when two requests race; withClashReport turns that refusal into a 409 naming the clash.
        const assignment = {
          staffId: staff.id,
          facilityId,
          role: dto.role ?? staff.role,
          startsAt: window.startsAt,
          endsAt: window.endsAt,
        };
        const { identifiers } = await manager.insert(Assignment, assignment);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'assignment.created',
          entityType: 'assignment',
          entityId: identifiers[0].id,
          facilityId,
          after: assignment,
        });
        return identifiers[0].id as string;
      }),
    );
    return toAssignmentResponse(
      await this.db.manager.findOneOrFail(Assignment, { where: { id }, relations: { staff: true } }),
    );
  }

  async list(actor: Actor, facilityId: string, query: ListAssignmentsDto): Promise<Page<AssignmentResponse>> {
    await this.scope.visibleFacility(actor, facilityId);
    const qb = this.db.manager
      .createQueryBuilder(Assignment, 'a')
      .innerJoinAndSelect('a.staff', 's')
      .where('a.facility_id = :facilityId', { facilityId });
    if (query.from) qb.andWhere('a.ends_at > :from', { from: query.from });
    if (query.to) qb.andWhere('a.starts_at < :to', { to: query.to });
    if (query.staffId) qb.andWhere('a.staff_id = :staffId', { staffId: query.staffId });
    if (query.role) qb.andWhere('a.role = :role', { role: query.role });
    const [rows, total] = await qb
      .orderBy('a.starts_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip(offsetOf(query))
      .take(query.limit)
      .getManyAndCount();
    return pageOf(rows.map(toAssignmentResponse), total, query);
  }

  async remove(actor: Actor, facilityId: string, assignmentId: string): Promise<void> {
    await this.scope.manageableFacility(actor, facilityId);
    await this.db.transaction(async (manager) => {
      const [rows]: [Record<string, unknown>[], number] = await manager.query(
        `DELETE FROM assignments WHERE id = $1 AND facility_id = $2
         RETURNING staff_id AS "staffId", role, starts_at AS "startsAt", ends_at AS "endsAt", frame_id AS "frameId"`,
        [assignmentId, facilityId],
      );
      if (rows.length === 0) {
        throw new NotFoundException({
          code: ErrorCode.NOT_FOUND,
          message: 'No such assignment at this facility.',
        });
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'assignment.removed',
        entityType: 'assignment',
        entityId: assignmentId,
        facilityId,
        before: rows[0],
      });
    });
  }

  /**
   * The facility, locked against being closed while staff are put on duty there (closing takes the
   * row FOR UPDATE); 422 when it is already closed.
   */
  async lockOpenFacility(manager: EntityManager, facilityId: string): Promise<Facility> {
    const facility = await manager.findOneOrFail(Facility, { where: { id: facilityId }, lock: { mode: 'pessimistic_read' } });
    if (facility.status === FacilityStatus.Closed) {
      throw new UnprocessableEntityException({
        code: ErrorCode.FACILITY_NOT_ACTIVE,
        message: `${facility.name} is closed; reopen it before putting staff on duty there.`,
      });
    }
    return facility;
  }

  /**
   * Runs work that inserts assignments; when the no-overlap constraint refuses one, answers 409 naming
   * the assignment(s) it clashes with. The lookup runs after the failed transaction has rolled back.
   */
  async withClashReport<T>(windows: () => AssignmentWindow[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!isOverlapViolation(err)) throw err;
      throw await this.clashConflict(windows());
    }
  }

  private async clashConflict(windows: AssignmentWindow[]): Promise<ConflictException> {
    const clashes: {
      id: string;
      fullName: string;
      facilityName: string;
      startsAt: Date;
      endsAt: Date;
      total: number;
    }[] = await this.db.query(
      `SELECT a.id, s.full_name AS "fullName", f.name AS "facilityName", a.starts_at AS "startsAt",
              a.ends_at AS "endsAt", count(*) OVER ()::int AS total
         FROM jsonb_to_recordset($1::jsonb) AS w(staff_id uuid, starts_at timestamptz, ends_at timestamptz)
         JOIN assignments a ON a.staff_id = w.staff_id
                           AND tstzrange(a.starts_at, a.ends_at) && tstzrange(w.starts_at, w.ends_at)
         JOIN staff_members s ON s.id = a.staff_id
         JOIN facilities f ON f.id = a.facility_id
        ORDER BY s.full_name, a.starts_at
        LIMIT 3`,
      [JSON.stringify(windows.map((w) => ({ staff_id: w.staffId, starts_at: w.startsAt, ends_at: w.endsAt })))],
    );
    if (clashes.length === 0) {
      return new ConflictException({
        code: ErrorCode.STAFF_ON_DUTY,
        message: 'This staff member was put on another assignment at the same time; reload the roster and try again.',
      });
    }
    const timeZone = this.config.get('TZ_DEFAULT', { infer: true });
    const sentences = clashes.map(
      (c) =>
        `${c.fullName} is already on duty at ${c.facilityName} ${formatWindow(c.startsAt, c.endsAt, timeZone)} (assignment ${c.id}).`,
    );
    const more = clashes[0].total - clashes.length;
    if (more > 0) sentences.push(`${more} more ${more === 1 ? 'clash' : 'clashes'} not listed.`);
    return new ConflictException({ code: ErrorCode.STAFF_ON_DUTY, message: sentences.join(' ') });
  }
}

export function isOverlapViolation(err: unknown): boolean {
  const driverError = (err as QueryFailedError & { driverError?: { code?: string; constraint?: string } })?.driverError;
  return err instanceof QueryFailedError && driverError?.code === '23P01' && driverError.constraint === NO_OVERLAP_CONSTRAINT;
}
