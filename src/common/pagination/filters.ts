/**
 * The list filters the client actually gave. TypeORM 1.x refuses `undefined` in a where condition
 * (rather than silently matching every row), so filters that were left out are dropped here.
 */
export function onlyGiven<T extends object>(filters: T): Partial<T> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Partial<T>;
}
