import { addDays } from '../common/time/local-date';
import { DailyFiguresResponse, DailyReportResponse, DailySeriesResponse } from '../reports/dto/daily-report.response';
import type { ExportColumn } from './export-kinds';
import { ExportLang } from './export.entity';

/** The figures of the daily report, in the report's order, with their headers. */
export const DAILY_FIGURE_COLUMNS: (ExportColumn & { key: keyof DailyFiguresResponse })[] = [
  { key: 'inQuarantine', vi: 'Đang cách ly', en: 'In quarantine' },
  { key: 'admitted', vi: 'Tiếp nhận', en: 'Admitted' },
  { key: 'released', vi: 'Ra khỏi khu cách ly', en: 'Released' },
  { key: 'transferredIn', vi: 'Chuyển đến', en: 'Transferred in' },
  { key: 'transferredOut', vi: 'Chuyển đi', en: 'Transferred out' },
  { key: 'positives', vi: 'Kết quả dương tính', en: 'Positive results' },
  { key: 'testsSampled', vi: 'Mẫu đã lấy', en: 'Samples taken' },
  { key: 'resultsPending', vi: 'Mẫu chờ kết quả', en: 'Results pending' },
  { key: 'bedsTotal', vi: 'Số giường', en: 'Beds' },
  { key: 'bedsOccupied', vi: 'Giường có người', en: 'Beds occupied' },
];

export const DAILY_REPORT_COLUMNS: ExportColumn[] = [
  { key: 'date', vi: 'Ngày', en: 'Date' },
  { key: 'row', vi: 'Dòng', en: 'Row' },
  { key: 'code', vi: 'Mã', en: 'Code' },
  { key: 'name', vi: 'Tên', en: 'Name' },
  ...DAILY_FIGURE_COLUMNS,
];

const ROW_LABELS = {
  vi: { facility: 'Khu cách ly', unit: 'Đơn vị hành chính', total: 'Tổng cộng', previous: 'Tổng cộng ngày trước' },
  en: { facility: 'Facility', unit: 'Admin unit', total: 'Total', previous: 'Total, day before' },
} as const;

type Row = Record<string, string | number | null>;

function figures(f: DailyFiguresResponse): Row {
  return Object.fromEntries(DAILY_FIGURE_COLUMNS.map((c) => [c.key, f[c.key]]));
}


/**
 * One day's report as rows: one per facility, one per unit directly below, the totals, and the totals
 * of the day before — the same numbers as GET /reports/daily.
 */
export function dailyReportRows(report: DailyReportResponse, lang: ExportLang): Row[] {
  const label = ROW_LABELS[lang];
  const dayBefore = addDays(report.date, -1);
  return [
    ...report.facilities.map((f) => ({ date: report.date, row: label.facility, code: f.code, name: f.name, ...figures(f) })),
    ...report.childUnits.map((u) => ({ date: report.date, row: label.unit, code: u.adminUnitCode, name: u.name, ...figures(u) })),
    // Without a unit (an admin's whole country, a manager's camp) the totals row has no code or name.
    { date: report.date, row: label.total, code: report.adminUnitCode, name: report.name, ...figures(report.totals) },
    { date: dayBefore, row: label.previous, code: report.adminUnitCode, name: report.name, ...figures(report.previous) },
  ];
}

/** A range of days as rows: the area's totals, one row per day — GET /reports/daily/series. */
export function dailySeriesRows(series: DailySeriesResponse, lang: ExportLang): Row[] {
  return series.days.map(({ date, ...day }) => ({
    date,
    row: ROW_LABELS[lang].total,
    code: series.adminUnitCode,
    name: series.name,
    ...figures(day),
  }));
}
