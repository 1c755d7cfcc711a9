import { BullModule } from '@nestjs/bull';
import { ExpressAdapter } from '@bull-board/express';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AlertsModule } from '../alerts/alerts.module';
import { FlagCapacityJob } from '../alerts/flags/flag-capacity.job';
import { FlagOverdueReleasesJob } from '../alerts/flags/flag-overdue-releases.job';
import { FlagTestsJob } from '../alerts/flags/flag-tests.job';
import { Environment } from '../config/environment';
import { FlagStaffingJob } from '../staffing/flag-staffing.job';
import { FlagHealthChecksJob } from '../health-checks/flag-health-checks.job';
import { HealthChecksModule } from '../health-checks/health-checks.module';
import { StaffingModule } from '../staffing/staffing.module';
import { FLAG_JOBS, FLAG_JOBS_QUEUE, FlagJob } from './flag-job';
import { FlagJobsProcessor } from './flag-jobs.processor';
import { JobsController } from './jobs.controller';
import { JobsScheduler } from './jobs.scheduler';
import { JobsService } from './jobs.service';
import { QueueDashboardAccess } from './queue-dashboard-access.middleware';

@Module({
  imports: [
    AlertsModule,
    StaffingModule,
    HealthChecksModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const url = config.get('REDIS_URL', { infer: true });
        return {
          prefix: config.get('REDIS_PREFIX', { infer: true }),
          // Bull's blocking and subscriber connections must retry forever; see Bull's docs on createClient.
          createClient: (type) =>
            new Redis(
              url,
              type === 'client'
                ? { maxRetriesPerRequest: 3 }
                : { maxRetriesPerRequest: null, enableReadyCheck: false },
            ),
        };
      },
    }),
    BullModule.registerQueue({ name: FLAG_JOBS_QUEUE }),
    BullBoardModule.forRoot({ route: '/admin/queues', adapter: ExpressAdapter, middleware: QueueDashboardAccess }),
    BullBoardModule.forFeature({ name: FLAG_JOBS_QUEUE, adapter: BullAdapter }),
  ],
  controllers: [JobsController],
  providers: [
    {
      provide: FLAG_JOBS,
      inject: [FlagTestsJob, FlagOverdueReleasesJob, FlagCapacityJob, FlagStaffingJob, FlagHealthChecksJob],
      useFactory: (...jobs: FlagJob[]) => jobs,
    },
    JobsService,
    JobsScheduler,
    FlagJobsProcessor,
  ],
  exports: [JobsService, JobsScheduler],
})
export class JobsModule {}
