import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { Environment } from '../../config/environment';
import { FlagJob, RegisterFlagJob } from '../../jobs/flag-job';
import { AlertType } from '../alert.entity';
import { FlagResult, syncAlerts } from '../sync-alerts';

/** capacity_high from CAPACITY_HIGH_THRESHOLD (default 90%) of beds in service occupied; capacity_full at 100%. */
@Injectable()
@RegisterFlagJob()
export class FlagCapacityJob implements FlagJob {
  readonly name = 'flag-capacity';
  readonly cronSetting = 'JOB_CRON_FLAG_CAPACITY';

  constructor(private readonly config: ConfigService<Environment, true>) {}

  run(manager: EntityManager): Promise<FlagResult> {
    return syncAlerts(
      manager,
      [AlertType.CapacityHigh, AlertType.CapacityFull],
      `WITH census AS (
         SELECT r.facility_id,
                count(*) FILTER (WHERE b.status = 'occupied') AS occupied,
                count(*) FILTER (WHERE b.status <> 'out_of_service') AS in_service
           FROM beds b JOIN rooms r ON r.id = b.room_id
          GROUP BY r.facility_id
       )
       SELECT CASE WHEN c.occupied >= c.in_service THEN 'capacity_full' ELSE 'capacity_high' END AS type,
              'facility:' || f.id AS subject_key, f.id AS facility_id, NULL::uuid AS stay_id, NULL::date AS subject_date,
              format('%s is %s%% full: %s of %s beds in service are occupied.', f.name,
                     floor(100.0 * c.occupied / c.in_service), c.occupied, c.in_service) AS message
         FROM facilities f JOIN census c ON c.facility_id = f.id
        WHERE f.status = 'active' AND c.in_service > 0 AND c.occupied >= $1::numeric * c.in_service`,
      [this.config.get('CAPACITY_HIGH_THRESHOLD', { infer: true })],
    );
  }
}
