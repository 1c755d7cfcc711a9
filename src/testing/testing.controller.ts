import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiIdempotencyKey, Idempotency, IdempotentRequest, sendIdempotent } from '../common/idempotency/idempotency';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page, PageQueryDto } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { ListTestsDto } from './dto/list-tests.dto';
import { RecordResultDto } from './dto/record-result.dto';
import { RecordTestDto } from './dto/record-test.dto';
import { TestSampleResponse } from './dto/test-sample.response';
import { TestingService } from './testing.service';

@ApiTags('tests')
@Controller({ version: '1' })
export class TestingController {
  constructor(private readonly testing: TestingService) {}

  /** Records a sample taken from the person of an open stay (a rapid test may come with its result). */
  @Post('stays/:id/tests')
  @Roles(Role.Admin, Role.CampManager)
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: TestSampleResponse })
  @ApiConflictResponse({ description: 'The stay has been released.' })
  @ApiUnprocessableEntityResponse({
    description: 'Not a test day of the stay’s policy, sampled before the current period started, or a time in the future.',
  })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordTestDto,
    @Idempotency() idempotency: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TestSampleResponse> {
    return sendIdempotent(res, await this.testing.record(actor, id, dto, idempotency));
  }

  /** The test schedule of a stay with its samples and results. */
  @Get('stays/:id/tests')
  @ApiPageResponse(TestSampleResponse)
  listForStay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<TestSampleResponse>> {
    return this.testing.listForStay(actor, id, query);
  }

  /** Lists test samples in your scope. */
  @Get('tests')
  @ApiPageResponse(TestSampleResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListTestsDto): Promise<Page<TestSampleResponse>> {
    return this.testing.list(actor, query);
  }

  /** One test sample. */
  @Get('tests/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TestSampleResponse> {
    return this.testing.get(actor, id);
  }

  /**
   * Records the result of a sample; a positive result makes the person F0, raises positive_result and
   * re-exposes their roommates. A released stay's sample takes its result too: a positive one then
   * marks the stay positiveAfterRelease and alerts the committee of the person's residence.
   */
  @Patch('tests/:id')
  @Roles(Role.Admin, Role.CampManager)
  @ApiConflictResponse({ description: 'A result is already recorded (only an admin may correct it).' })
  @ApiUnprocessableEntityResponse({ description: 'The result time is in the future or before the sample was taken.' })
  recordResult(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordResultDto,
  ): Promise<TestSampleResponse> {
    return this.testing.recordResult(actor, id, dto);
  }
}
