/** A run's result: the job's own fields (a flag job's raised and resolved, …) and how long it took. */
export class JobRunResultResponse {
  /** Flag jobs: alerts raised. */
  raised?: number;
  /** Flag jobs: alerts resolved. */
  resolved?: number;
  durationMs: number;
}

export class QueuedJobResponse {
  jobId: string;
  status: 'queued';
}

export class JobResponse {
  name: string;
  /** The Bull queue it runs on (as shown on the queue dashboard). */
  queue: string;
  /** Cron expression, in `timeZone` local time; null for a job that runs only when its feature asks. */
  cron: string | null;
  timeZone: string;
  lastStartedAt: Date | null;
  lastSucceededAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
  lastDurationMs: number | null;
  lastRaised: number | null;
  lastResolved: number | null;
  /** The last successful run's result, in the job's own shape. */
  lastResult: object | null;
  /** True when a scheduled job has not succeeded for more than two of its intervals. */
  stale: boolean;
}
