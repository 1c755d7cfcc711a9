import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { ScopeService, SqlCondition } from '../common/access/scope.service';
import { JobContext, JobDefinition, RegisterJob } from '../jobs/job-definition';
import { maskTail } from '../people/masking';
import { ReportsService } from '../reports/reports.service';
import { dailyReportRows, dailySeriesRows } from './daily-report-rows';
import { DailyReportExportFiltersDto } from './dto/export-filters.dto';
import { EXPORT_KINDS, ExportColumn, ExportKindDefinition, headers } from './export-kinds';
import { CellValue, ChunkSink, SheetWriter, sheetWriter } from './export-file';
import { Export } from './export.entity';
import { EXPORT_BATCH_ROWS, EXPORT_JOB, EXPORTS_QUEUE } from './exports.constants';

export interface ExportJobData {
  exportId: string;
}

export interface ExportJobResult {
  exportId: string;
  status: 'done' | 'skipped';
  rowCount: number;
  bytes: number;
}

const YES_NO = { vi: ['Có', 'Không'], en: ['Yes', 'No'] } as const;
const SEX = { vi: { male: 'Nam', female: 'Nữ' }, en: { male: 'Male', female: 'Female' } } as const;

/**
 * Writes one export's file: the rows the requester may see (their scope now, not at request time),
 * read through a cursor in batches and streamed into the database as CSV or XLSX. Safe to run twice:
 * a rerun starts the file over.
 */
@Injectable()
@RegisterJob()
export class ExportJob implements JobDefinition<ExportJobData, ExportJobResult> {
  readonly name = EXPORT_JOB;
  readonly queue = EXPORTS_QUEUE;
  readonly concurrency = 2;
  private readonly logger = new Logger(ExportJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly reports: ReportsService,
  ) {}

