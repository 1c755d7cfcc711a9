/** A statement with positional parameters ($1, $2, ...), as the driver takes it. */
export type Statement = [sql: string, params: unknown[]];

/**
 * Data-changing statements (INSERT, UPDATE, DELETE) joined into one: every one but the last as a part
 * of WITH, the last as the statement itself. One round trip instead of several, and all of them or
 * none, as with any statement. PostgreSQL runs every data-changing part of WITH to completion whether
 * or not the rest reads it; the parts see the same snapshot, so none may depend on another's rows.
 *
 * The placeholders of each statement are renumbered after those before it: a statement must hold no
 * other `$` than its placeholders (no dollar-quoting).
 */
export function combinedWrite(...statements: Statement[]): Statement {
  if (statements.length === 0) throw new Error('combinedWrite needs at least one statement');
  const params: unknown[] = [];
  const parts = statements.map(([sql, own]) => {
    // PostgreSQL allows data-changing WITH only at the top level: pass the parts, not a combined statement.
    if (statements.length > 1 && /^\s*WITH\b/i.test(sql)) throw new Error('combinedWrite: a statement has a WITH of its own');
    const offset = params.length;
    params.push(...own);
    return renumbered(sql, offset);
  });
  const last = parts.pop()!;
  const withParts = parts.map((sql, i) => `write_${i + 1} AS (${sql})`);
  return [withParts.length === 0 ? last : `WITH ${withParts.join(', ')} ${last}`, params];
}

/**
 * A statement's placeholders ($1, $2, ...) moved up by `offset`, for joining it after another's
 * parameters; any other `$` is refused (no dollar-quoting), since it could not be told apart.
 */
export function renumbered(sql: string, offset: number): string {
  return sql.replace(/\$(\d*)/g, (_, n: string) => {
    if (n === '') throw new Error('combinedWrite: a statement holds a $ that is not a placeholder');
    return `$${Number(n) + offset}`;
  });
}
