import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth/auth.decorators';
import { JobsHealthIndicator } from './jobs.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly jobs: JobsHealthIndicator,
  ) {}

  /** 200 when PostgreSQL and Redis answer and no scheduled job is stale; 503 naming the failing part otherwise. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
      () => this.jobs.isHealthy('jobs'),
    ]);
  }
}