  async run({ exportId }: ExportJobData, context: JobContext): Promise<ExportJobResult> {
    // A run claims its export; a rerun of a running one (its worker died) starts the file over.
    const [claim]: { id: string }[] = await this.db.query(
      `WITH claimed AS (
         UPDATE exports SET status = 'running', started_at = now(), progress = 0, error = NULL
          WHERE id = $1 AND status IN ('queued', 'running') RETURNING id
       ) SELECT id FROM claimed`,
      [exportId],
    );
    const claimed = claim && (await this.db.manager.findOneByOrFail(Export, { id: exportId }));
    if (!claimed) return { exportId, status: 'skipped', rowCount: 0, bytes: 0 };
    try {
      const result = await this.write(claimed, context);
      await this.db.query(
        `UPDATE exports SET status = 'done', progress = 100, row_count = $2, byte_size = $3, finished_at = now() WHERE id = $1`,
        [exportId, result.rowCount, result.bytes],
      );
      return { exportId, status: 'done', ...result };
    } catch (err) {
      // The message names what failed, never row values.
      this.logger.warn(`export ${exportId} failed: ${(err as Error).message}`);
      await this.db.query(`DELETE FROM export_chunks WHERE export_id = $1`, [exportId]);
      await this.db.query(
        `UPDATE exports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
        [exportId, 'The export could not be written; please try again.'],
      );
      throw err;
    }
  }

  private async write(exp: Export, context: JobContext): Promise<{ rowCount: number; bytes: number }> {
    const kind = EXPORT_KINDS[exp.kind];
    const actor = await this.requester(exp.requestedBy);
    await this.db.query(`DELETE FROM export_chunks WHERE export_id = $1`, [exp.id]);
    const sink = new ChunkSink(this.db, exp.id);
    const writer = sheetWriter(exp.format, sink, kind.title[exp.lang], headers(kind.columns, exp.lang));
    let rowCount = 0;
    try {
      if (kind.query) {
        rowCount = await this.writeQueryRows(exp, kind, actor, writer, context);
      } else {
        const rows = await this.computedRows(exp, actor);
        for (const row of rows) await writer.addRow(cells(kind.columns, row, exp));
        rowCount = rows.length;
      }
    } catch (err) {
      sink.destroy();
      throw err;
    }
    await writer.finish();
    return { rowCount, bytes: sink.bytes };
  }

  /** A list's rows, in the requester's scope, through a cursor a batch at a time. */
  private async writeQueryRows(
    exp: Export,
    kind: ExportKindDefinition,
    actor: Actor,
    writer: SheetWriter,
    context: JobContext,
  ): Promise<number> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    let tzPlaceholder: string | undefined;
    const tz = () => (tzPlaceholder ??= param(context.timeZone));
    const facilities = this.scope.facilityCondition(actor, 'f');
    const area = this.areaCondition(kind.visibility ? kind.visibility(actor, facilities) : facilities, param);
    const sql = kind.query!.sql(area, exp.filters, param, tz);

    const runner = this.db.createQueryRunner('slave');
    await runner.connect();
    let rowCount = 0;
    try {
      // One snapshot for the count and the rows; the cursor hands them over a batch at a time.
      await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      const [{ total }] = await runner.query(`SELECT count(*)::int AS total FROM (${sql}) q`, params);
      await runner.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, params);
      let lastReported = -1;
      for (;;) {
        const rows: Record<string, unknown>[] = await runner.query(`FETCH ${EXPORT_BATCH_ROWS} FROM export_rows`);
        if (rows.length === 0) break;
        // Each row is let go once written: a batch held whole across the writer's waits lived long
        // enough to be promoted to V8's old generation, where it waited for a full GC as garbage.
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          delete rows[i];
          await writer.addRow(cells(kind.columns, row, exp));
        }
        rowCount += rows.length;
        const percent = total ? Math.min(99, Math.floor((100 * rowCount) / total)) : 99;
        if (percent !== lastReported) {
          lastReported = percent;
          await this.db.query(`UPDATE exports SET progress = $2 WHERE id = $1`, [exp.id, percent]);
          await context.progress(percent);
        }
      }
      await runner.query(`COMMIT`);
    } catch (err) {
      await runner.query(`ROLLBACK`).catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
    return rowCount;
  }

  /**
   * The daily report's rows, as GET /reports/daily (one day) or /reports/daily/series (a range) would
   * answer the requester: the same service, so the same numbers and the same scope.
   */
  private async computedRows(exp: Export, actor: Actor): Promise<Record<string, unknown>[]> {
    const filters = exp.filters as DailyReportExportFiltersDto;
    const adminUnitCode = filters.adminUnitCode;
    if (filters.from !== undefined && filters.to !== undefined) {
      return dailySeriesRows(await this.reports.series(actor, { adminUnitCode, from: filters.from, to: filters.to }), exp.lang);
    }
    return dailyReportRows(await this.reports.daily(actor, { adminUnitCode, date: filters.date }), exp.lang);
  }

  private async requester(userId: string): Promise<Actor> {
    const [user]: Actor[] = await this.db.query(
      `SELECT id, username, role, facility_id AS "facilityId", admin_unit_code AS "adminUnitCode"
         FROM users WHERE id = $1 AND active`,
      [userId],
    );
    if (!user) throw new Error('The requester of this export is no longer active.');
    return user;
  }

  /** The scope condition (on facilities `f`, and the kind's own tables), with its parameters made positional. */
  private areaCondition(condition: SqlCondition, param: (value: unknown) => string): string {
    return condition.sql.replace(/:(\w+)/g, (_, name: string) => param(condition.params[name]));
  }
}

/** One row's cells, in column order: personal data masked unless asked for, words in the export's language. */
export function cells(columns: ExportColumn[], row: Record<string, unknown>, exp: Pick<Export, 'lang' | 'includePersonalData'>): CellValue[] {
  return columns.map((c) => {
    const value = row[c.key];
    if (value === null || value === undefined) return null;
    if (c.personal && !exp.includePersonalData) return maskTail(String(value));
    if (typeof value === 'boolean') return YES_NO[exp.lang][value ? 0 : 1];
    if (c.key === 'sex') return SEX[exp.lang][value as 'male' | 'female'] ?? String(value);
    if (typeof value === 'number' || typeof value === 'string') return value;
    return String(value);
  });
}
