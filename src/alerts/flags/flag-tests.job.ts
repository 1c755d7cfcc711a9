import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlagJob, FlagJobContext, RegisterFlagJob } from '../../jobs/flag-job';
import { AlertType } from '../alert.entity';
import { FlagResult, syncAlerts } from '../sync-alerts';

/**
 * test_due: a scheduled test's local due date is today and no sample has been taken in the current
 * period; test_overdue: the date has passed. A sample taken resolves the alert on the next run.
 */
@Injectable()
@RegisterFlagJob()
export class FlagTestsJob implements FlagJob {
  readonly name = 'flag-tests';
  readonly cronSetting = 'JOB_CRON_FLAG_TESTS';

  run(manager: EntityManager, { timeZone }: FlagJobContext): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.TestDue, AlertType.TestOverdue],
      // First the (stay, test day) pairs that are due and have no sample — a hash anti-join over all
      // open stays — and only then the names for the message, for those pairs alone. A day is due once
      // the period started before the end of its due date, a timestamp worked out once per policy day
      // rather than a local date per stay and day.
      `WITH today AS (SELECT (now() AT TIME ZONE $1)::date AS d),
       policy_days AS MATERIALIZED (
         SELECT qp.id AS policy_id, day, ((today.d + 2 - day)::timestamp AT TIME ZONE $1) AS due_if_started_before
           FROM quarantine_policies qp CROSS JOIN unnest(qp.test_days) AS day CROSS JOIN today
       ),
       missing AS MATERIALIZED (
         SELECT s.id, s.facility_id, s.person_id, s.room_id, s.bed_id, pd.day,
                (s.period_start_at AT TIME ZONE $1)::date + pd.day - 1 AS due_date
           FROM stays s
           JOIN policy_days pd ON pd.policy_id = s.policy_id AND s.period_start_at < pd.due_if_started_before
          WHERE s.status = 'admitted'
            AND NOT EXISTS (
              SELECT 1 FROM test_samples t
               WHERE t.stay_id = s.id AND t.scheduled_day = pd.day AND t.sampled_at >= s.period_start_at
            )
       )
       SELECT CASE WHEN m.due_date = today.d THEN 'test_due' ELSE 'test_overdue' END AS type,
              'stay:' || m.id || ':day:' || m.day || ':' || m.due_date AS subject_key,
              m.facility_id, m.id AS stay_id, m.due_date AS subject_date,
              format('Day %s test of %s (room %s, bed %s) %s.', m.day, p.full_name, r.code, b.code,
                     CASE WHEN m.due_date = today.d THEN 'is due today'
                          ELSE 'was due on ' || m.due_date || ' and has not been taken' END) AS message
         FROM missing m
         JOIN people p ON p.id = m.person_id
         JOIN rooms r ON r.id = m.room_id
         JOIN beds b ON b.id = m.bed_id
        CROSS JOIN today`,
      [timeZone],
    );
  }
}
