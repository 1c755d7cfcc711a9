import { getQueueToken } from '@nestjs/bull';
import {
  GatewayTimeoutException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleInit,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, JobOptions, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { Environment } from '../config/environment';
import { JobResponse, JobRunResultResponse, QueuedJobResponse } from './dto/job.response';
import { FLAG_JOBS_QUEUE, FlagJob, RegisterFlagJob } from './flag-job';
import { JobContext, JobDefinition, JobTrigger, RegisterJob } from './job-definition';
import { JobRun } from './job-run.entity';
import { isStale } from './staleness';

export interface JobSchedule {
  name: string;
  queue: string;
  cron: string;
  timeZone: string;
}

/** What a queued run carries: why it runs, and the job's own input. */
export interface QueuedRun<TData = unknown> {
  trigger: JobTrigger;
  data?: TData;
}

type AnyJob = JobDefinition<any, object>;

/** The time of the tick a repeatable job was created for (Bull's prevMillis); none for other runs. */
function scheduledTick(job?: Job): Date | undefined {
  const millis = (job?.opts as { prevMillis?: number } | undefined)?.prevMillis;
  return job?.opts.repeat && millis ? new Date(millis) : undefined;
}

const QUEUE_TIMEOUT_MS = 5_000;
const WAIT_TIMEOUT_MS = 30_000;

function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The job engine: finds every job the features registered (@RegisterJob, @RegisterFlagJob), takes
 * their runs off their queues, records each run in job_runs and lists them all.
 */
@Injectable()
export class JobsService implements OnModuleInit {
  private readonly logger = new Logger(JobsService.name);
  private readonly startedAt = new Date();
  private readonly timeZone: string;
  private jobs: AnyJob[] = [];
  private flagJobs: FlagJob[] = [];
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly audit: AuditService,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  onModuleInit(): void {
    const found = <T>(decorator: { KEY: string }) =>
      this.discovery
        .getProviders({ metadataKey: decorator.KEY })
        .map((w) => w.instance as T)
        .filter(Boolean);
    this.flagJobs = found<FlagJob>(RegisterFlagJob);
    this.jobs = [...this.flagJobs.map((job) => this.asJob(job)), ...found<AnyJob>(RegisterJob)].sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set<string>();
    for (const job of this.jobs) {
      if (names.has(job.name)) throw new Error(`Two jobs are registered as "${job.name}".`);
      names.add(job.name);
    }
    for (const name of new Set(this.jobs.map((j) => j.queue))) {
      const queue = this.queue(name);
      // Without a listener an 'error' event would crash the process; Redis outages are expected.
      queue.on('error', (err) => this.logger.warn(`job queue ${name}: ${err.message}`));
      const concurrency = Math.max(1, ...this.jobs.filter((j) => j.queue === name).map((j) => j.concurrency ?? 1));
      queue
        .process('*', concurrency, (job: Job<QueuedRun>) => this.execute(job.name, job.data, job))
        .catch((err: Error) => this.logger.warn(`job queue ${name} stopped processing: ${err.message}`));
    }
  }

  /** The Bull queue of that name, registered by the feature that owns it (jobQueue()). */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      try {
        queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      } catch {
        throw new Error(`A job runs on the queue "${name}", but no module registers it: add jobQueue("${name}") to its imports.`);
      }
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The registered flag jobs themselves (for benchmarks that look inside a pass). */
  registeredFlagJobs(): readonly FlagJob[] {
    return this.flagJobs;
  }

  /** Every queue with at least one job on it. */
  queueNames(): string[] {
    return [...new Set(this.jobs.map((j) => j.queue))];
  }

  schedules(): JobSchedule[] {
    return this.jobs
      .filter((j) => j.cronSetting)
      .map((j) => ({
        name: j.name,
        queue: j.queue,
        cron: this.config.get(j.cronSetting!, { infer: true }),
        timeZone: this.timeZone,
      }));
  }

  /** Runs one job now, in this process, and records the run in job_runs. */
  async execute(name: string, run: QueuedRun = { trigger: 'manual' }, bullJob?: Job): Promise<JobRunResultResponse> {
    const job = this.find(name);
    // A scheduled tick runs once, whatever the queue does (a stalled job handed out again, two
    // workers racing): the primary key of job_ticks lets only the first run of a tick through.
    const tick = scheduledTick(bullJob);
    if (tick && !(await this.claimTick(name, tick))) {
      this.logger.log(`${name}: the tick of ${tick.toISOString()} already ran; skipped`);
      return { raised: 0, resolved: 0, durationMs: 0, skipped: true } as unknown as JobRunResultResponse;
    }
    const started = new Date();
    await this.record(name, { lastStartedAt: started });
    const context: JobContext = {
      timeZone: this.timeZone,
      trigger: run.trigger,
      progress: async (percent) => {
        await bullJob?.progress(Math.max(0, Math.min(100, Math.round(percent))));
      },
    };
    try {
      const result = await job.run(run.data, context);
      const durationMs = Date.now() - started.getTime();
      const counts = result as Partial<Record<'raised' | 'resolved', unknown>>;
      await this.record(name, {
        lastSucceededAt: new Date(),
        lastDurationMs: durationMs,
        lastRaised: typeof counts.raised === 'number' ? counts.raised : null,
        lastResolved: typeof counts.resolved === 'number' ? counts.resolved : null,
        lastResult: result,
        lastError: null,
      });
      return { ...result, durationMs } as JobRunResultResponse;
    } catch (err) {
      await this.record(name, { lastFailedAt: new Date(), lastError: (err as Error).message }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Puts a run of a job on its queue (any instance may take it). Features use this for work a request
   * asks for (`trigger: 'request'`, with the job's data); `options.jobId` makes a second add of the same
   * run a no-op.
   */
  async enqueue<TData>(name: string, data: TData, options: JobOptions = {}): Promise<Job<QueuedRun<TData>>> {
    const job = this.find(name);
    const unreachable = () =>
      new ServiceUnavailableException({
        code: ErrorCode.JOB_QUEUE_UNAVAILABLE,
        message: 'The job queue (Redis) is not reachable right now; please try again shortly.',
      });
    return within(
      this.queue(job.queue).add(name, { trigger: 'request', data }, { removeOnComplete: 100, removeOnFail: 100, ...options }),
      QUEUE_TIMEOUT_MS,
      unreachable,
    ).catch((err: unknown) => {
      // Whether ioredis gives up at once or the add hangs, the client hears the same thing.
      throw err instanceof ServiceUnavailableException ? err : unreachable();
    });
  }

  /**
   * An admin's "run now" of a scheduled job; if asked, waits for its result. Asked for by a user
   * (`requestedBy`), the request is in the audit log; what the run then changes is the system's own work.
   */
  async runNow(name: string, wait: boolean, requestedBy?: Actor): Promise<JobRunResultResponse | QueuedJobResponse> {
    const job = this.find(name);
    if (!job.cronSetting) {
      throw new UnprocessableEntityException({
        code: ErrorCode.JOB_NOT_RUNNABLE_BY_HAND,
        message: `The ${name} job runs only when its feature asks for it (it needs input), not by hand.`,
      });
    }
    if (requestedBy) {
      await this.audit.record(this.db.manager, {
        actorId: requestedBy.id,
        action: 'job.run_requested',
        entityType: 'job',
        entityId: name,
        after: { wait },
      });
    }
    const unreachable = () =>
      new ServiceUnavailableException({
        code: ErrorCode.JOB_QUEUE_UNAVAILABLE,
        message: 'The job queue (Redis) is not reachable right now; please try again shortly.',
      });
    const queued = await within(
      this.queue(job.queue).add(name, { trigger: 'manual' } satisfies QueuedRun, { removeOnComplete: 100, removeOnFail: 100 }),
      QUEUE_TIMEOUT_MS,
      unreachable,
    ).catch((err: unknown) => {
      throw err instanceof ServiceUnavailableException ? err : unreachable();
    });
    if (!wait) return { jobId: String(queued.id), status: 'queued' };
    return within(
      queued.finished() as Promise<JobRunResultResponse>,
      WAIT_TIMEOUT_MS,
      () =>
        new GatewayTimeoutException({
          code: ErrorCode.JOB_STILL_RUNNING,
          message: `The ${name} run (job ${queued.id}) is still going after 30 s; check GET /api/v1/jobs later.`,
        }),
    );
  }

  async list(): Promise<JobResponse[]> {
    const runs = new Map((await this.db.manager.find(JobRun)).map((r) => [r.jobName, r]));
    const now = new Date();
    const schedules = new Map(this.schedules().map((s) => [s.name, s]));
    return this.jobs.map((job) => {
      const run = runs.get(job.name);
      const schedule = schedules.get(job.name);
      return {
        name: job.name,
        queue: job.queue,
        cron: schedule?.cron ?? null,
        timeZone: this.timeZone,
        lastStartedAt: run?.lastStartedAt ?? null,
        lastSucceededAt: run?.lastSucceededAt ?? null,
        lastFailedAt: run?.lastFailedAt ?? null,
        lastError: run?.lastError ?? null,
        lastDurationMs: run?.lastDurationMs ?? null,
        lastRaised: run?.lastRaised ?? null,
        lastResolved: run?.lastResolved ?? null,
        lastResult: run?.lastResult ?? null,
        stale: schedule ? isStale(schedule.cron, schedule.timeZone, run?.lastSucceededAt ?? null, this.startedAt, now) : false,
      };
    });
  }

  /**
   * A flag job as a job of the engine: its pass runs in one transaction, and an advisory lock makes
   * runs of the same job wait for each other across instances, so two overlapping runs never work
   * from different snapshots.
   */
  private asJob(flag: FlagJob): JobDefinition<unknown, { raised: number; resolved: number }> {
    return {
      name: flag.name,
      queue: FLAG_JOBS_QUEUE,
      cronSetting: flag.cronSetting,
      run: (_data, { timeZone }) =>
        this.db.transaction(async (manager) => {
          await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cachly:job:${flag.name}`]);
          // A flag pass reads whole tables, so its estimated cost passes PostgreSQL's JIT thresholds, and
          // compiling it costs more than it saves: up to a second per run at 200,000 stays. Its hash joins
          // (every open stay against every test sample) fit in 32 MB instead of spilling to disk in
          // batches. One job runs at a time per job name. Measured with bench/jobs.ts.
          await manager.query(`SET LOCAL jit = off`);
          await manager.query(`SET LOCAL work_mem = '32MB'`);
          return flag.run(manager, { timeZone });
        }),
    };
  }

  /** Records that this tick ran; false when it already has. Ticks older than a week are forgotten. */
  async claimTick(name: string, tick: Date): Promise<boolean> {
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO job_ticks (job_name, tick_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [name, tick],
    );
    await this.db.query(`DELETE FROM job_ticks WHERE job_name = $1 AND tick_at < now() - interval '7 days'`, [name]);
    return claimed.length > 0;
  }

  private find(name: string): AnyJob {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) {
      throw new NotFoundException({
        code: ErrorCode.NOT_FOUND,
        message: `There is no job called "${name}". Jobs: ${this.jobs.map((j) => j.name).join(', ')}.`,
      });
    }
    return job;
  }

  private async record(name: string, fields: Partial<JobRun>): Promise<void> {
    await this.db.manager.upsert(JobRun, { jobName: name, ...fields }, ['jobName']);
  }
}
