import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { FlagResult, syncAlerts } from '../alerts/sync-alerts';
import { FlagJob, RegisterFlagJob } from '../jobs/flag-job';
import { COUNT_MISMATCHES_SQL, UNIT_COUNT_MISMATCHES_SQL } from './capacity.repository';

/**
 * capacity_counts_mismatch: the running bed counts of a facility, or those of an admin unit (both
 * kept by triggers), differ from the beds. It should never be raised; if it is, the capacity roll-up
 * is wrong there until an admin finds the cause. One alert per facility and one per unit; it resolves
 * itself once the counts agree again. An alert belongs to a facility: a unit's goes to its first open
 * facility by code (any of its facilities when none is open), so the unit's committee sees it; a unit
 * with no facility at all has nothing to attach it to.
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
        GROUP BY f.id, f.name
       UNION ALL
       SELECT 'capacity_counts_mismatch', 'unit:' || u.code, holder.id, NULL::uuid, NULL::date,
              format('The capacity counts of %s (%s) disagree with its facilities and their beds (counted %s, actual %s); capacity figures for it and the areas above it are wrong until this is fixed.',
                     u.name, u.code,
                     string_agg(coalesce(um."sexPolicy"::text, 'facilities') || ' ' || array_to_string(um.counted, '/'), ', ' ORDER BY um."sexPolicy" NULLS LAST),
                     string_agg(coalesce(um."sexPolicy"::text, 'facilities') || ' ' || array_to_string(um.actual, '/'), ', ' ORDER BY um."sexPolicy" NULLS LAST))
         FROM (${UNIT_COUNT_MISMATCHES_SQL}) um
         JOIN admin_units u ON u.code = um."adminUnitCode"
         JOIN LATERAL (SELECT f.id FROM facilities f WHERE f.admin_unit_code = u.code
                        ORDER BY f.status = 'closed', f.code LIMIT 1) holder ON TRUE
        GROUP BY u.code, u.name, holder.id`,
      [],
    );
  }
}
