import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { DailyReportResponse, DailySeriesResponse } from './dto/daily-report.response';
import { DailyReportQueryDto } from './dto/daily-report-query.dto';
import { DailySeriesQueryDto } from './dto/daily-series-query.dto';
import { ReportsService } from './reports.service';

/** The committees' daily bulletin: committees see their area, camp managers their facility, admins all. */
@ApiTags('reports')
@Controller({ path: 'reports', version: '1' })
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('daily')
  @ApiOperation({ summary: 'The daily bulletin of an area for one local day, with the day before, per facility and per unit below' })
  @ApiBadRequestResponse({ description: 'Malformed code or date, or a day that has not come yet (REPORT_DATE_IN_FUTURE)' })
  @ApiForbiddenResponse({ description: 'The unit lies outside your area' })
  @ApiNotFoundResponse({ description: 'No admin unit with this code' })
  daily(@CurrentActor() actor: Actor, @Query() query: DailyReportQueryDto): Promise<DailyReportResponse> {
    return this.reports.daily(actor, query);
  }

  @Get('daily/series')
  @ApiOperation({ summary: 'The daily totals of an area for each day of a range of at most 92 days, for charts' })
  @ApiBadRequestResponse({ description: 'Malformed input, a reversed range (REPORT_RANGE_INVALID), more than 92 days (REPORT_RANGE_TOO_LONG) or a future day' })
  @ApiForbiddenResponse({ description: 'The unit lies outside your area' })
  @ApiNotFoundResponse({ description: 'No admin unit with this code' })
  series(@CurrentActor() actor: Actor, @Query() query: DailySeriesQueryDto): Promise<DailySeriesResponse> {
    return this.reports.series(actor, query);
  }
}
