import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiIdempotencyKey, Idempotency, IdempotentRequest, sendIdempotent } from '../common/idempotency/idempotency';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { AdmitPersonDto } from './dto/admit-person.dto';
import { ListStaysDto } from './dto/list-stays.dto';
import { ReleaseStayDto } from './dto/release-stay.dto';
import { StayDetailResponse, StayResponse } from './dto/stay.response';
import { TransferStayDto } from './dto/transfer-stay.dto';
import { StaysService } from './stays.service';

@ApiTags('stays')
@Controller({ path: 'stays', version: '1' })
export class StaysController {
  constructor(private readonly stays: StaysService) {}

  @Post()
  @Roles(Role.Admin, Role.CampManager)
  @ApiIdempotencyKey()
  @ApiConflictResponse({ description: 'Already admitted somewhere, bed taken, or no suitable bed free.' })
  @ApiUnprocessableEntityResponse({ description: 'Facility not active, bed out of service, or no policy applies.' })
  async admit(
    @CurrentActor() actor: Actor,
    @Body() dto: AdmitPersonDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StayResponse> {
    return sendIdempotent(res, await this.stays.admit(actor, dto, idempotency));
  }

  @Get()
  @ApiPageResponse(StayResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListStaysDto): Promise<Page<StayResponse>> {
    return this.stays.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StayDetailResponse> {
    return this.stays.get(actor, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles(Role.Admin, Role.CampManager)
  @ApiIdempotencyKey()
  @ApiConflictResponse({ description: 'Already released.' })
  @ApiUnprocessableEntityResponse({ description: 'Period not served or tests missing, and no override given.' })
  async release(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReleaseStayDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StayResponse> {
    return sendIdempotent(res, await this.stays.release(actor, id, dto, idempotency));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles(Role.Admin, Role.CampManager, Role.DistrictCommittee)
  @ApiIdempotencyKey()
  async transfer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransferStayDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StayResponse> {
    return sendIdempotent(res, await this.stays.transfer(actor, id, dto, idempotency));
  }
}
