import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JobsModule } from '../jobs/jobs.module';
import { HealthController } from './health.controller';
import { JobsHealthIndicator } from './jobs.health';
import { ReadinessIndicators } from './readiness.health';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), JobsModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, JobsHealthIndicator, ReadinessIndicators],
  exports: [RedisHealthIndicator],
})
export class HealthModule {}
