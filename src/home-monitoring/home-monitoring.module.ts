import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { FlagHomeMonitoringJob } from './flag-home-monitoring.job';
import { HomeMonitoringController } from './home-monitoring.controller';
import { HomeMonitoringService } from './home-monitoring.service';

/** The home-monitoring hand-off after release. Owns home_monitoring_checks. */
@Module({
  controllers: [HomeMonitoringController],
  providers: [HomeMonitoringService, IdempotencyService, FlagHomeMonitoringJob],
})
export class HomeMonitoringModule {}
