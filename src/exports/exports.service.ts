import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { offsetOf, Page, PageQueryDto, pageOf } from '../common/pagination/pagination';
import { createValidationPipe } from '../common/validation/validation';
import { Environment } from '../config/environment';
import { JobsService } from '../jobs/jobs.service';
import { Role } from '../users/user.entity';
import { CreateExportDto } from './dto/create-export.dto';
import { AreaFiltersDto, DailyReportExportFiltersDto } from './dto/export-filters.dto';
import { ReportsService } from '../reports/reports.service';
import { ExportResponse, QueuedExportResponse } from './dto/export.response';
import { EXPORT_KINDS } from './export-kinds';
import { chunkReader } from './export-file';
import { Export, ExportFormat, ExportStatus } from './export.entity';
import { ExportJobData } from './export.job';
import { EXPORT_JOB } from './exports.constants';
import { CONTENT_TYPES } from './file-name';

export interface ExportFile {
  stream: Readable;
  fileName: string;
  contentType: string;
  length: number;
}

@Injectable()
export class ExportsService {
  private readonly filtersPipe = createValidationPipe();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly config: ConfigService<Environment, true>,
    private readonly reports: ReportsService,
  ) {}

  /** Records the export, audits it, and puts its job on the exports queue. */
  async create(actor: Actor, dto: CreateExportDto): Promise<QueuedExportResponse> {
    const kind = EXPORT_KINDS[dto.kind];
    if (dto.includePersonalData && actor.role !== Role.Admin) {
      throw new ForbiddenException({
        code: ErrorCode.PERSONAL_DATA_ADMIN_ONLY,
        message: 'Only an admin can export national ID numbers and phones unmasked.',
      });
    }
    const filters: AreaFiltersDto = await this.filtersPipe.transform(dto.filters ?? {}, { type: 'body', metatype: kind.filters });
    await this.assertFiltersInScope(actor, filters);
    if (kind.computed === 'daily-report') await this.checkDailyReport(actor, filters as DailyReportExportFiltersDto);

    const lang = dto.lang ?? 'vi';
    const now = new Date();
    const ttlHours = this.config.get('EXPORT_TTL_HOURS', { infer: true });
    const stamp = localStamp(now, this.config.get('TZ_DEFAULT', { infer: true }));
    const exp = await this.db.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Export, {
          requestedBy: actor.id,
          kind: dto.kind,
          format: dto.format,
          lang,
          filters: { ...filters },
          includePersonalData: dto.includePersonalData ?? false,
          fileName: `${kind.title[lang]} ${stamp}.${dto.format}`,
          expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
        }),
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: saved.includePersonalData ? 'export.requested_with_personal_data' : 'export.requested',
        entityType: 'export',
        entityId: saved.id,
        after: { kind: saved.kind, format: saved.format, filters: saved.filters, includePersonalData: saved.includePersonalData },
      });
      return saved;
    });
    try {
      await this.jobs.enqueue<ExportJobData>(EXPORT_JOB, { exportId: exp.id }, { jobId: `export:${exp.id}` });
    } catch (err) {
      await this.db.query(
        `UPDATE exports SET status = 'failed', error = 'The job queue was not reachable.', finished_at = now() WHERE id = $1`,
        [exp.id],
      );
      throw err;
    }
    return { id: exp.id, status: ExportStatus.Queued };
  }

  /** The caller's own exports, newest first. */
  async list(actor: Actor, query: PageQueryDto): Promise<Page<ExportResponse>> {
    const [rows, total] = await this.db.manager.findAndCount(Export, {
      where: { requestedBy: actor.id },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map(toExportResponse), total, query);
  }

  async get(actor: Actor, id: string): Promise<ExportResponse> {
    return toExportResponse(await this.visible(actor, id));
  }

  async file(actor: Actor, id: string): Promise<ExportFile> {
    const exp = await this.visible(actor, id);
    if (exp.status === ExportStatus.Expired) {
      throw new GoneException({ code: ErrorCode.EXPORT_EXPIRED, message: 'This export has expired and its file was removed; export again.' });
    }
    if (exp.status !== ExportStatus.Done) {
      throw new ConflictException({
        code: ErrorCode.EXPORT_NOT_READY,
        message: exp.status === ExportStatus.Failed ? 'This export failed; export again.' : 'This export is not finished yet.',
      });
    }
    return {
      stream: chunkReader(this.db, exp.id),
      fileName: exp.fileName,
      contentType: CONTENT_TYPES[exp.format as ExportFormat],
      length: Number(exp.byteSize),
    };
  }

  /** Only the requester and admins see an export; for anyone else it does not exist. */
  private async visible(actor: Actor, id: string): Promise<Export> {
    const exp = await this.db.manager.findOneBy(Export, { id });
    if (!exp || (exp.requestedBy !== actor.id && actor.role !== Role.Admin)) {
      throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such export.' });
    }
    return exp;
  }

  /** The daily report's filters are refused now (4xx), as the report endpoints would, not when the job runs. */
  private async checkDailyReport(actor: Actor, filters: DailyReportExportFiltersDto): Promise<void> {
    if (filters.date !== undefined && filters.from !== undefined) {
      throw new BadRequestException({
        code: ErrorCode.VALIDATION_FAILED,
        message: 'Give either one day (date) or a range (from and to), not both.',
      });
    }
    await this.reports.checkRequest(actor, filters);
  }

  /** A filter on a facility or unit outside the caller's area is refused (403), as on the lists. */
  private async assertFiltersInScope(actor: Actor, filters: AreaFiltersDto): Promise<void> {
    if (filters.adminUnitCode) await this.scope.assertUnitInScope(actor, filters.adminUnitCode);
    if (filters.facilityId && !(await this.scope.isFacilityVisible(actor, filters.facilityId))) {
      throw new ForbiddenException({ code: ErrorCode.OUT_OF_SCOPE, message: 'That facility is outside your area.' });
    }
  }
}

export function toExportResponse(e: Export): ExportResponse {
  return {
    id: e.id,
    kind: e.kind,
    format: e.format,
    lang: e.lang,
    filters: e.filters,
    includePersonalData: e.includePersonalData,
    status: e.status,
    progress: e.progress,
    rowCount: e.rowCount,
    byteSize: e.byteSize === null ? null : Number(e.byteSize),
    fileName: e.fileName,
    createdAt: e.createdAt,
    finishedAt: e.finishedAt,
    expiresAt: e.expiresAt,
    ...(e.error ? { error: e.error } : {}),
  };
}

/** "2021-08-01 0930" in the deployment's time zone, for file names. */
function localStamp(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}${parts.minute}`;
}
