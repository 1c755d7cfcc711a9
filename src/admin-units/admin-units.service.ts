import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { onlyGiven } from '../common/pagination/filters';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { AdminUnit } from './admin-unit.entity';
import { hierarchyProblem } from './admin-unit-levels';
import { AdminUnitResponse, toAdminUnitResponse } from './dto/admin-unit.response';
import { CreateAdminUnitDto } from './dto/create-admin-unit.dto';
import { ListAdminUnitsDto } from './dto/list-admin-units.dto';
import { ErrorCode } from '../common/errors/error-codes';

@Injectable()
export class AdminUnitsService {
  constructor(
    @InjectRepository(AdminUnit) private readonly units: Repository<AdminUnit>,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListAdminUnitsDto): Promise<Page<AdminUnitResponse>> {
    const [rows, total] = await this.units.findAndCount({
      where: onlyGiven({ parentCode: query.parentCode, level: query.level }),
      order: { code: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map(toAdminUnitResponse), total, query);
  }

  async get(code: string): Promise<AdminUnitResponse> {
    return toAdminUnitResponse(await this.getOrFail(code));
  }

  async create(actor: Actor, dto: CreateAdminUnitDto): Promise<AdminUnitResponse> {
    const parent = dto.parentCode ? await this.getOrFail(dto.parentCode) : null;
    const problem = hierarchyProblem(dto.level, parent?.level ?? null);
    if (problem) throw new UnprocessableEntityException({ code: ErrorCode.ADMIN_UNIT_HIERARCHY, message: problem });
    // The primary key turns a duplicate code into a 409, also when two requests race.
    const unit = { code: dto.code, name: dto.name, level: dto.level, parentCode: parent?.code ?? null };
    await this.units.manager.transaction(async (manager) => {
      await manager.insert(AdminUnit, unit);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'admin_unit.created',
        entityType: 'admin_unit',
        entityId: unit.code,
        after: unit,
      });
    });
    return this.get(dto.code);
  }

  async getOrFail(code: string): Promise<AdminUnit> {
    const unit = await this.units.findOneBy({ code });
    if (!unit) {
      throw new NotFoundException({
        code: ErrorCode.NOT_FOUND,
        message: `There is no admin unit with code ${code}.`,
      });
    }
    return unit;
  }
}
