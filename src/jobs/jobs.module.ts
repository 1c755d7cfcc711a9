import { BullModule } from '@nestjs/bull';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import Redis from 'ioredis';
import { Environment } from '../config/environment';
import { FLAG_JOBS_QUEUE } from './flag-job';
import { jobQueue } from './job-queue';
import { JobsController } from './jobs.controller';
import { JobsScheduler } from './jobs.scheduler';
import { JobsService } from './jobs.service';
import { QueueDashboardAccess } from './queue-dashboard-access.middleware';

/**
 * The job engine: Bull's connection, the queue dashboard, the flag-jobs queue, the scheduler and the
 * jobs API. It imports no feature: features register their jobs (@RegisterJob / @RegisterFlagJob on a
 * provider of their own module) and their queues (jobQueue()). Global, so a feature can enqueue work
 * through JobsService without importing it.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
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
    BullBoardModule.forRoot({ route: '/admin/queues', adapter: ExpressAdapter, middleware: QueueDashboardAccess }),
    ...jobQueue(FLAG_JOBS_QUEUE),
  ],
  controllers: [JobsController],
  providers: [JobsService, JobsScheduler],
  exports: [JobsService, JobsScheduler],
})
export class JobsModule {}
