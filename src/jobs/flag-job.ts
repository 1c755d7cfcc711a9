import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { FlagResult } from '../alerts/sync-alerts';
import { CronSetting } from './job-definition';

export interface FlagJobContext {
  /** The deployment's local time zone (TZ_DEFAULT): "today" and due dates are local days. */
  timeZone: string;
}

/**
 * A scheduled flag job: one set-based SQL pass over the whole database state, safe to run twice
 * or on two instances at once. The scheduler only triggers it; the work is `run`, inside a transaction
 * the jobs module opens (one run per job name at a time, across instances).
 *
 * To add one: implement this interface on a provider of your feature's module and decorate the class
 * with `@RegisterFlagJob()`; give it a cron setting in config/environment.ts (and CRON_SETTINGS).
 */
export interface FlagJob {
  readonly name: string;
  /** The setting that holds its cron schedule. */
  readonly cronSetting: CronSetting;
  run(manager: EntityManager, context: FlagJobContext): Promise<FlagResult>;
}

/** Marks a provider implementing FlagJob as a flag job (runs on the flag-jobs queue). */
export const RegisterFlagJob = DiscoveryService.createDecorator<void>();

export const FLAG_JOBS_QUEUE = 'flag-jobs';
