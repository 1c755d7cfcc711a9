import { zeroFigures } from '../reports/daily-figures';
import { DailyReportResponse } from '../reports/dto/daily-report.response';
import { DAILY_REPORT_COLUMNS, dailyReportRows, dailySeriesRows } from './daily-report-rows';

describe('the daily report as rows', () => {
  const report: DailyReportResponse = {
    adminUnitCode: '947',
    name: 'Huyện Mỹ Xuyên',
    date: '2021-08-01',
    totals: { ...zeroFigures(), inQuarantine: 3, admitted: 1 },
    previous: { ...zeroFigures(), inQuarantine: 2 },
    facilities: [
      { facilityId: 'x', code: 'A', name: 'Khu A (minh họa)', kind: 'district_camp' as never, status: 'active' as never, adminUnitCode: '947', ...zeroFigures(), inQuarantine: 3, admitted: 1 },
    ],
    childUnits: [{ adminUnitCode: '94741', name: 'Xã Tham Đôn', facilityCount: 0, ...zeroFigures() }],
  };

  it('gives a row per facility, per unit below, the totals and the totals of the day before, with every figure', () => {
    const rows = dailyReportRows(report, 'vi');
    expect(rows.map((r) => [r.date, r.row, r.code])).toEqual([
      ['2021-08-01', 'Khu cách ly', 'A'],
      ['2021-08-01', 'Đơn vị hành chính', '94741'],
      ['2021-08-01', 'Tổng cộng', '947'],
      ['2021-07-31', 'Tổng cộng ngày trước', '947'],
    ]);
    expect(rows[2]).toMatchObject({ name: 'Huyện Mỹ Xuyên', inQuarantine: 3, admitted: 1, bedsOccupied: 0 });
    expect(rows[3]).toMatchObject({ inQuarantine: 2 });
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(DAILY_REPORT_COLUMNS.map((c) => c.key).sort());
  });

  it('gives a series one row of totals per day, without a code or name when no unit was asked for', () => {
    const rows = dailySeriesRows(
      { adminUnitCode: null, name: null, from: '2021-08-01', to: '2021-08-02', days: [
        { date: '2021-08-01', ...zeroFigures(), admitted: 2 },
        { date: '2021-08-02', ...zeroFigures() },
      ] },
      'en',
    );
    expect(rows.map((r) => [r.date, r.row, r.code, r.name, r.admitted])).toEqual([
      ['2021-08-01', 'Total', null, null, 2],
      ['2021-08-02', 'Total', null, null, 0],
    ]);
  });
});
