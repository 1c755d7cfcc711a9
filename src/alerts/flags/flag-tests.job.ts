import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlagJob, FlagJobContext } from '../../jobs/flag-job';
import { AlertType } from '../alert.entity';
import { FlagResult, syncAlerts } from '../sync-alerts';

/**
 * test_due: a scheduled test's local due date is today and no sample has been taken in the current
 * period; test_overdue: the date has passed. A sample taken resolves the alert on the next run.
 */
@Injectable()
export class FlagTestsJob implements FlagJob {
  readonly name = 'flag-tests';
  readonly cronSetting = 'JOB_CRON_FLAG_TESTS';

  run(manager: EntityManager, { timeZone }: FlagJobContext): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.TestDue, AlertType.TestOverdue],
      `SELECT CASE WHEN due.due_date = today.d THEN 'test_due' ELSE 'test_overdue' END AS type,
              'stay:' || s.id || ':day:' || due.day || ':' || due.due_date AS subject_key,
              s.facility_id, s.id AS stay_id, due.due_date AS subject_date,
              format('Day %s test of %s (room %s, bed %s) %s.', due.day, p.full_name, r.code, b.code,
                     CASE WHEN due.due_date = today.d THEN 'is due today'
                          ELSE 'was due on ' || due.due_date || ' and has not been taken' END) AS message
         FROM stays s
         JOIN quarantine_policies qp ON qp.id = s.policy_id
         JOIN people p ON p.id = s.person_id
         JOIN rooms r ON r.id = s.room_id
         JOIN beds b ON b.id = s.bed_id
        CROSS JOIN (SELECT (now() AT TIME ZONE $1)::date AS d) today
        CROSS JOIN LATERAL (
          SELECT day, (s.period_start_at AT TIME ZONE $1)::date + day - 1 AS due_date FROM unnest(qp.test_days) AS day
        ) due
        WHERE s.status = 'admitted'
          AND due.due_date <= today.d
          AND NOT EXISTS (
            SELECT 1 FROM test_samples t
             WHERE t.stay_id = s.id AND t.scheduled_day = due.day AND t.sampled_at >= s.period_start_at
          )`,
      [timeZone],
    );
  }
}
