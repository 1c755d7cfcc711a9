import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { AreaTodayQueryDto, TodayQueryDto } from './dto/today-query.dto';
import { AreaTodayResponse, FacilityTodayResponse } from './dto/today.response';
import { TodayService } from './today.service';

@ApiTags('today')
@Controller({ version: '1' })
export class TodayController {
  constructor(private readonly today: TodayService) {}

  @Get('facilities/:id/today')
  @ApiOperation({ summary: 'The today board of a facility: arrivals, tests and releases due, health checks missing, positives' })
  @ApiOkResponse({ type: FacilityTodayResponse })
  @ApiNotFoundResponse({ description: 'No such facility (or not yours).' })
  facility(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TodayQueryDto,
  ): Promise<FacilityTodayResponse> {
    return this.today.facility(actor, id, query.date);
  }

  @Get('today')
  @ApiOperation({ summary: 'The today board’s counts for every facility of an area, and their totals' })
  @ApiOkResponse({ type: AreaTodayResponse })
  @ApiForbiddenResponse({ description: 'The admin unit lies outside your area.' })
  @ApiNotFoundResponse({ description: 'No admin unit with this code.' })
  area(@CurrentActor() actor: Actor, @Query() query: AreaTodayQueryDto): Promise<AreaTodayResponse> {
    return this.today.area(actor, query.adminUnitCode, query.date);
  }
}
