import { DiscoveryService } from '@nestjs/core';
import { CRON_SETTINGS } from '../config/environment';

export type CronSetting = (typeof CRON_SETTINGS)[number];

/** How a run came to be: a schedule's tick, an admin's "run now", or a feature asking for work. */
export type JobTrigger = 'schedule' | 'manual' | 'request';

export interface JobContext {
  /** The deployment's local time zone (TZ_DEFAULT): "today" and due dates are local days. */
  timeZone: string;
  trigger: JobTrigger;
  /** Reports progress (0–100) to the queue, where the dashboard shows it. */
  progress(percent: number): Promise<void>;
}

/**
 * Any background job: a name, the Bull queue it runs on, a schedule or none, typed input and a typed
 * result. The result is recorded in job_runs (last_result) and returned to whoever waits for the run.
 *
 * A feature registers its own jobs: implement this interface on a provider of the feature's module,
 * decorate it with `@RegisterJob()`, and register its queue with `jobQueue(name)` in the module's
 * imports. The jobs module finds every registered job at start-up; it imports no feature.
 */
export interface JobDefinition<TData = void, TResult extends object = object> {
  readonly name: string;
  /** The Bull queue the job runs on (see jobQueue()). */
  readonly queue: string;
  /** The setting that holds its cron schedule; a job without one runs only when something enqueues it. */
  readonly cronSetting?: CronSetting;
  /** How many runs of this queue one instance takes at once (the highest of a queue's jobs wins); default 1. */
  readonly concurrency?: number;
  run(data: TData, context: JobContext): Promise<TResult>;
}

/** Marks a provider implementing JobDefinition as a job for the jobs module to run and list. */
export const RegisterJob = DiscoveryService.createDecorator<void>();
