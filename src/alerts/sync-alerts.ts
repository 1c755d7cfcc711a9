import { EntityManager } from 'typeorm';
import { AlertType } from './alert.entity';

export interface FlagResult {
  raised: number;
  resolved: number;
}

export interface SyncOptions {
  /**
   * `wantedSql` also selects residence_admin_unit_code: the committee of the person's residence, to
   * which the alert is addressed as well as to the facility (home monitoring, positive after release).
   */
  residence?: boolean;
}

/**
 * One set-based pass for a flag job. `wantedSql` selects every alert that should be unresolved now
 * (columns: type, subject_key, facility_id, stay_id, subject_date, message), computed from the whole
 * database state. New ones are inserted (existing unresolved ones are left alone, acknowledged or not),
 * and unresolved alerts of these types that are no longer wanted are resolved. Running it twice
 * changes nothing the second time.
 *
 * What is wanted and what is open are compared in one hash full join, so a run that changes little
 * costs little more than computing `wantedSql`: only the differences are inserted or resolved. The
 * partial unique index UQ_alerts_unresolved_subject is still the last word on duplicates (ON CONFLICT),
 * for a run that overlaps another.
 */
export async function syncAlerts(
  manager: EntityManager,
  types: AlertType[],
  wantedSql: string,
  params: unknown[],
  options: SyncOptions = {},
): Promise<FlagResult> {
  const residence = options.residence ? 'w.residence_admin_unit_code' : 'NULL::varchar';
  const typesParam = `$${params.length + 1}`;
  const [row] = await manager.query(
    `WITH wanted AS (${wantedSql}),
     open_alerts AS (
       SELECT id, type, subject_key FROM alerts
        WHERE type = ANY(${typesParam}::alert_type[]) AND status <> 'resolved'
     ),
     -- wanted and not open (open_id is null), or open and not wanted (is_wanted is false)
     changes AS MATERIALIZED (
       SELECT w.type, w.subject_key, w.facility_id, w.stay_id, w.subject_date, w.message,
              ${residence} AS residence_admin_unit_code,
              w.subject_key IS NOT NULL AS is_wanted, o.id AS open_id
         FROM wanted w FULL JOIN open_alerts o ON o.type = w.type::alert_type AND o.subject_key = w.subject_key
        WHERE w.subject_key IS NULL OR o.id IS NULL
     ),
     raised AS (
       INSERT INTO alerts (type, subject_key, facility_id, stay_id, subject_date, message, residence_admin_unit_code)
       SELECT type::alert_type, subject_key, facility_id, stay_id, subject_date, message, residence_admin_unit_code
         FROM changes WHERE is_wanted
       ON CONFLICT (type, subject_key) WHERE status <> 'resolved' DO NOTHING
       RETURNING 1
     ),
     resolved AS (
       UPDATE alerts a SET status = 'resolved', resolved_at = now()
         FROM changes c
        WHERE NOT c.is_wanted AND a.id = c.open_id AND a.status <> 'resolved'
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM raised)::int AS raised, (SELECT count(*) FROM resolved)::int AS resolved`,
    [...params, types],
  );
  return row;
}
