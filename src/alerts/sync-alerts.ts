import { EntityManager } from 'typeorm';
import { AlertType } from './alert.entity';

export interface FlagResult {
  raised: number;
  resolved: number;
}

/**
 * One set-based pass for a flag job. `wantedSql` selects every alert that should be unresolved now
 * (columns: type, subject_key, facility_id, stay_id, subject_date, message), computed from the whole
 * database state. New ones are inserted (existing unresolved ones are left alone, acknowledged or not),
 * and unresolved alerts of these types that are no longer wanted are resolved. Running it twice
 * changes nothing the second time.
 */
export async function syncAlerts(
  manager: EntityManager,
  types: AlertType[],
  wantedSql: string,
  params: unknown[],
): Promise<FlagResult> {
  const typesParam = `$${params.length + 1}`;
  const [row] = await manager.query(
    `WITH wanted AS (${wantedSql}),
     raised AS (
       INSERT INTO alerts (type, subject_key, facility_id, stay_id, subject_date, message)
       SELECT type::alert_type, subject_key, facility_id, stay_id, subject_date, message FROM wanted
       ON CONFLICT (type, subject_key) WHERE status <> 'resolved' DO NOTHING
       RETURNING 1
     ),
     resolved AS (
       UPDATE alerts a SET status = 'resolved', resolved_at = now()
        WHERE a.type = ANY(${typesParam}::alert_type[]) AND a.status <> 'resolved'
          AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.type::alert_type = a.type AND w.subject_key = a.subject_key)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM raised)::int AS raised, (SELECT count(*) FROM resolved)::int AS resolved`,
    [...params, types],
  );
  return row;
}
