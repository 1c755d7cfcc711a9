export class JobRunResultResponse {
  raised: number;
  resolved: number;
  durationMs: number;
}

export class QueuedJobResponse {
  jobId: string;
  status: 'queued';
}

export class JobResponse {
  name: string;
  /** Cron expression, in `timeZone` local time. */
  cron: string;
  timeZone: string;
  lastStartedAt: Date | null;
  lastSucceededAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
  lastDurationMs: number | null;
  lastRaised: number | null;
  lastResolved: number | null;
  /** True when the job has not succeeded for more than two of its intervals. */
  stale: boolean;
}
