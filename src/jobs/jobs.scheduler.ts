import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Lifecycle } from '../common/lifecycle/lifecycle.service';
import { Environment } from '../config/environment';
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
    private readonly config: ConfigService<Environment, true>,
    lifecycle: Lifecycle,
  ) {
    lifecycle.onDrain('job workers', () => this.stopTakingJobs());
  }

  get enabled(): boolean {
    return this.config.get('JOBS_SCHEDULER_ENABLED', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    // Don't hold start-up hostage to Redis: the API serves without it, and the next check catches up.
    await Promise.race([this.reconcileQuietly(), new Promise((r) => setTimeout(r, STARTUP_WAIT_MS).unref())]);
    for (const name of this.jobs.queueNames()) this.jobs.queue(name).client.on('ready', this.onReady);
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
    await Promise.all(
      this.jobs.queueNames().map(async (name) => {
        const queue = this.jobs.queue(name);
        // Paused without waiting first, which aborts the blocking fetch at once (a job added meanwhile
        // stays queued for another instance); then the jobs already running are waited for.
        await queue.pause(true, true);
        await queue.whenCurrentJobsFinished();
      }),
    );
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
      const names = this.jobs.queueNames();
      const registered = await Promise.race([Promise.all(names.map((n) => this.jobs.queue(n).getRepeatableJobs())), timeout]);
      return this.jobs
        .schedules()
        .filter((w) => {
          const existing = registered[names.indexOf(w.queue)] ?? [];
          return !existing.some((j) => j.name === w.name && j.cron === w.cron && j.tz === w.timeZone);
        })
        .map((w) => w.name);
    } finally {
      clearTimeout(timer);
    }
  }

  private stopScheduling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const name of this.jobs.queueNames()) this.jobs.queue(name).client.off('ready', this.onReady);
  }

  /** Adds missing repeatables and removes those no longer configured, on every job queue; returns what changed. */
  async reconcile(): Promise<{ added: string[]; removed: string[] }> {
    const added: string[] = [];
    const removed: string[] = [];
    const schedules = this.jobs.schedules();
    for (const queueName of this.jobs.queueNames()) {
      const queue = this.jobs.queue(queueName);
      const wanted = schedules.filter((s) => s.queue === queueName);
      const existing = await queue.getRepeatableJobs();
      for (const job of existing) {
        const keep = wanted.some((w) => w.name === job.name && w.cron === job.cron && w.timeZone === job.tz);
        if (!keep) {
          await queue.removeRepeatableByKey(job.key);
          removed.push(`${job.name} (${job.cron})`);
        }
      }
      for (const w of wanted) {
        const present = existing.some((j) => j.name === w.name && j.cron === w.cron && j.tz === w.timeZone);
        if (!present) {
          await queue.add(w.name, { trigger: 'schedule' }, {
            repeat: { cron: w.cron, tz: w.timeZone },
            removeOnComplete: 50,
            removeOnFail: 50,
          });
          added.push(`${w.name} (${w.cron})`);
        }
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
