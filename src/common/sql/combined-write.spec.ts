import { combinedWrite } from './combined-write';

describe('combinedWrite', () => {
  it('leaves a single statement as it is', () => {
    expect(combinedWrite(['UPDATE t SET a = $1 WHERE id = $2', [1, 'x']])).toEqual(['UPDATE t SET a = $1 WHERE id = $2', [1, 'x']]);
  });

  it('puts the first statements in WITH and renumbers each one’s placeholders after those before it', () => {
    const [sql, params] = combinedWrite(
      ['INSERT INTO a (x, y) VALUES ($1, $2)', ['x', 'y']],
      ['INSERT INTO b (z) VALUES ($1)', ['z']],
      ['INSERT INTO c (u, v, w) VALUES ($1, $2, $3), ($10, $2, $1)', [1, 2, 3]],
    );
    expect(sql).toBe(
      'WITH write_1 AS (INSERT INTO a (x, y) VALUES ($1, $2)), write_2 AS (INSERT INTO b (z) VALUES ($3)) ' +
        'INSERT INTO c (u, v, w) VALUES ($4, $5, $6), ($13, $5, $4)',
    );
    expect(params).toEqual(['x', 'y', 'z', 1, 2, 3]);
  });

  it('refuses to nest a combined statement, which PostgreSQL would refuse', () => {
    const inner = combinedWrite(['INSERT INTO a VALUES ($1)', [1]], ['INSERT INTO b VALUES ($1)', [2]]);
    expect(() => combinedWrite(inner, ['INSERT INTO c VALUES ($1)', [3]])).toThrow(/WITH of its own/);
  });

  it('refuses a statement with a $ that is not a placeholder, which renumbering could break', () => {
    expect(() => combinedWrite(['SELECT 1', []], ['DO $$ BEGIN END $$', []])).toThrow(/not a placeholder/);
  });
});
