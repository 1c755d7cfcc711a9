import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { CapacityService } from './capacity.service';
import { CapacityQueryDto } from './dto/capacity-query.dto';
import { FacilityCapacityResponse, RegionCapacityResponse } from './dto/capacity.response';
import { CreateFacilityDto } from './dto/create-facility.dto';
import { FacilityResponse } from './dto/facility.response';
import { ListFacilitiesDto } from './dto/list-facilities.dto';
import { UpdateFacilityDto } from './dto/update-facility.dto';
import { FacilitiesService } from './facilities.service';

@ApiTags('facilities')
@Controller({ version: '1' })
export class FacilitiesController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly capacity: CapacityService,
  ) {}

  /** Registers a facility (admins). */
  @Post('facilities')
  @Roles(Role.Admin)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFacilityDto): Promise<FacilityResponse> {
    return this.facilities.create(actor, dto);
  }

  /** Lists the facilities in your scope. */
  @Get('facilities')
  @ApiPageResponse(FacilityResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListFacilitiesDto): Promise<Page<FacilityResponse>> {
    return this.facilities.list(actor, query);
  }

  /** One facility. */
  @Get('facilities/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FacilityResponse> {
    return this.facilities.get(actor, id);
  }

  /** Changes a facility's details or status. */
  @Patch('facilities/:id')
  @Roles(Role.Admin)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateFacilityDto,
  ): Promise<FacilityResponse> {
    return this.facilities.update(actor, id, dto);
  }

  /** Beds of one facility: total, occupied and available, by sex policy. */
  @Get('facilities/:id/capacity')
  facilityCapacity(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FacilityCapacityResponse> {
    return this.capacity.forFacility(actor, id);
  }

  /** Totals for an admin unit, with one row per facility and per unit directly below it. */
  @Get('capacity')
  regionCapacity(@CurrentActor() actor: Actor, @Query() query: CapacityQueryDto): Promise<RegionCapacityResponse> {
    return this.capacity.forRegion(actor, query);
  }
}
