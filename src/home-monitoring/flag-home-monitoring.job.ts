import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { FlagResult, syncAlerts } from '../alerts/sync-alerts';
import { FlagJob, FlagJobContext, RegisterFlagJob } from '../jobs/flag-job';

/**
 * For people at home under monitoring today, addressed to the committee of their residence:
 * - post_release_test_due: a post-release test day (release day + N) has come without a test checked
 *   from the day before it on (the rule of postReleaseTestStates); resolved by such a check.
 * - home_monitoring_absent: the latest check found the person away; resolved by a later check.
 * Both end with the monitoring (they are no longer wanted the day after it).
 */
@Injectable()
@RegisterFlagJob()
export class FlagHomeMonitoringJob implements FlagJob {
  readonly name = 'flag-home-monitoring';
  readonly cronSetting = 'JOB_CRON_FLAG_HOME_MONITORING';

  run(manager: EntityManager, { timeZone }: FlagJobContext): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.PostReleaseTestDue, AlertType.HomeMonitoringAbsent],
      `WITH today AS (SELECT (now() AT TIME ZONE $1)::date AS d),
       monitored AS MATERIALIZED (
         SELECT s.id, s.facility_id, s.person_id, (s.released_at AT TIME ZONE $1)::date AS release_day,
                s.home_monitoring_until, qp.post_release_test_days
           FROM stays s JOIN quarantine_policies qp ON qp.id = s.policy_id CROSS JOIN today
          WHERE s.status = 'released' AND s.home_monitoring_until >= today.d
       ),
       tests_due AS (
         SELECT m.*, day, m.release_day + day AS due_date
           FROM monitored m CROSS JOIN unnest(m.post_release_test_days) AS day CROSS JOIN today
          WHERE m.release_day + day <= today.d
            AND NOT EXISTS (
              SELECT 1 FROM home_monitoring_checks c
               WHERE c.stay_id = m.id AND c.status IN ('tested_negative', 'tested_positive')
                 AND (c.at AT TIME ZONE $1)::date >= m.release_day + day - 1
            )
       ),
       absent AS (
         SELECT m.*, (last.at AT TIME ZONE $1)::date AS seen_day
           FROM monitored m
           JOIN LATERAL (SELECT c.status, c.at FROM home_monitoring_checks c
                          WHERE c.stay_id = m.id ORDER BY c.at DESC, c.created_at DESC LIMIT 1) last ON true
          WHERE last.status = 'absent'
       )
       SELECT 'post_release_test_due' AS type, 'stay:' || d.id || ':post_release_day:' || d.day AS subject_key,
              d.facility_id, d.id AS stay_id, d.due_date AS subject_date,
              format('%s (released on %s from %s) is due the day %s test after release since %s.', p.full_name,
                     d.release_day, f.name, d.day, d.due_date) AS message,
              p.residence_admin_unit_code
         FROM tests_due d JOIN people p ON p.id = d.person_id JOIN facilities f ON f.id = d.facility_id
       UNION ALL
       SELECT 'home_monitoring_absent', 'stay:' || a.id, a.facility_id, a.id, a.seen_day,
              format('%s (released on %s from %s) was not at home for the check of %s.', p.full_name, a.release_day,
                     f.name, a.seen_day),
              p.residence_admin_unit_code
         FROM absent a JOIN people p ON p.id = a.person_id JOIN facilities f ON f.id = a.facility_id`,
      [timeZone],
      { residence: true },
    );
  }
}
