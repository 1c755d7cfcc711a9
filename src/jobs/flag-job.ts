import { EntityManager } from 'typeorm';
import { FlagResult } from '../alerts/sync-alerts';
import { CRON_SETTINGS } from '../config/environment';

export interface FlagJobContext {
  /** The deployment's local time zone (TZ_DEFAULT): "today" and due dates are local days. */
  timeZone: string;
}

/**
 * A scheduled flag job: one set-based SQL pass over the whole database state, safe to run twice
 * or on two instances at once. The scheduler only triggers it; the work is `run`.
 */
export interface FlagJob {
  readonly name: string;
  /** The setting that holds its cron schedule. */
  readonly cronSetting: (typeof CRON_SETTINGS)[number];
  run(manager: EntityManager, context: FlagJobContext): Promise<FlagResult>;
}

/** Injection token for the list of every flag job. */
export const FLAG_JOBS = Symbol('FLAG_JOBS');

export const FLAG_JOBS_QUEUE = 'flag-jobs';
