import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { typeormOptions } from '../src/database/typeorm-options';
import { createTestDatabase, dropTestDatabase } from './helpers/database';

/** The schema comes from migrations only: they must build what the entities describe, and undo it. */
describe('database schema', () => {
  let db: { name: string; url: string };
  let dataSource: DataSource;

  const pendingChanges = async () => (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  /** Tables, enum types and functions of the app left in the database (the migrations table aside). */
  const leftovers = async () =>
    dataSource.query(`
      SELECT 'table ' || tablename AS object FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'
      UNION ALL
      SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype = 'e'
      UNION ALL
      SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public'
         -- functions that belong to an extension (pg_trgm, btree_gist) are not the app's
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1`);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(typeormOptions({ url: db.url, poolSize: 2 })).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropTestDatabase(db.name);
  });

  it('has the entities and the migrations in agreement on a fresh database', async () => {
    expect(await pendingChanges()).toEqual([]);
  });

  it('undoes every migration, newest first, leaving nothing of the app behind', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await dataSource.query(`SELECT name FROM migrations`)).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('migrates again after being undone, to the same schema', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await pendingChanges()).toEqual([]);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM admin_units WHERE parent_code = '94'`);
    expect(n).toBe(11);
  });
});
