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
import { Page, PageQueryDto } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { HealthCheckResponse, RecordedHealthCheckResponse, RecordedHealthChecksResponse } from './dto/health-check.response';
import { RecordHealthCheckDto } from './dto/record-health-check.dto';
import { RecordHealthChecksDto } from './dto/record-health-checks.dto';
import { HealthChecksService } from './health-checks.service';

@ApiTags('health checks')
@Controller({ version: '1' })
export class HealthChecksController {
  constructor(private readonly checks: HealthChecksService) {}

  @Post('stays/:id/health-checks')
  @Roles(Role.Admin, Role.CampManager)
  @ApiOperation({ summary: 'Record a health check (temperature, SpO2, symptoms) of a person in the facility' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: RecordedHealthCheckResponse })
  @ApiForbiddenResponse({ description: 'Only an admin or the camp manager of the facility records checks.' })
  @ApiNotFoundResponse({ description: 'No such stay (or not yours).' })
  @ApiConflictResponse({ description: 'The stay has been released.' })
  @ApiUnprocessableEntityResponse({ description: 'A time in the future or before the admission.' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordHealthCheckDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedHealthCheckResponse> {
    return sendIdempotent(res, await this.checks.recordOne(actor, id, dto, idempotency));
  }

  @Get('stays/:id/health-checks')
  @ApiOperation({ summary: 'The health checks of a stay, newest first' })
  @ApiPageResponse(HealthCheckResponse)
  @ApiNotFoundResponse({ description: 'No such stay (or not yours).' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<HealthCheckResponse>> {
    return this.checks.listForStay(actor, id, query);
  }

  @Post('facilities/:id/health-checks')
  @Roles(Role.Admin, Role.CampManager)
  @ApiOperation({ summary: 'Record a round of health checks for many people of a facility at once (all or nothing)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: RecordedHealthChecksResponse })
  @ApiForbiddenResponse({ description: 'Only an admin or the camp manager of the facility records checks.' })
  @ApiNotFoundResponse({ description: 'No such facility (or not yours).' })
  @ApiUnprocessableEntityResponse({
    description: 'A stay that is not open in this facility, the same stay twice, or a time in the future or before admission.',
  })
  async recordMany(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordHealthChecksDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedHealthChecksResponse> {
    return sendIdempotent(res, await this.checks.recordMany(actor, id, dto, idempotency));
  }
}
