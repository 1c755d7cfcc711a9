import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { AreaTodayQueryDto, TodayQueryDto } from './dto/today-query.dto';
import { AreaTodayResponse, FacilityTodayResponse } from './dto/today.response';
import { TodayService } from './today.service';

/** What the board's day means, for the OpenAPI document. */
const DATE_MEANING =
  '`date` is a local day (YYYY-MM-DD, Asia/Ho_Chi_Minh by default); today when left out. Today the board shows the stays as they are now. ' +
      'A past day is described from the records as it was at the end of that day: who was in quarantine then (people released or moved since ' +
      'included, in the room and bed they held then), who was admitted that day, the tests due or overdue by then (a sample counts only if taken ' +
      'before the end of the day), the releases due or overdue then, who was ready for release with the results known by then, who missed a ' +
      'health round of that day while in the facility for the whole round, and the positives (results that came in that day, or positive and ' +
      'still there at its end); each item\'s status is the stay\'s status then. The classification, the policy days and the expected release ' +
      'time are the stay\'s current ones (a positive result or a re-exposure after that day has changed them). A day to come shows what ' +
      'will be due then if nothing changes.';

@ApiTags('today')
@Controller({ version: '1' })
export class TodayController {
  constructor(private readonly today: TodayService) {}

  @Get('facilities/:id/today')
  @ApiOperation({
    summary: 'The today board of a facility: arrivals, tests and releases due, health checks missing, positives',
    description: DATE_MEANING,
  })
  @ApiBadRequestResponse({ description: 'A date that is not a calendar day (VALIDATION_FAILED).' })
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
  @ApiOperation({ summary: 'The today board’s counts for every facility of an area, and their totals', description: DATE_MEANING })
  @ApiBadRequestResponse({ description: 'A malformed date or admin unit code (VALIDATION_FAILED).' })
  @ApiOkResponse({ type: AreaTodayResponse })
  @ApiForbiddenResponse({ description: 'The admin unit lies outside your area.' })
  @ApiNotFoundResponse({ description: 'No admin unit with this code.' })
  area(@CurrentActor() actor: Actor, @Query() query: AreaTodayQueryDto): Promise<AreaTodayResponse> {
    return this.today.area(actor, query.adminUnitCode, query.date);
  }
}
