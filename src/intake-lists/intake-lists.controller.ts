import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { contentDisposition, CONTENT_TYPES } from '../exports/file-name';
import { Role } from '../users/user.entity';
import {
  AdmitIntakeRowDto,
  IntakeImportResponse,
  IntakeListDetailResponse,
  IntakeListResponse,
  IntakeRowResponse,
  ListIntakeListsDto,
  RejectIntakeRowDto,
  TemplateQueryDto,
  UploadIntakeListDto,
  UploadIntakeListForm,
} from './dto/intake-list.dto';
import { IntakeListsService, UploadedSheet } from './intake-lists.service';
import { intakeTemplate } from './intake-sheet';

/** An upload is at most 10 MB: 5,000 rows of the template take well under that. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

@ApiTags('intake-lists')
@Controller({ path: 'intake-lists', version: '1' })
export class IntakeListsController {
  constructor(private readonly intake: IntakeListsService) {}

  @Get('template')
  @ApiOperation({ summary: 'The spreadsheet template for an intake list (Vietnamese headers, one sample row)' })
  @ApiOkResponse({
    description: 'The template file.',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async template(@Query() query: TemplateQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    res.setHeader('Content-Disposition', contentDisposition(`Mẫu danh sách cách ly.${format}`));
    return new StreamableFile(await intakeTemplate(format), { type: CONTENT_TYPES[format] });
  }

  @Post()
  @Roles(Role.Admin, Role.DistrictCommittee)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiOperation({ summary: 'Import a list of people sent to a facility from an XLSX or CSV file' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadIntakeListForm })
  @ApiCreatedResponse({ type: IntakeImportResponse })
  @ApiBadRequestResponse({ description: 'No file, an unreadable file, missing columns, or more than 5,000 rows.' })
  @ApiNotFoundResponse({ description: 'No such facility in your area.' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 10 MB.' })
  @ApiUnprocessableEntityResponse({ description: 'No row is valid (INTAKE_NO_VALID_ROWS); the errors say why.' })
  upload(
    @CurrentActor() actor: Actor,
    @Body() dto: UploadIntakeListDto,
    @UploadedFile() file: UploadedSheet | undefined,
  ): Promise<IntakeImportResponse> {
    return this.intake.upload(actor, dto, file);
  }

  @Get()
  @ApiOperation({ summary: 'Intake lists of the facilities in your area, newest first' })
  @ApiPageResponse(IntakeListResponse)
  @ApiNotFoundResponse({ description: 'No such facility in your area.' })
  list(@CurrentActor() actor: Actor, @Query() query: ListIntakeListsDto): Promise<Page<IntakeListResponse>> {
    return this.intake.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An intake list with its rows and their status' })
  @ApiNotFoundResponse({ description: 'No such list in your area.' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<IntakeListDetailResponse> {
    return this.intake.get(actor, id);
  }

  @Post(':id/rows/:rowId/admit')
  @HttpCode(200)
  @Roles(Role.Admin, Role.CampManager)
  @ApiOperation({ summary: 'Admit the person of a row on arrival (the normal admission; idempotent)' })
  @ApiOkResponse({ type: IntakeRowResponse })
  @ApiNotFoundResponse({ description: 'No such list or row in your area.' })
  @ApiConflictResponse({ description: 'Row rejected, person already in quarantine, or bed taken.' })
  @ApiUnprocessableEntityResponse({ description: 'The admission was refused (facility not active, no policy, …).' })
  admit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('rowId', ParseUUIDPipe) rowId: string,
    @Body() dto: AdmitIntakeRowDto,
  ): Promise<IntakeRowResponse> {
    return this.intake.admit(actor, id, rowId, dto);
  }

  @Post(':id/rows/:rowId/reject')
  @HttpCode(200)
  @Roles(Role.Admin, Role.CampManager)
  @ApiOperation({ summary: 'Mark the person of a row as not arriving, with a reason' })
  @ApiOkResponse({ type: IntakeRowResponse })
  @ApiNotFoundResponse({ description: 'No such list or row in your area.' })
  @ApiConflictResponse({ description: 'Already admitted (INTAKE_ROW_ADMITTED).' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('rowId', ParseUUIDPipe) rowId: string,
    @Body() dto: RejectIntakeRowDto,
  ): Promise<IntakeRowResponse> {
    return this.intake.reject(actor, id, rowId, dto);
  }
}
