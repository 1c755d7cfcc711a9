import { InjectQueue } from '@nestjs/bull';
import { GatewayTimeoutException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { JobResponse, JobRunResultResponse, QueuedJobResponse } from './dto/job.response';
import { FLAG_JOBS, FLAG_JOBS_QUEUE, FlagJob } from './flag-job';
import { JobRun } from './job-run.entity';
import { isStale } from './staleness';
import { ErrorCode } from '../common/errors/error-codes';

export interface JobSchedule {
  name: string;
  cron: string;
  timeZone: string;
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

@Injectable()
export class JobsService {
  private readonly startedAt = new Date();
  private readonly timeZone: string;

  constructor(
    @Inject(FLAG_JOBS) private readonly jobs: FlagJob[],
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(FLAG_JOBS_QUEUE) private readonly queue: Queue,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  schedules(): JobSchedule[] {
    return this.jobs.map((j) => ({
      name: j.name,
      cron: this.config.get(j.cronSetting, { infer: true }),
      timeZone: this.timeZone,
    }));
  }

  /**
   * Runs one job now, in this process. An advisory lock makes runs of the same job wait for each
   * other across instances, so two overlapping runs never work from different snapshots.
   */
  async execute(name: string): Promise<JobRunResultResponse> {
    const job = this.find(name);
    const started = new Date();
    await this.record(name, { lastStartedAt: started });
    try {
      const result = await this.db.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cachly:job:${name}`]);
        // A flag pass reads whole tables, so its estimated cost passes PostgreSQL's JIT thresholds, and
        // compiling it costs more than it saves: up to a second per run at 200,000 stays. Its hash joins
        // (every open stay against every test sample) fit in 32 MB instead of spilling to disk in
        // batches. One job runs at a time per job name. Measured with bench/jobs.ts.
        await manager.query(`SET LOCAL jit = off`);
        await manager.query(`SET LOCAL work_mem = '32MB'`);
        return job.run(manager, { timeZone: this.timeZone });
      });
      const durationMs = Date.now() - started.getTime();
      await this.record(name, {
        lastSucceededAt: new Date(),
        lastDurationMs: durationMs,
        lastRaised: result.raised,
        lastResolved: result.resolved,
        lastError: null,
      });
      return { ...result, durationMs };
    } catch (err) {
      await this.record(name, { lastFailedAt: new Date(), lastError: (err as Error).message }).catch(() => undefined);
      throw err;
    }
  }

  /** Puts a run on the queue (any instance may take it) and, if asked, waits for its result. */
  async enqueue(name: string, wait: boolean): Promise<JobRunResultResponse | QueuedJobResponse> {
    this.find(name);
    const unreachable = () =>
      new ServiceUnavailableException({
        code: ErrorCode.JOB_QUEUE_UNAVAILABLE,
        message: 'The job queue (Redis) is not reachable right now; please try again shortly.',
      });
    const queued = await within(
      this.queue.add(name, { trigger: 'manual' }, { removeOnComplete: 100, removeOnFail: 100 }),
      QUEUE_TIMEOUT_MS,
      unreachable,
    ).catch((err: unknown) => {
      // Whether ioredis gives up at once or the add hangs, the client hears the same thing.
      throw err instanceof ServiceUnavailableException ? err : unreachable();
    });
    if (!wait) return { jobId: String(queued.id), status: 'queued' };
    return within(
      queued.finished() as Promise<JobRunResultResponse>,
      WAIT_TIMEOUT_MS,
      () => new GatewayTimeoutException(`The ${name} run (job ${queued.id}) is still going after 30 s; check GET /api/v1/jobs later.`),
    );
  }

  async list(): Promise<JobResponse[]> {
    const runs = new Map((await this.db.manager.find(JobRun)).map((r) => [r.jobName, r]));
    const now = new Date();
    return this.schedules().map((s) => {
      const run = runs.get(s.name);
      return {
        ...s,
        lastStartedAt: run?.lastStartedAt ?? null,
        lastSucceededAt: run?.lastSucceededAt ?? null,
        lastFailedAt: run?.lastFailedAt ?? null,
        lastError: run?.lastError ?? null,
        lastDurationMs: run?.lastDurationMs ?? null,
        lastRaised: run?.lastRaised ?? null,
        lastResolved: run?.lastResolved ?? null,
        stale: isStale(s.cron, s.timeZone, run?.lastSucceededAt ?? null, this.startedAt, now),
      };
    });
  }

  private find(name: string): FlagJob {
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
