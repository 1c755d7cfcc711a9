import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlagJob, FlagJobContext, RegisterFlagJob } from '../../jobs/flag-job';
import { AlertType } from '../alert.entity';
import { FlagResult, syncAlerts } from '../sync-alerts';
import { untakenTestsCtes } from '../../testing/untaken-tests.sql';

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
      // The untaken test days first (see untakenTestsCtes), then the names for those alone.
      `WITH today AS (SELECT (now() AT TIME ZONE $1)::date AS d),
       ${untakenTestsCtes({ timeZone: '$1', day: '(now() AT TIME ZONE $1)::date' })}
       SELECT CASE WHEN m.due_date = today.d THEN 'test_due' ELSE 'test_overdue' END AS type,
              'stay:' || m.id || ':day:' || m.day || ':' || m.due_date AS subject_key,
              m.facility_id, m.id AS stay_id, m.due_date AS subject_date,
              format('Day %s test of %s (room %s, bed %s) %s.', m.day, p.full_name, r.code, b.code,
                     CASE WHEN m.due_date = today.d THEN 'is due today'
                          ELSE 'was due on ' || m.due_date || ' and has not been taken' END) AS message
         FROM untaken_tests m
         JOIN people p ON p.id = m.person_id
         JOIN rooms r ON r.id = m.room_id
         JOIN beds b ON b.id = m.bed_id
        CROSS JOIN today`,
      [timeZone],
    );
  }
}
