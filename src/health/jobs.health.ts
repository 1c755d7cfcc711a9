import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobsScheduler } from '../jobs/jobs.scheduler';
import { JobsService } from '../jobs/jobs.service';

/**
 * Down (degraded: the API still serves) when a scheduled job is missing from Redis — lost with its
 * data and not yet re-registered — or has not succeeded for more than two of its intervals.
 */
@Injectable()
export class JobsHealthIndicator {
  constructor(
    private readonly jobs: JobsService,
    private readonly scheduler: JobsScheduler,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const check = this.indicator.check(key);
    try {
      const [missing, list] = await Promise.all([this.scheduler.missing(), this.jobs.list()]);
      const stale = list.filter((j) => j.stale);
      if (stale.length === 0 && missing.length === 0) return check.up();
      return check.down({
        degraded: true,
        ...(missing.length > 0 ? { missing } : {}),
        ...(stale.length > 0
          ? { stale: stale.map((j) => ({ name: j.name, cron: j.cron, lastSucceededAt: j.lastSucceededAt })) }
          : {}),
      });
    } catch (err) {
      return check.down({ degraded: true, message: (err as Error).message });
    }
  }
}
