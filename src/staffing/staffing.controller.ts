import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { Role } from '../users/user.entity';
import { CoverageService } from './coverage.service';
import { CoverageQueryDto, RegionCoverageQueryDto } from './dto/coverage-query.dto';
import { FacilityCoverageResponse, RegionCoverageResponse } from './dto/coverage.response';
import { ReplaceStaffingRequirementsDto } from './dto/staffing-requirements.dto';
import { StaffingRequirementsResponse } from './dto/staffing-requirements.response';
import { RequirementsService } from './requirements.service';

@ApiTags('staffing')
@Controller({ version: '1' })
export class StaffingController {
  constructor(
    private readonly requirements: RequirementsService,
    private readonly coverage: CoverageService,
  ) {}

  /** The facility's staffing requirements per role. */
  @Get('facilities/:id/staffing-requirements')
  getRequirements(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
  ): Promise<StaffingRequirementsResponse> {
    return this.requirements.get(actor, facilityId);
  }

  /** Replaces the facility's requirements; an empty list returns it to the defaults of its kind. */
  @Put('facilities/:id/staffing-requirements')
  @Roles(Role.Admin, Role.CampManager)
  replaceRequirements(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Body() dto: ReplaceStaffingRequirementsDto,
  ): Promise<StaffingRequirementsResponse> {
    return this.requirements.replace(actor, facilityId, dto);
  }

  /** Per role: required on duty (from the current occupancy), on duty at `at`, and the gap. */
  @Get('facilities/:id/staffing')
  facilityCoverage(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Query() query: CoverageQueryDto,
  ): Promise<FacilityCoverageResponse> {
    return this.coverage.forFacility(actor, facilityId, query.at);
  }

  /** Coverage for an admin unit, with one row per facility and per unit directly below it. */
  @Get('staffing')
  regionCoverage(@CurrentActor() actor: Actor, @Query() query: RegionCoverageQueryDto): Promise<RegionCoverageResponse> {
    return this.coverage.forRegion(actor, query.adminUnitCode, query.at);
  }
}
