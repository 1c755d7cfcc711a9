import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiIdempotencyKey, Idempotency, IdempotentRequest, sendIdempotent } from '../common/idempotency/idempotency';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { ListHomeMonitoringDto, RecordHomeCheckDto } from './dto/home-monitoring.dto';
import { HomeMonitoringItemResponse, RecordedHomeCheckResponse } from './dto/home-monitoring.response';
import { HomeMonitoringService } from './home-monitoring.service';

@ApiTags('home monitoring')
@Roles(Role.Admin, Role.DistrictCommittee)
@Controller({ version: '1' })
export class HomeMonitoringController {
  constructor(private readonly homeMonitoring: HomeMonitoringService) {}

  @Get('home-monitoring')
  @ApiOperation({ summary: 'People released from any facility and monitored at home, who reside in an area' })
  @ApiPageResponse(HomeMonitoringItemResponse)
  @ApiForbiddenResponse({ description: 'Camp managers, or an admin unit outside your area.' })
  @ApiNotFoundResponse({ description: 'No admin unit with this code.' })
  list(@CurrentActor() actor: Actor, @Query() query: ListHomeMonitoringDto): Promise<Page<HomeMonitoringItemResponse>> {
    return this.homeMonitoring.list(actor, query);
  }

  @Post('stays/:id/home-monitoring/checks')
  @ApiOperation({ summary: 'Record a home-monitoring check of a released person, by the committee of their residence' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: RecordedHomeCheckResponse })
  @ApiForbiddenResponse({ description: 'Camp managers do not follow people at home.' })
  @ApiNotFoundResponse({ description: 'No such stay, or the person does not reside in your area.' })
  @ApiConflictResponse({ description: 'The person has not been released yet.' })
  @ApiUnprocessableEntityResponse({ description: 'A time in the future or outside the home monitoring.' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordHomeCheckDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedHomeCheckResponse> {
    return sendIdempotent(res, await this.homeMonitoring.record(actor, id, dto, idempotency));
  }
}
