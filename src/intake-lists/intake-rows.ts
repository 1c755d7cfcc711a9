import { Sex } from '../people/person.entity';
import { ID_NUMBER_PATTERN } from '../people/dto/create-person.dto';
import { Classification } from '../policies/quarantine-policy.entity';
import { IntakeRowError } from './intake-list.entity';

/** The template's columns, in order: the field, its Vietnamese header, and the sample row's value. */
export const INTAKE_COLUMNS = [
  { field: 'fullName', header: 'Họ và tên', sample: 'Nguyễn Văn An' },
  { field: 'sex', header: 'Giới tính (Nam/Nữ)', sample: 'Nam' },
  { field: 'birthYear', header: 'Năm sinh', sample: '1985' },
  { field: 'idNumber', header: 'Số CCCD/CMND', sample: '094085001234' },
  { field: 'phone', header: 'Số điện thoại', sample: '0912345678' },
  { field: 'residenceAdminUnitCode', header: 'Mã xã/phường nơi cư trú', sample: '31693' },
  { field: 'address', header: 'Địa chỉ', sample: 'Ấp Hòa Mỹ, xã Tham Đôn (dữ liệu minh họa)' },
  { field: 'classification', header: 'Phân loại (F0/F1/F2/F3/precaution)', sample: 'F1' },
  { field: 'vaccinated', header: 'Đã tiêm đủ vắc xin (Có/Không)', sample: 'Không' },
  { field: 'exposureNote', header: 'Ghi chú tiếp xúc', sample: 'Tiếp xúc gần ca F0 ngày 28/7 (minh họa)' },
] as const;

export type IntakeField = (typeof INTAKE_COLUMNS)[number]['field'];

export const MAX_INTAKE_ROWS = 5_000;

export interface IntakeRowValues {
  rowNumber: number;
  fullName: string;
  sex: Sex;
  birthYear: number | null;
  idNumber: string | null;
  phone: string | null;
  residenceAdminUnitCode: string | null;
  address: string | null;
  classification: Classification;
  vaccinated: boolean;
  exposureNote: string | null;
}

/** Lower case, without diacritics or punctuation: how headers and words are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_ALIASES: Record<string, IntakeField> = Object.fromEntries(
  INTAKE_COLUMNS.flatMap((c) => [
    [fold(c.header), c.field],
    [fold(c.field.replace(/([A-Z])/g, ' $1')), c.field],
  ]),
);

/** Which column holds which field, from the header row; unknown headers are ignored. */
export function mapHeaders(header: string[]): { columns: Map<IntakeField, number>; missing: IntakeField[] } {
  const columns = new Map<IntakeField, number>();
  header.forEach((h, i) => {
    const field = HEADER_ALIASES[fold(h ?? '')];
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const missing = (['fullName', 'sex', 'classification'] as IntakeField[]).filter((f) => !columns.has(f));
  return { columns, missing };
}

const SEXES: Record<string, Sex> = { nam: Sex.Male, male: Sex.Male, m: Sex.Male, nu: Sex.Female, female: Sex.Female, f: Sex.Female };
const YES = new Set(['co', 'yes', 'true', 'x', '1', 'da tiem du', 'du']);
const NO = new Set(['khong', 'no', 'false', '0', 'chua', '']);
const CLASSIFICATIONS = new Map(Object.values(Classification).map((c) => [c.toLowerCase(), c]));

/**
 * Checks one data row (cells as text) and returns its values, or the problems found, field by field.
 * Checks that need the database (commune codes, open stays) and the whole file (duplicates) come after.
 */
export function validateRow(
  cells: string[],
  columns: Map<IntakeField, number>,
  rowNumber: number,
  currentYear: number,
): { values?: IntakeRowValues; errors: IntakeRowError[] } {
  const errors: IntakeRowError[] = [];
  const cell = (field: IntakeField) => {
    const i = columns.get(field);
    return i === undefined ? '' : String(cells[i] ?? '').trim();
  };
  const problem = (field: IntakeField, message: string) => errors.push({ row: rowNumber, field, message });
  const optional = (field: IntakeField, max: number) => {
    const v = cell(field);
    if (v.length > max) problem(field, `Longer than ${max} characters.`);
    return v || null;
  };

  const fullName = cell('fullName');
  if (!fullName) problem('fullName', 'Full name is required.');
  else if (fullName.length > 200) problem('fullName', 'Longer than 200 characters.');

  const sex = SEXES[fold(cell('sex'))];
  if (!sex) problem('sex', 'Sex must be Nam or Nữ.');

  let birthYear: number | null = null;
  const year = cell('birthYear');
  if (year) {
    birthYear = /^\d{4}$/.test(year) ? Number(year) : NaN;
    if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > currentYear) {
      problem('birthYear', `Birth year must be a year between 1900 and ${currentYear}.`);
      birthYear = null;
    }
  }

  const idNumber = cell('idNumber').replace(/\s+/g, '') || null;
  if (idNumber && !ID_NUMBER_PATTERN.test(idNumber)) problem('idNumber', 'ID number must be 6–30 letters or digits (CCCD, CMND or passport).');

  const phone = cell('phone').replace(/[\s.-]/g, '') || null;
  if (phone && !/^\+?\d{8,15}$/.test(phone)) problem('phone', 'Phone must be 8–15 digits.');

  const commune = cell('residenceAdminUnitCode') || null;
  if (commune && !/^\d{1,10}$/.test(commune)) problem('residenceAdminUnitCode', 'Commune code must be digits (an official code).');

  const address = optional('address', 500);

  const classification = CLASSIFICATIONS.get(cell('classification').toLowerCase());
  if (!classification) problem('classification', 'Classification must be F0, F1, F2, F3 or precaution.');

  const vaccinatedText = fold(cell('vaccinated'));
  const vaccinated = YES.has(vaccinatedText) ? true : NO.has(vaccinatedText) ? false : undefined;
  if (vaccinated === undefined) problem('vaccinated', 'Vaccinated must be Có or Không.');

  const exposureNote = optional('exposureNote', 500);

  if (errors.length) return { errors };
  return {
    errors,
    values: {
      rowNumber,
      fullName,
      sex: sex!,
      birthYear,
      idNumber,
      phone,
      residenceAdminUnitCode: commune,
      address,
      classification: classification!,
      vaccinated: vaccinated!,
      exposureNote,
    },
  };
}

/** Rows whose id number appeared on an earlier row of the same file. */
export function duplicateIdNumbers(rows: IntakeRowValues[]): IntakeRowError[] {
  const first = new Map<string, number>();
  const errors: IntakeRowError[] = [];
  for (const r of rows) {
    if (!r.idNumber) continue;
    const key = r.idNumber.toUpperCase();
    const seen = first.get(key);
    if (seen === undefined) first.set(key, r.rowNumber);
    else errors.push({ row: r.rowNumber, field: 'idNumber', message: `The same ID number is on row ${seen}.` });
  }
  return errors;
}

/** A blank line of a spreadsheet is skipped, not reported. */
export function isBlank(cells: string[]): boolean {
  return cells.every((c) => String(c ?? '').trim() === '');
}
