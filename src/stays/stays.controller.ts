import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
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

const ADMIT_EXAMPLES = {
  newPerson: {
    summary: 'A person not registered yet, into a bed the system picks (illustrative data)',
    value: {
      facilityId: '3f0e7c52-1b8e-4c1e-9a57-5f1d2b9c0a11',
      classification: 'F1',
      person: {
        fullName: 'Nguyễn Văn An',
        sex: 'male',
        birthYear: 1985,
        idNumber: '094085001234',
        phone: '0912345678',
        residenceAdminUnitCode: '947',
        address: 'Ấp Hòa Lời, xã Tham Đôn',
      },
    },
  },
  registeredPerson: {
    summary: 'A registered person into a chosen bed',
    value: {
      facilityId: '3f0e7c52-1b8e-4c1e-9a57-5f1d2b9c0a11',
      personId: '8d6a1e0b-7f3c-4b1a-8e2d-2c9f4a7b6e55',
      classification: 'F1',
      vaccinated: false,
      bedId: 'b1c2d3e4-5f60-4718-9a0b-1c2d3e4f5a6b',
    },
  },
};

@ApiTags('stays')
@Controller({ path: 'stays', version: '1' })
export class StaysController {
  constructor(private readonly stays: StaysService) {}

  /** Admits a person: a bed by the placement rules or the one chosen, and the test schedule. */
  @Post()
  @Roles(Role.Admin, Role.CampManager)
  @ApiIdempotencyKey()
  @ApiConflictResponse({ description: 'Already admitted somewhere, bed taken, or no suitable bed free.' })
  @ApiUnprocessableEntityResponse({ description: 'Facility not active, bed out of service, or no policy applies.' })
  @ApiBody({ type: AdmitPersonDto, examples: ADMIT_EXAMPLES })
  async admit(
    @CurrentActor() actor: Actor,
    @Body() dto: AdmitPersonDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StayResponse> {
    return sendIdempotent(res, await this.stays.admit(actor, dto, idempotency));
  }

  /** Lists stays in your scope. */
  @Get()
  @ApiPageResponse(StayResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListStaysDto): Promise<Page<StayResponse>> {
    return this.stays.list(actor, query);
  }

  /** One stay with its history. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StayDetailResponse> {
    return this.stays.get(actor, id);
  }

  /** Releases a person when the rules are met, or with a written reason. */
  @Post(':id/release')
  @HttpCode(200)
  @Roles(Role.Admin, Role.CampManager)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'End a stay: completed, transferred to treatment (F0, with a destination), or other (with a reason)' })
  @ApiBadRequestResponse({ description: 'A destination without a transfer to treatment, or a missing destination or reason.' })
  @ApiConflictResponse({ description: 'Already released.' })
  @ApiUnprocessableEntityResponse({
    description: 'Completed while the period is not served or a test is missing (RELEASE_NOT_DUE), or treatment for someone not F0.',
  })
  async release(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReleaseStayDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StayResponse> {
    return sendIdempotent(res, await this.stays.release(actor, id, dto, idempotency));
  }

  /** Moves a stay to another bed or facility. */
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
