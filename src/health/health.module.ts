import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JobsModule } from '../jobs/jobs.module';
import { HealthController } from './health.controller';
import { JobsHealthIndicator } from './jobs.health';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), JobsModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, JobsHealthIndicator],
  exports: [RedisHealthIndicator],
})
export class HealthModule {}
