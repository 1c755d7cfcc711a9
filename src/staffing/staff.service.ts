import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { escapeLike } from '../common/sql/escape-like';
import { CreateStaffMemberDto } from './dto/create-staff-member.dto';
import { ListStaffDto } from './dto/list-staff.dto';
import { StaffMemberResponse, toStaffMemberResponse } from './dto/staff-member.response';
import { UpdateStaffMemberDto } from './dto/update-staff-member.dto';
import { StaffMember } from './staff-member.entity';
import { StaffingAccess } from './staffing-access.service';
import { validationFailed } from '../common/validation/validation';

/** Fields a PATCH may change but not set to null (phone may be cleared). */
const REQUIRED_FIELDS = ['fullName', 'role', 'agency', 'adminUnitCode', 'active'] as const;

@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly access: StaffingAccess,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateStaffMemberDto): Promise<StaffMemberResponse> {
    await this.access.assertUnitManageable(actor, dto.adminUnitCode);
    return this.db.transaction(async (manager) => {
      const { identifiers } = await manager.insert(StaffMember, { ...dto, phone: dto.phone ?? null });
      const staff = toStaffMemberResponse(await manager.findOneByOrFail(StaffMember, { id: identifiers[0].id }));
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'staff_member.created',
        entityType: 'staff_member',
        entityId: staff.id,
        after: { ...staff },
      });
      return staff;
    });
  }

  async list(actor: Actor, query: ListStaffDto): Promise<Page<StaffMemberResponse>> {
    if (query.adminUnitCode) await this.scope.assertUnitInScope(actor, query.adminUnitCode);
    const scope = this.access.staffCondition(actor, 's');
    const qb = this.db.manager.createQueryBuilder(StaffMember, 's').where(scope.sql, scope.params);
    if (query.adminUnitCode) {
      qb.andWhere('s.admin_unit_code IN (SELECT admin_unit_subtree(:unit))', { unit: query.adminUnitCode });
    }
    if (query.role) qb.andWhere('s.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('s.active = :active', { active: query.active });
    if (query.agency) qb.andWhere('s.agency ILIKE :agency', { agency: `%${escapeLike(query.agency)}%` });
    if (query.q) qb.andWhere('s.full_name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    if (query.availableFrom && query.availableTo) {
      qb.andWhere(
        `NOT EXISTS (SELECT 1 FROM assignments a WHERE a.staff_id = s.id
           AND tstzrange(a.starts_at, a.ends_at) && tstzrange(:availableFrom, :availableTo))`,
        { availableFrom: query.availableFrom, availableTo: query.availableTo },
      );
    }
    const [rows, total] = await qb
      .orderBy('s.full_name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip(offsetOf(query))
      .take(query.limit)
      .getManyAndCount();
    return pageOf(rows.map(toStaffMemberResponse), total, query);
  }

  async get(actor: Actor, id: string): Promise<StaffMemberResponse> {
    return toStaffMemberResponse(await this.access.visibleStaff(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateStaffMemberDto): Promise<StaffMemberResponse> {
    const cleared = REQUIRED_FIELDS.find((field) => dto[field] === null);
    if (cleared) throw validationFailed([{ field: cleared, message: `${cleared} cannot be cleared` }]);
    await this.access.manageableStaff(actor, id);
    if (dto.adminUnitCode) await this.access.assertUnitManageable(actor, dto.adminUnitCode);
    return this.db.transaction(async (manager) => {
      const before = toStaffMemberResponse(
        await manager.findOneOrFail(StaffMember, { where: { id }, lock: { mode: 'pessimistic_write' } }),
      );
      if (Object.keys(dto).length > 0) await manager.update(StaffMember, { id }, { ...dto });
      const after = toStaffMemberResponse(await manager.findOneByOrFail(StaffMember, { id }));
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'staff_member.updated',
        entityType: 'staff_member',
        entityId: id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }
}
