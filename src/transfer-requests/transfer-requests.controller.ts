import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { ApiIdempotencyKey, Idempotency, IdempotentRequest, sendIdempotent } from '../common/idempotency/idempotency';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { CreateTransferRequestDto } from './dto/create-transfer-request.dto';
import { AcceptTransferRequestDto, CancelTransferRequestDto, RejectTransferRequestDto } from './dto/decide-transfer-request.dto';
import { ListTransferRequestsDto } from './dto/list-transfer-requests.dto';
import { ListTransferTargetsDto, TransferTargetResponse } from './dto/list-transfer-targets.dto';
import { TransferRequestResponse } from './dto/transfer-request.response';
import { TransferRequestsService } from './transfer-requests.service';

@ApiTags('transfer-requests')
@Controller({ path: 'transfer-requests', version: '1' })
export class TransferRequestsController {
  constructor(private readonly requests: TransferRequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Ask another facility to take a person in (by the source manager, a committee or an admin)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: TransferRequestResponse })
  @ApiForbiddenResponse({ description: 'Not the source facility’s manager, a committee covering it, or an admin.' })
  @ApiNotFoundResponse({ description: 'No such stay (or not yours), or no such target facility.' })
  @ApiConflictResponse({ description: 'The stay is released (STAY_RELEASED) or already has a pending request (TRANSFER_REQUEST_PENDING).' })
  @ApiUnprocessableEntityResponse({
    description: 'Same facility, target not active, or an F0 to a facility that is not a treatment facility.',
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateTransferRequestDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TransferRequestResponse> {
    return sendIdempotent(res, await this.requests.create(actor, dto, idempotency));
  }

  @Get()
  @ApiOperation({ summary: 'Transfer requests from or to the facilities in scope, by facility, direction and status' })
  @ApiPageResponse(TransferRequestResponse)
  @ApiForbiddenResponse({ description: 'The facility filter lies outside your scope.' })
  list(@CurrentActor() actor: Actor, @Query() query: ListTransferRequestsDto): Promise<Page<TransferRequestResponse>> {
    return this.requests.list(actor, query);
  }

  @Get('targets')
  @ApiOperation({ summary: 'Active facilities a transfer request may name as its target (names and kinds only; any role)' })
  @ApiPageResponse(TransferTargetResponse)
  targets(@Query() query: ListTransferTargetsDto): Promise<Page<TransferTargetResponse>> {
    return this.requests.targets(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One transfer request' })
  @ApiOkResponse({ type: TransferRequestResponse })
  @ApiNotFoundResponse({ description: 'No such request (or neither side is yours).' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TransferRequestResponse> {
    return this.requests.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a request: the person is moved now, into the bed given or one the placement rules pick' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: TransferRequestResponse })
  @ApiForbiddenResponse({ description: 'Not the target facility’s manager, a committee covering it, or an admin.' })
  @ApiNotFoundResponse({ description: 'No such request (or neither side is yours), or no such bed.' })
  @ApiConflictResponse({ description: 'Already rejected or cancelled, the stay released or moved meanwhile, or the bed taken.' })
  @ApiUnprocessableEntityResponse({ description: 'The bed or room does not fit the person, or the target is not active.' })
  async accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptTransferRequestDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TransferRequestResponse> {
    return sendIdempotent(res, await this.requests.accept(actor, id, dto, idempotency));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending request, with a reason' })
  @ApiOkResponse({ type: TransferRequestResponse })
  @ApiForbiddenResponse({ description: 'Not the target facility’s manager, a committee covering it, or an admin.' })
  @ApiNotFoundResponse({ description: 'No such request (or neither side is yours).' })
  @ApiConflictResponse({ description: 'The request is no longer pending.' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectTransferRequestDto,
  ): Promise<TransferRequestResponse> {
    return this.requests.reject(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a pending request (its requester or an admin)' })
  @ApiOkResponse({ type: TransferRequestResponse })
  @ApiForbiddenResponse({ description: 'Not the requester or an admin.' })
  @ApiNotFoundResponse({ description: 'No such request (or neither side is yours).' })
  @ApiConflictResponse({ description: 'The request is no longer pending.' })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CancelTransferRequestDto,
  ): Promise<TransferRequestResponse> {
    return this.requests.cancel(actor, id, dto);
  }
}
