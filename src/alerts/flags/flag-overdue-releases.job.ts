import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlagJob, FlagJobContext, RegisterFlagJob } from '../../jobs/flag-job';
import { AlertType } from '../alert.entity';
import { FlagResult, syncAlerts } from '../sync-alerts';
import { allScheduledTestsNegativeSql, openStaySql } from '../../stays/stay-sql';

/**
 * release_overdue: an open stay past its expected release time. release_ready: a stay whose period is
 * served and whose every scheduled test of the current period is negative (the same rule as release).
 * Both are keyed by the period, so a re-exposure that moves the release date starts a new alert.
 */
@Injectable()
@RegisterFlagJob()
export class FlagOverdueReleasesJob implements FlagJob {
  readonly name = 'flag-overdue-releases';
  readonly cronSetting = 'JOB_CRON_FLAG_OVERDUE_RELEASES';

  run(manager: EntityManager, { timeZone }: FlagJobContext): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.ReleaseOverdue, AlertType.ReleaseReady],
      `WITH due AS (
         SELECT s.id, s.facility_id, s.status, s.period_start_at, s.expected_release_at, qp.test_days,
                p.full_name, r.code AS room_code
           FROM stays s
           JOIN quarantine_policies qp ON qp.id = s.policy_id
           JOIN people p ON p.id = s.person_id
           JOIN rooms r ON r.id = s.room_id
          WHERE ${openStaySql('s')} AND s.expected_release_at <= now()
       )
       SELECT 'release_overdue' AS type,
              'stay:' || d.id || ':until:' || extract(epoch FROM d.expected_release_at)::bigint AS subject_key,
              d.facility_id, d.id AS stay_id, (d.expected_release_at AT TIME ZONE $1)::date AS subject_date,
              format('%s (room %s) was due for release on %s and is still here.', d.full_name, d.room_code,
                     to_char(d.expected_release_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI')) AS message
         FROM due d
        WHERE d.expected_release_at < now()
       UNION ALL
       SELECT 'release_ready',
              'stay:' || d.id || ':until:' || extract(epoch FROM d.expected_release_at)::bigint,
              d.facility_id, d.id, (d.expected_release_at AT TIME ZONE $1)::date,
              format('%s (room %s) has served the period with every test negative and can be released.',
                     d.full_name, d.room_code)
         FROM due d
        WHERE d.status = 'admitted'
          AND ${allScheduledTestsNegativeSql('d', 'd.test_days')}`,
      [timeZone],
    );
  }
}
