import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobDefinition, RegisterJob } from '../jobs/job-definition';
import { EXPORTS_CLEANUP_JOB, EXPORTS_QUEUE } from './exports.constants';

export interface ExportsCleanupResult {
  expired: number;
}

/**
 * Removes the files of exports past their expiry (EXPORT_TTL_HOURS after they were asked for) and
 * marks them expired; the export's record stays, for its requester's list. One statement: the
 * chunks go with the status change, and a second run finds nothing left to do.
 */
@Injectable()
@RegisterJob()
export class ExportsCleanupJob implements JobDefinition<void, ExportsCleanupResult> {
  readonly name = EXPORTS_CLEANUP_JOB;
  readonly queue = EXPORTS_QUEUE;
  readonly cronSetting = 'JOB_CRON_EXPORTS_CLEANUP';

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run(): Promise<ExportsCleanupResult> {
    const [row]: { expired: number }[] = await this.db.query(
      `WITH due AS (
         UPDATE exports
            SET status = 'expired', progress = CASE WHEN status = 'done' THEN 100 ELSE progress END,
                finished_at = COALESCE(finished_at, now()),
                error = CASE WHEN status IN ('queued', 'running') THEN 'Expired before it finished.' ELSE error END
          WHERE expires_at <= now() AND status <> 'expired'
          RETURNING id
       ), removed AS (
         DELETE FROM export_chunks c USING due WHERE c.export_id = due.id
       )
       SELECT count(*)::int AS expired FROM due`,
    );
    return { expired: row.expired };
  }
}
