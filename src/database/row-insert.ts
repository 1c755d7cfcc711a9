import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Statement } from '../common/sql/combined-write';

/**
 * The INSERT of one row, from an entity's property values: the columns whose value is undefined are
 * left to their defaults, and values are converted for the database as TypeORM converts them. Not run:
 * the caller adds a tail (ON CONFLICT, RETURNING) or joins it to other writes (combinedWrite).
 *
 * For the admission's hot path, where the insert query builder cost more than the statement itself
 * (it rewrites the whole SQL text once per property name).
 */
export function rowInsert<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, values: Partial<T>): Statement {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns: string[] = [];
  const params: unknown[] = [];
  for (const column of metadata.columns) {
    const value: unknown = column.getEntityValue(values);
    if (value === undefined) continue;
    columns.push(`"${column.databaseName}"`);
    params.push(driver.preparePersistentValue(value, column));
  }
  const placeholders = params.map((_, i) => `$${i + 1}`).join(', ');
  return [`INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) VALUES (${placeholders})`, params];
}
