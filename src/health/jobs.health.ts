import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobsService } from '../jobs/jobs.service';

/** Down when a scheduled job has not succeeded for more than two of its intervals. */
@Injectable()
export class JobsHealthIndicator {
  constructor(
    private readonly jobs: JobsService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const check = this.indicator.check(key);
    try {
      const stale = (await this.jobs.list()).filter((j) => j.stale);
      if (stale.length === 0) return check.up();
      return check.down({
        stale: stale.map((j) => ({ name: j.name, cron: j.cron, lastSucceededAt: j.lastSucceededAt })),
      });
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }
}
