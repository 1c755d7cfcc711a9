import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { AdminUnitCodePipe } from '../common/validation/admin-unit-code.pipe';
import { Role } from '../users/user.entity';
import { AdminUnitsService } from './admin-units.service';
import { AdminUnitResponse } from './dto/admin-unit.response';
import { CreateAdminUnitDto } from './dto/create-admin-unit.dto';
import { ListAdminUnitsDto } from './dto/list-admin-units.dto';

/** Administrative units are reference data: everyone signed in may read them, admins add more. */
@ApiTags('admin-units')
@Controller({ path: 'admin-units', version: '1' })
export class AdminUnitsController {
  constructor(private readonly units: AdminUnitsService) {}

  /** Lists admin units (province, districts, communes), filtered by parent or level. */
  @Get()
  @ApiPageResponse(AdminUnitResponse)
  list(@Query() query: ListAdminUnitsDto): Promise<Page<AdminUnitResponse>> {
    return this.units.list(query);
  }

  /** One admin unit by its official code. */
  @Get(':code')
  get(@Param('code', AdminUnitCodePipe) code: string): Promise<AdminUnitResponse> {
    return this.units.get(code);
  }

  /** Adds an admin unit (admins). */
  @Post()
  @Roles(Role.Admin)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAdminUnitDto): Promise<AdminUnitResponse> {
    return this.units.create(actor, dto);
  }
}
