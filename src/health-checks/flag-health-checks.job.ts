import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { FlagResult, syncAlerts } from '../alerts/sync-alerts';
import { Environment } from '../config/environment';
import { clock, HealthRound, parseHealthRounds } from '../config/health-rounds';
import { FlagJob, FlagJobContext, RegisterFlagJob } from '../jobs/flag-job';
import { missedRoundKeySql, missedRoundsSql } from './health-checks.sql';

/**
 * health_check_missed: an open stay without a check in one of today's rounds that has ended (for
 * stays admitted before the round began). A late check for that round resolves it at once; the next
 * run resolves those of stays released meanwhile, and yesterday's when the day turns.
 */
@Injectable()
@RegisterFlagJob()
export class FlagHealthChecksJob implements FlagJob {
  readonly name = 'flag-health-checks';
  readonly cronSetting = 'JOB_CRON_FLAG_HEALTH_CHECKS';
  private readonly rounds: HealthRound[];

  constructor(config: ConfigService<Environment, true>) {
    this.rounds = parseHealthRounds(config.get('HEALTH_ROUNDS', { infer: true })).rounds;
  }

  run(manager: EntityManager, { timeZone }: FlagJobContext): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.HealthCheckMissed],
      `WITH missed AS MATERIALIZED (
         ${missedRoundsSql({ timeZone: '$1', day: '(now() AT TIME ZONE $1)::date', names: '$2', starts: '$3', ends: '$4' })}
       )
       SELECT 'health_check_missed' AS type,
              ${missedRoundKeySql('m.stay_id', 'm.round_date', 'm.round')} AS subject_key,
              m.facility_id, m.stay_id, m.round_date AS subject_date,
              format('%s (room %s, bed %s) has no health check in the %s round (%s) of %s.', p.full_name, r.code, b.code,
                     m.round, w.hours, m.round_date) AS message
         FROM missed m
         JOIN people p ON p.id = m.person_id
         JOIN rooms r ON r.id = m.room_id
         JOIN beds b ON b.id = m.bed_id
         JOIN unnest($2::text[], $5::text[]) AS w(name, hours) ON w.name = m.round`,
      [
        timeZone,
        this.rounds.map((r) => r.name),
        this.rounds.map((r) => r.startMinute),
        this.rounds.map((r) => r.endMinute),
        this.rounds.map((r) => `${clock(r.startMinute)}–${clock(r.endMinute - 1)}`),
      ],
    );
  }
}
