import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The entity for a raw row (such as one returned by INSERT … RETURNING *), converted exactly as
 * TypeORM converts the rows of a find: a row the transaction has just written need not be read back.
 */
export function entityFromRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value !== undefined) column.setEntityValue(entity, manager.connection.driver.prepareHydratedValue(value, column));
  }
  return entity;
}
