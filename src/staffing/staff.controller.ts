import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { CreateStaffMemberDto } from './dto/create-staff-member.dto';
import { ListStaffDto } from './dto/list-staff.dto';
import { StaffMemberResponse } from './dto/staff-member.response';
import { UpdateStaffMemberDto } from './dto/update-staff-member.dto';
import { StaffService } from './staff.service';

@ApiTags('staffing')
@Controller({ path: 'staff', version: '1' })
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  /** Registers a staff member. */
  @Post()
  @Roles(Role.Admin, Role.DistrictCommittee)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffMemberDto): Promise<StaffMemberResponse> {
    return this.staff.create(actor, dto);
  }

  /** Filter by role, agency, name, unit (and below), or availability: no assignment between availableFrom and availableTo. */
  @Get()
  @ApiPageResponse(StaffMemberResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListStaffDto): Promise<Page<StaffMemberResponse>> {
    return this.staff.list(actor, query);
  }

  /** One staff member. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffMemberResponse> {
    return this.staff.get(actor, id);
  }

  /** Changes a staff member's details. */
  @Patch(':id')
  @Roles(Role.Admin, Role.DistrictCommittee)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateStaffMemberDto,
  ): Promise<StaffMemberResponse> {
    return this.staff.update(actor, id, dto);
  }
}
