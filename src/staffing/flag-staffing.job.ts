import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertType } from '../alerts/alert.entity';
import { FlagResult, syncAlerts } from '../alerts/sync-alerts';
import { FlagJob, FlagJobContext, RegisterFlagJob } from '../jobs/flag-job';
import { CoverageService, UnderstaffedWindow } from './coverage.service';

/**
 * understaffed: a role at an active facility has fewer on duty than required at some moment in the
 * current or the next 24 hours. One alert per facility and role, naming the first gap; it resolves
 * by itself once the roster covers the whole day ahead.
 */
@Injectable()
@RegisterFlagJob()
export class FlagStaffingJob implements FlagJob {
  readonly name = 'flag-staffing';
  readonly cronSetting = 'JOB_CRON_FLAG_STAFFING';

  constructor(private readonly coverage: CoverageService) {}

  async run(manager: EntityManager, { timeZone }: FlagJobContext): Promise<FlagResult> {
    const windows = await this.coverage.understaffedWindows(manager, new Date());
    return syncAlerts(
      manager,
      [AlertType.Understaffed],
      `SELECT 'understaffed' AS type,
              'facility:' || g.facility_id || ':role:' || g.role AS subject_key,
              g.facility_id, NULL::uuid AS stay_id, (g.window_start AT TIME ZONE $2)::date AS subject_date,
              format('%s is short of %s staff from %s: %s on duty, %s required.', f.name, g.role,
                     to_char(g.window_start AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), g.on_duty, g.required) AS message
         FROM jsonb_to_recordset($1::jsonb)
              AS g(facility_id uuid, role text, window_start timestamptz, on_duty int, required int)
         JOIN facilities f ON f.id = g.facility_id`,
      [JSON.stringify(firstGaps(windows)), timeZone],
    );
  }
}

/** The earliest understaffed window of each facility and role (the windows come sorted by time). */
export function firstGaps(windows: UnderstaffedWindow[]) {
  const first = new Map<string, UnderstaffedWindow>();
  for (const w of windows) {
    const key = `${w.facilityId}:${w.role}`;
    const seen = first.get(key);
    if (!seen || new Date(w.windowStart) < new Date(seen.windowStart)) first.set(key, w);
  }
  return [...first.values()].map((w) => ({
    facility_id: w.facilityId,
    role: w.role,
    window_start: w.windowStart,
    on_duty: w.onDuty,
    required: w.required,
  }));
}
