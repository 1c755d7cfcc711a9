import { addFigures, daysFrom, EventCount, foldDailyFigures, zeroFigures } from './daily-figures';

describe('foldDailyFigures', () => {
  const F = 'facility-a';
  const ev = (day: string, kind: EventCount['kind'], n = 1): EventCount => ({ facilityId: F, day, kind, n });

  it('starts each stock from the events before the range and adds each day’s flows', () => {
    const rows = foldDailyFigures([F], '2021-08-02', '2021-08-03', [
      ev('2021-08-01', 'admitted', 5),
      ev('2021-08-01', 'bed', 10),
      ev('2021-08-01', 'sampled', 5),
      ev('2021-08-01', 'released', 1),
      ev('2021-08-02', 'admitted', 2),
      ev('2021-08-02', 'transferredOut'),
      ev('2021-08-02', 'resulted', 3),
      ev('2021-08-02', 'positive'),
      ev('2021-08-03', 'transferredIn'),
      ev('2021-08-03', 'released', 2),
      ev('2021-08-03', 'sampled', 2),
    ]).get(F)!;
    expect(rows).toEqual([
      { ...zeroFigures(), inQuarantine: 5, admitted: 2, transferredOut: 1, positives: 1, resultsPending: 2, bedsTotal: 10, bedsOccupied: 5 },
      { ...zeroFigures(), inQuarantine: 4, released: 2, transferredIn: 1, testsSampled: 2, resultsPending: 4, bedsTotal: 10, bedsOccupied: 4 },
    ]);
  });

  it('gives a facility without events a row of zeros per day, and ignores unknown facilities and days', () => {
    const rows = foldDailyFigures([F], '2021-08-02', '2021-08-04', [
      { facilityId: 'other', day: '2021-08-02', kind: 'admitted', n: 3 },
      ev('2021-09-01', 'admitted'),
    ]);
    expect(rows.get(F)).toEqual([zeroFigures(), zeroFigures(), zeroFigures()]);
    expect(rows.has('other')).toBe(false);
  });

  it('adds figures field by field, and lists the days of a range across a month end', () => {
    const a = { ...zeroFigures(), admitted: 1, bedsTotal: 4 };
    expect(addFigures(a, a)).toEqual({ ...zeroFigures(), admitted: 2, bedsTotal: 8 });
    expect(daysFrom('2021-07-30', '2021-08-02')).toEqual(['2021-07-30', '2021-07-31', '2021-08-01', '2021-08-02']);
  });
});
