import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth/auth.decorators';
import { JobsHealthIndicator } from './jobs.health';
import { ReadinessIndicators } from './readiness.health';
import { RedisHealthIndicator } from './redis.health';

class LivenessResponse {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status: 'ok';
}

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly jobs: JobsHealthIndicator,
    private readonly readiness: ReadinessIndicators,
  ) {}

  /** 200 when PostgreSQL and Redis answer and the scheduled jobs are registered and not stale; 503 naming the failing part otherwise. */
  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Overall health: database, Redis and the scheduled jobs (for people and monitoring)',
    security: [],
  })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
      () => this.jobs.isHealthy('jobs'),
    ]);
  }

  /** Liveness: the process answers. Restart it only when this fails; it checks nothing else on purpose. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness probe: the process answers (no dependency is checked)', security: [] })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  /** Readiness: send traffic here only when the database and Redis answer, the schema is migrated and the process is not stopping. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness probe: database and Redis reachable, migrations done, not shutting down',
    security: [],
  })
  ready() {
    return this.health.check([
      () => this.readiness.notShuttingDown('shutdown'),
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
      () => this.readiness.migrations('migrations'),
    ]);
  }
}
