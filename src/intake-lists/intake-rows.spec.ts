import { duplicateIdNumbers, fold, INTAKE_COLUMNS, mapHeaders, validateRow } from './intake-rows';

const { columns } = mapHeaders(INTAKE_COLUMNS.map((c) => c.header));
const row = (fields: Record<string, string>) =>
  INTAKE_COLUMNS.map((c) => fields[c.field] ?? (c.sample as string));

describe('intake list rows', () => {
  it('reads the template’s headers, with or without diacritics, and in English', () => {
    expect(fold('Đã tiêm đủ vắc xin (Có/Không)')).toBe('da tiem du vac xin');
    expect(mapHeaders(['ho va ten', 'GIỚI TÍNH', 'Phân loại']).missing).toEqual([]);
    expect(mapHeaders(['Full name', 'Sex', 'Classification']).missing).toEqual([]);
    expect(mapHeaders(['Họ và tên']).missing).toEqual(['sex', 'classification']);
  });

  it('turns the sample row into values', () => {
    const { values, errors } = validateRow(row({}), columns, 2, 2021);
    expect(errors).toEqual([]);
    expect(values).toMatchObject({ fullName: 'Nguyễn Văn An', sex: 'male', birthYear: 1985, classification: 'F1', vaccinated: false });
  });

  it('names every bad field of a row', () => {
    const { values, errors } = validateRow(
      row({ fullName: '', sex: 'X', birthYear: '1850', idNumber: '12', phone: 'abc', classification: 'F9', vaccinated: 'maybe' }),
      columns,
      7,
      2021,
    );
    expect(values).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['fullName', 'sex', 'birthYear', 'idNumber', 'phone', 'classification', 'vaccinated']);
    expect(errors.every((e) => e.row === 7)).toBe(true);
  });

  it('refuses an id number already on an earlier row', () => {
    const a = validateRow(row({ idNumber: '094085001234' }), columns, 2, 2021).values!;
    const b = validateRow(row({ idNumber: '094085001234' }), columns, 5, 2021).values!;
    expect(duplicateIdNumbers([a, b])).toEqual([{ row: 5, field: 'idNumber', message: 'The same ID number is on row 2.' }]);
  });
});
