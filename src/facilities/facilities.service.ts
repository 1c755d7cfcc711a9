import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { escapeLike } from '../common/sql/escape-like';
import { CreateFacilityDto } from './dto/create-facility.dto';
import { FacilityResponse, toFacilityResponse } from './dto/facility.response';
import { ListFacilitiesDto } from './dto/list-facilities.dto';
import { UpdateFacilityDto } from './dto/update-facility.dto';
import { Facility, FacilityStatus } from './facility.entity';
import { ErrorCode } from '../common/errors/error-codes';

@Injectable()
export class FacilitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateFacilityDto): Promise<FacilityResponse> {
    return this.db.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Facility, { ...dto });
      const facility = toFacilityResponse(await manager.findOneByOrFail(Facility, { id: identifiers[0].id }));
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'facility.created',
        entityType: 'facility',
        entityId: facility.id,
        facilityId: facility.id,
        after: { ...facility },
      });
      return facility;
    });
  }

  async list(actor: Actor, query: ListFacilitiesDto): Promise<Page<FacilityResponse>> {
    if (query.adminUnitCode) await this.scope.assertUnitInScope(actor, query.adminUnitCode);
    const scope = this.scope.facilityCondition(actor, 'f');
    const qb = this.db.manager.createQueryBuilder(Facility, 'f').where(scope.sql, scope.params);
    if (query.adminUnitCode) {
      qb.andWhere('f.admin_unit_code IN (SELECT admin_unit_subtree(:unit))', { unit: query.adminUnitCode });
    }
    if (query.status) qb.andWhere('f.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('f.kind = :kind', { kind: query.kind });
    if (query.q) {
      qb.andWhere(`(f.code ILIKE :q OR f.name ILIKE :q)`, { q: `%${escapeLike(query.q)}%` });
    }
    const [rows, total] = await qb.orderBy('f.code', 'ASC').skip(offsetOf(query)).take(query.limit).getManyAndCount();
    return pageOf(rows.map(toFacilityResponse), total, query);
  }

  async get(actor: Actor, id: string): Promise<FacilityResponse> {
    return toFacilityResponse(await this.scope.visibleFacility(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateFacilityDto): Promise<FacilityResponse> {
    return this.db.transaction(async (manager) => {
      // The row lock orders this change against admissions, which read the facility FOR SHARE:
      // no one can be admitted between the emptiness check and the close.
      const facility = await manager.findOne(Facility, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!facility) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such facility.' });
      if (dto.status === FacilityStatus.Closed && facility.status !== FacilityStatus.Closed) {
        const [{ occupied }] = await manager.query(
          `SELECT count(*)::int AS occupied FROM beds b JOIN rooms r ON r.id = b.room_id
            WHERE r.facility_id = $1 AND b.status = 'occupied'`,
          [id],
        );
        if (occupied > 0) {
          throw new ConflictException({
            code: ErrorCode.FACILITY_NOT_EMPTY,
            message:
              `This facility still holds ${occupied} ${occupied === 1 ? 'person' : 'people'}; release or transfer them before closing it.`,
          });
        }
      }
      await manager.update(Facility, { id }, { ...dto });
      const after = toFacilityResponse(await manager.findOneByOrFail(Facility, { id }));
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'facility.updated',
        entityType: 'facility',
        entityId: id,
        facilityId: id,
        before: { ...toFacilityResponse(facility) },
        after: { ...after },
      });
      return after;
    });
  }
}

