import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { FlagResult, syncAlerts } from '../alerts/sync-alerts';
import { FlagJob, RegisterFlagJob } from '../jobs/flag-job';
import { COUNT_MISMATCHES_SQL } from './capacity.repository';

/**
 * capacity_counts_mismatch: the running bed counts of a facility (kept by triggers) differ from its
 * beds. It should never be raised; if it is, the capacity roll-up is wrong for that facility until an
 * admin finds the cause. One alert per facility; it resolves itself once the counts agree again.
 */
@Injectable()
@RegisterFlagJob()
export class FlagCapacityCountsJob implements FlagJob {
  readonly name = 'flag-capacity-counts';
  readonly cronSetting = 'JOB_CRON_FLAG_CAPACITY_COUNTS';

  run(manager: EntityManager): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.CapacityCountsMismatch],
      `WITH m AS (${COUNT_MISMATCHES_SQL})
       SELECT 'capacity_counts_mismatch' AS type, 'facility:' || f.id AS subject_key, f.id AS facility_id,
              NULL::uuid AS stay_id, NULL::date AS subject_date,
              format('The bed counts of %s disagree with its beds (available, occupied, out of service: counted %s, actual %s); capacity figures for it are wrong until this is fixed.',
                     f.name, string_agg(m."sexPolicy" || ' ' || array_to_string(m.counted, '/'), ', ' ORDER BY m."sexPolicy"),
                     string_agg(m."sexPolicy" || ' ' || array_to_string(m.actual, '/'), ', ' ORDER BY m."sexPolicy")) AS message
         FROM m JOIN facilities f ON f.id = m."facilityId"
        GROUP BY f.id, f.name`,
      [],
    );
  }
}
