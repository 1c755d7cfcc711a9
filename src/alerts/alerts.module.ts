import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { FlagCapacityJob } from './flags/flag-capacity.job';
import { FlagOverdueReleasesJob } from './flags/flag-overdue-releases.job';
import { FlagTestsJob } from './flags/flag-tests.job';

@Module({
  controllers: [AlertsController],
  providers: [AlertsService, FlagTestsJob, FlagOverdueReleasesJob, FlagCapacityJob],
  exports: [AlertsService, FlagTestsJob, FlagOverdueReleasesJob, FlagCapacityJob],
})
export class AlertsModule {}
