import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The file this migration loads, shipped beside it (source and caveats in migrations/data/README.md). */
const UNITS_FILE_NAME = 'soc-trang-admin-units-2021.csv';
// Beside this file when run from source or from the image (which copies data/ into dist/migrations);
// from a compiled checkout (`npm run build`: dist/migrations/…), the data stays in migrations/data.
const UNITS_FILE_PLACES = [join(__dirname, 'data', UNITS_FILE_NAME), join(__dirname, '..', '..', 'migrations', 'data', UNITS_FILE_NAME)];
export const SOC_TRANG_UNITS_FILE = UNITS_FILE_PLACES.find((place) => existsSync(place)) ?? UNITS_FILE_PLACES[0];

interface UnitRow {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parent_code: string;
}

export function readSocTrangUnits(): UnitRow[] {
  return parse(readFileSync(SOC_TRANG_UNITS_FILE, 'utf8'), { columns: true, skip_empty_lines: true, bom: true, trim: true });
}

/**
 * Loads every official unit of Sóc Trăng as of 2021: the province and its 11 district-level units
 * (already there since the foundation) and its 109 communes, wards and townships, from the General
 * Statistics Office list dated 01/11/2021. With them, residence is recorded at commune level and a
 * committee can exist for a commune. Units already present (the same code) are left as they are.
 */
export class SocTrangCommunes1796011186365 implements MigrationInterface {
  name = 'SocTrangCommunes1796011186365';

  public async up(q: QueryRunner): Promise<void> {
    const rows = readSocTrangUnits();
    // Parents come before children in the file (sorted by code: 94, 941…951, then the communes).
    await q.query(
      `INSERT INTO admin_units (code, name, level, parent_code)
       SELECT u.code, u.name, u.level::admin_unit_level, NULLIF(u.parent_code, '')
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) WITH ORDINALITY
              AS u(code, name, level, parent_code, n)
        ORDER BY u.n
       ON CONFLICT (code) DO NOTHING`,
      [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.level), rows.map((r) => r.parent_code)],
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // The province and its districts belong to the foundation; only the communes go.
    const communes = readSocTrangUnits().filter((r) => r.level === 'commune').map((r) => r.code);
    await q.query(`DELETE FROM admin_units WHERE code = ANY($1::varchar[]) AND level = 'commune'`, [communes]);
  }
}
