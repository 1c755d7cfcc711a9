import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bull';
import { Lifecycle } from '../common/lifecycle/lifecycle.service';
import { Environment } from '../config/environment';
import { FLAG_JOBS_QUEUE } from './flag-job';
import { JobsService } from './jobs.service';

const STARTUP_WAIT_MS = 5_000;
const CHECK_TIMEOUT_MS = 1_500;

/**
 * Keeps the repeatable jobs registered in Redis equal to the configured schedules. Bull stores
 * repeatables in Redis only: if Redis loses its data they are gone, and a changed cron leaves the old
 * schedule behind. So the set is reconciled at start-up, whenever the Redis connection comes back, and
 * periodically. Adding the same repeatable from several instances yields one job per tick.
 */
@Injectable()
export class JobsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobsScheduler.name);
  private timer?: NodeJS.Timeout;
  private readonly onReady = () => void this.reconcileQuietly();

  constructor(
    private readonly jobs: JobsService,
    @InjectQueue(FLAG_JOBS_QUEUE) private readonly queue: Queue,
    private readonly config: ConfigService<Environment, true>,
    lifecycle: Lifecycle,
  ) {
    // Without a listener an 'error' event would crash the process; Redis outages are expected.
    this.queue.on('error', (err) => this.logger.warn(`job queue: ${err.message}`));
    lifecycle.onDrain('job worker', () => this.stopTakingJobs());
  }

  get enabled(): boolean {
    return this.config.get('JOBS_SCHEDULER_ENABLED', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    // Don't hold start-up hostage to Redis: the API serves without it, and the next check catches up.
    await Promise.race([this.reconcileQuietly(), new Promise((r) => setTimeout(r, STARTUP_WAIT_MS).unref())]);
    this.queue.client.on('ready', this.onReady);
    this.timer = setInterval(
      () => void this.reconcileQuietly(),
      this.config.get('JOBS_RECONCILE_INTERVAL_SECONDS', { infer: true }) * 1000,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopScheduling();
  }

  /**
   * On shutdown: stop reconciling, and stop this process's worker from taking jobs; resolves when the
   * jobs it is running have finished. Other instances keep taking the queue's jobs.
   */
  async stopTakingJobs(): Promise<void> {
    this.stopScheduling();
    await this.queue.pause(true);
  }

  /**
   * The configured schedules that have no repeatable job in Redis (lost with Redis's data, not yet
   * re-registered); throws when Redis does not answer in time. Empty when the scheduler is off.
   */
  async missing(): Promise<string[]> {
    if (!this.enabled) return [];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the job queue (Redis) did not answer in time')), CHECK_TIMEOUT_MS);
    });
    try {
      const existing = await Promise.race([this.queue.getRepeatableJobs(), timeout]);
      return this.jobs
        .schedules()
        .filter((w) => !existing.some((j) => j.name === w.name && j.cron === w.cron && j.tz === w.timeZone))
        .map((w) => w.name);
    } finally {
      clearTimeout(timer);
    }
  }

  private stopScheduling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.queue.client.off('ready', this.onReady);
  }

  /** Adds missing repeatables and removes those no longer configured; returns what changed. */
  async reconcile(): Promise<{ added: string[]; removed: string[] }> {
    const wanted = this.jobs.schedules();
    const existing = await this.queue.getRepeatableJobs();
    const removed: string[] = [];
    for (const job of existing) {
      const keep = wanted.some((w) => w.name === job.name && w.cron === job.cron && w.timeZone === job.tz);
      if (!keep) {
        await this.queue.removeRepeatableByKey(job.key);
        removed.push(`${job.name} (${job.cron})`);
      }
    }
    const added: string[] = [];
    for (const w of wanted) {
      const present = existing.some((j) => j.name === w.name && j.cron === w.cron && j.tz === w.timeZone);
      if (!present) {
        await this.queue.add(w.name, { trigger: 'schedule' }, {
          repeat: { cron: w.cron, tz: w.timeZone },
          removeOnComplete: 50,
          removeOnFail: 50,
        });
        added.push(`${w.name} (${w.cron})`);
      }
    }
    if (added.length || removed.length) {
      this.logger.log(`repeatable jobs reconciled: added [${added.join(', ')}], removed [${removed.join(', ')}]`);
    }
    return { added, removed };
  }

  private async reconcileQuietly(): Promise<void> {
    try {
      await this.reconcile();
    } catch (err) {
      this.logger.warn(`could not reconcile repeatable jobs yet: ${(err as Error).message}`);
    }
  }
}
