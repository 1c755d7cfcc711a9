import { Module } from '@nestjs/common';
import { jobQueue } from '../jobs/job-queue';
import { ReportsModule } from '../reports/reports.module';
import { ExportJob } from './export.job';
import { ExportsCleanupJob } from './exports-cleanup.job';
import { EXPORTS_QUEUE } from './exports.constants';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/**
 * Lists exported in the background as CSV or XLSX. Files are kept in the database (export_chunks):
 * with two or more instances, whichever took the job, any of them can serve the download, and no
 * shared disk is needed; the clean-up removes a file with one DELETE.
 */
@Module({
  imports: [...jobQueue(EXPORTS_QUEUE), ReportsModule],
  controllers: [ExportsController],
  providers: [ExportsService, ExportJob, ExportsCleanupJob],
})
export class ExportsModule {}
