import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page, PageQueryDto } from '../common/pagination/pagination';
import { CreateExportDto } from './dto/create-export.dto';
import { ExportResponse, QueuedExportResponse } from './dto/export.response';
import { ExportsService } from './exports.service';
import { contentDisposition } from './file-name';

@ApiTags('exports')
@Controller({ path: 'exports', version: '1' })
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Export a list (stays, people, tests, health checks, alerts) or the daily report as CSV or XLSX in the background',
    description:
      'The daily report (kind daily-report) takes filters { adminUnitCode?, date? } for one day (a row per facility, per unit ' +
      'below, the totals and the totals of the day before, as GET /reports/daily) or { adminUnitCode?, from, to } for a ' +
      'range (one row of totals per day, as GET /reports/daily/series).',
  })
  @ApiAcceptedResponse({ type: QueuedExportResponse })
  @ApiBadRequestResponse({
    description: 'Malformed kind, format or filters; for the daily report a future day (REPORT_DATE_IN_FUTURE) or a bad range (REPORT_RANGE_INVALID, REPORT_RANGE_TOO_LONG).',
  })
  @ApiForbiddenResponse({ description: 'A filter outside your area, or personal data asked for by someone not an admin.' })
  @ApiNotFoundResponse({ description: 'The daily report of an admin unit that does not exist.' })
  @ApiServiceUnavailableResponse({ description: 'The job queue is not reachable.' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateExportDto): Promise<QueuedExportResponse> {
    return this.exports.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Your exports, newest first' })
  @ApiPageResponse(ExportResponse)
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<ExportResponse>> {
    return this.exports.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "An export's status and progress" })
  @ApiNotFoundResponse({ description: 'No such export, or not yours.' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ExportResponse> {
    return this.exports.get(actor, id);
  }

  @Get(':id/file')
  @ApiOperation({ summary: "Download an export's file" })
  @ApiOkResponse({
    description: 'The file, named in Content-Disposition (filename* holds the Vietnamese name).',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiNotFoundResponse({ description: 'No such export, or not yours.' })
  @ApiConflictResponse({ description: 'Not finished yet, or failed (EXPORT_NOT_READY).' })
  @ApiGoneResponse({ description: 'Expired: the file was removed (EXPORT_EXPIRED).' })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.file(actor, id);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    return new StreamableFile(file.stream, { type: file.contentType, length: file.length });
  }
}
