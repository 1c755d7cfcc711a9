import { alertInAreaSql, alertVisibilityCondition } from '../alerts/alert-visibility';
import { SqlCondition } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { DAILY_REPORT_COLUMNS } from './daily-report-rows';
import { ExportKind, ExportLang } from './export.entity';
import {
  AlertsExportFiltersDto,
  AreaFiltersDto,
  DailyReportExportFiltersDto,
  HealthChecksExportFiltersDto,
  PeopleExportFiltersDto,
  StaysExportFiltersDto,
  TestsExportFiltersDto,
} from './dto/export-filters.dto';

/** A column of an export: its key in the query's rows, its headers, and whether it is personal data. */
export interface ExportColumn {
  key: string;
  vi: string;
  en: string;
  /** National id numbers and phones are masked unless an admin asked for personal data. */
  personal?: boolean;
}

/** The SQL of an export, before scope: `area` is the condition on the facilities alias `f`. */
export interface ExportQuery {
  /** Selects the columns' keys; `param` adds a parameter and returns its placeholder; `tz` is the local time zone's. */
  sql(area: string, filters: Record<string, unknown>, param: (value: unknown) => string, tz: () => string): string;
}

export interface ExportKindDefinition {
  filters: new () => AreaFiltersDto;
  columns: ExportColumn[];
  /** The rows, read from the database through a cursor… */
  query?: ExportQuery;
  /** …or a few rows another module computes (the daily report: ExportJob asks ReportsService). */
  computed?: 'daily-report';
  /** The sheet's and the file's name, per language. */
  title: Record<ExportLang, string>;
  /**
   * The rows the requester may see, given the condition on the facilities `f` in their scope; by
   * default that condition itself. A kind whose list has its own visibility rule uses the same one.
   */
  visibility?: (actor: Actor, facilities: SqlCondition) => SqlCondition;
}

const localTime = (column: string, tz: () => string) => `to_char(${column} AT TIME ZONE ${tz()}::text, 'YYYY-MM-DD HH24:MI')`;

const person: ExportColumn[] = [
  { key: 'full_name', vi: 'Họ và tên', en: 'Full name' },
  { key: 'sex', vi: 'Giới tính', en: 'Sex' },
  { key: 'birth_year', vi: 'Năm sinh', en: 'Birth year' },
  { key: 'id_number', vi: 'Số CCCD/CMND', en: 'National ID', personal: true },
  { key: 'phone', vi: 'Số điện thoại', en: 'Phone', personal: true },
];

/**
 * Filters on a facility or an admin unit, common to every kind; `inUnit` says what lies in a unit
 * (by default the facilities there).
 */
function areaFilters(
  filters: Record<string, unknown>,
  param: (value: unknown) => string,
  inUnit = (unit: string) => `f.admin_unit_code IN (SELECT admin_unit_subtree(${unit}))`,
): string {
  const parts: string[] = [];
  if (filters.facilityId) parts.push(`f.id = ${param(filters.facilityId)}::uuid`);
  if (filters.adminUnitCode) parts.push(inUnit(param(filters.adminUnitCode)));
  return parts.map((p) => ` AND ${p}`).join('');
}

/**
 * What can be exported. Each list is one query over the whole area, streamed through a cursor in a
 * stable order; the daily report is the answer of GET /reports/daily (or /daily/series) as rows.
 */
export const EXPORT_KINDS: Record<ExportKind, ExportKindDefinition> = {
  [ExportKind.Stays]: {
    filters: StaysExportFiltersDto,
    title: { vi: 'Lượt cách ly', en: 'Stays' },
    columns: [
      ...person,
      { key: 'residence', vi: 'Nơi cư trú (mã xã)', en: 'Residence (commune code)' },
      { key: 'facility', vi: 'Khu cách ly', en: 'Facility' },
      { key: 'room', vi: 'Phòng', en: 'Room' },
      { key: 'bed', vi: 'Giường', en: 'Bed' },
      { key: 'classification', vi: 'Phân loại', en: 'Classification' },
      { key: 'vaccinated', vi: 'Đã tiêm đủ vắc xin', en: 'Fully vaccinated' },
      { key: 'status', vi: 'Trạng thái', en: 'Status' },
      { key: 'admitted_at', vi: 'Ngày giờ vào', en: 'Admitted at' },
      { key: 'expected_release_at', vi: 'Dự kiến ra', en: 'Expected release' },
      { key: 'released_at', vi: 'Ngày giờ ra', en: 'Released at' },
    ],
    query: {
      sql: (area, filters, param, tz) => {
        let where = area + areaFilters(filters, param);
        if (filters.status) where += ` AND s.status = ${param(filters.status)}::stay_status`;
        if (filters.classification) where += ` AND s.classification = ${param(filters.classification)}::classification`;
        if (filters.admittedFrom) where += ` AND s.admitted_at >= ${param(filters.admittedFrom)}::timestamptz`;
        if (filters.admittedTo) where += ` AND s.admitted_at < ${param(filters.admittedTo)}::timestamptz`;
        return `SELECT p.full_name, p.sex::text AS sex, p.birth_year, p.id_number, p.phone,
                       p.residence_admin_unit_code AS residence, f.name AS facility, r.code AS room, b.code AS bed,
                       s.classification::text AS classification, s.vaccinated, s.status::text AS status,
                       ${localTime('s.admitted_at', tz)} AS admitted_at, ${localTime('s.expected_release_at', tz)} AS expected_release_at,
                       ${localTime('s.released_at', tz)} AS released_at
                  FROM stays s
                  JOIN facilities f ON f.id = s.facility_id
                  JOIN people p ON p.id = s.person_id
                  JOIN rooms r ON r.id = s.room_id
                  JOIN beds b ON b.id = s.bed_id
                 WHERE ${where}
                 ORDER BY s.admitted_at, s.id`;
      },
    },
  },
  [ExportKind.People]: {
    filters: PeopleExportFiltersDto,
    title: { vi: 'Người cách ly', en: 'People' },
    columns: [
      ...person,
      { key: 'residence', vi: 'Nơi cư trú (mã xã)', en: 'Residence (commune code)' },
      { key: 'address', vi: 'Địa chỉ', en: 'Address' },
      { key: 'vaccination_doses', vi: 'Số mũi vắc xin', en: 'Vaccine doses' },
    ],
    query: {
      sql: (area, filters, param) =>
        `SELECT p.full_name, p.sex::text AS sex, p.birth_year, p.id_number, p.phone,
                p.residence_admin_unit_code AS residence, p.address, p.vaccination_doses
           FROM people p
          WHERE EXISTS (SELECT 1 FROM stays s JOIN facilities f ON f.id = s.facility_id
                         WHERE s.person_id = p.id AND ${area}${areaFilters(filters, param)})
          ORDER BY p.search_name, p.id`,
    },
  },
  [ExportKind.Tests]: {
    filters: TestsExportFiltersDto,
    title: { vi: 'Xét nghiệm', en: 'Tests' },
    columns: [
      ...person.filter((c) => c.key !== 'phone'),
      { key: 'facility', vi: 'Khu cách ly', en: 'Facility' },
      { key: 'kind', vi: 'Loại xét nghiệm', en: 'Test kind' },
      { key: 'scheduled_day', vi: 'Ngày thứ', en: 'Quarantine day' },
      { key: 'sampled_at', vi: 'Lấy mẫu lúc', en: 'Sampled at' },
      { key: 'result', vi: 'Kết quả', en: 'Result' },
      { key: 'result_at', vi: 'Có kết quả lúc', en: 'Result at' },
      { key: 'lab', vi: 'Nơi xét nghiệm', en: 'Laboratory' },
    ],
    query: {
      sql: (area, filters, param, tz) => {
        let where = area + areaFilters(filters, param);
        if (filters.result) where += ` AND t.result = ${param(filters.result)}::test_result`;
        if (filters.kind) where += ` AND t.kind = ${param(filters.kind)}::test_kind`;
        if (filters.sampledFrom) where += ` AND t.sampled_at >= ${param(filters.sampledFrom)}::timestamptz`;
        if (filters.sampledTo) where += ` AND t.sampled_at < ${param(filters.sampledTo)}::timestamptz`;
        return `SELECT p.full_name, p.sex::text AS sex, p.birth_year, p.id_number, f.name AS facility,
                       t.kind::text AS kind, t.scheduled_day, ${localTime('t.sampled_at', tz)} AS sampled_at,
                       t.result::text AS result, ${localTime('t.result_at', tz)} AS result_at, t.lab
                  FROM test_samples t
                  JOIN stays s ON s.id = t.stay_id
                  JOIN facilities f ON f.id = s.facility_id
                  JOIN people p ON p.id = s.person_id
                 WHERE ${where}
                 ORDER BY t.sampled_at, t.id`;
      },
    },
  },
  [ExportKind.HealthChecks]: {
    filters: HealthChecksExportFiltersDto,
    title: { vi: 'Theo dõi sức khỏe', en: 'Health checks' },
    columns: [
      ...person.filter((c) => c.key !== 'phone'),
      { key: 'facility', vi: 'Khu cách ly', en: 'Facility' },
      { key: 'room', vi: 'Phòng', en: 'Room' },
      { key: 'taken_at', vi: 'Đo lúc', en: 'Taken at' },
      { key: 'round', vi: 'Buổi', en: 'Round' },
      { key: 'temperature_c', vi: 'Nhiệt độ (°C)', en: 'Temperature (°C)' },
      { key: 'spo2', vi: 'SpO2 (%)', en: 'SpO2 (%)' },
      { key: 'symptoms', vi: 'Triệu chứng', en: 'Symptoms' },
      { key: 'note', vi: 'Ghi chú', en: 'Note' },
    ],
    query: {
      sql: (area, filters, param, tz) => {
        let where = area + areaFilters(filters, param);
        if (filters.takenFrom) where += ` AND h.taken_at >= ${param(filters.takenFrom)}::timestamptz`;
        if (filters.takenTo) where += ` AND h.taken_at < ${param(filters.takenTo)}::timestamptz`;
        return `SELECT p.full_name, p.sex::text AS sex, p.birth_year, p.id_number, f.name AS facility, r.code AS room,
                       ${localTime('h.taken_at', tz)} AS taken_at, h.round, h.temperature_c::text AS temperature_c, h.spo2,
                       array_to_string(h.symptoms, ', ') AS symptoms, h.note
                  FROM health_checks h
                  JOIN stays s ON s.id = h.stay_id
                  JOIN facilities f ON f.id = h.facility_id
                  JOIN people p ON p.id = s.person_id
                  JOIN rooms r ON r.id = s.room_id
                 WHERE ${where}
                 ORDER BY h.taken_at, h.id`;
      },
    },
  },
  [ExportKind.Alerts]: {
    filters: AlertsExportFiltersDto,
    title: { vi: 'Cảnh báo', en: 'Alerts' },
    // The alerts list's rule: a committee also sees the alerts addressed to the residence of people of its area.
    visibility: alertVisibilityCondition,
    columns: [
      { key: 'type', vi: 'Loại cảnh báo', en: 'Type' },
      { key: 'status', vi: 'Trạng thái', en: 'Status' },
      { key: 'facility', vi: 'Khu cách ly', en: 'Facility' },
      { key: 'subject_date', vi: 'Ngày', en: 'Date' },
      { key: 'message', vi: 'Nội dung', en: 'Message' },
      { key: 'raised_at', vi: 'Phát hiện lúc', en: 'Raised at' },
      { key: 'resolved_at', vi: 'Kết thúc lúc', en: 'Resolved at' },
    ],
    query: {
      sql: (area, filters, param, tz) => {
        let where = area + areaFilters(filters, param, (unit) => alertInAreaSql(unit));
        if (filters.type) where += ` AND a.type = ${param(filters.type)}::alert_type`;
        if (filters.status) where += ` AND a.status = ${param(filters.status)}::alert_status`;
        return `SELECT a.type::text AS type, a.status::text AS status, f.name AS facility,
                       a.subject_date::text AS subject_date, a.message,
                       ${localTime('a.raised_at', tz)} AS raised_at, ${localTime('a.resolved_at', tz)} AS resolved_at
                  FROM alerts a
                  JOIN facilities f ON f.id = a.facility_id
                 WHERE ${where}
                 ORDER BY a.raised_at, a.id`;
      },
    },
  },
  [ExportKind.DailyReport]: {
    filters: DailyReportExportFiltersDto,
    title: { vi: 'Báo cáo ngày', en: 'Daily report' },
    columns: DAILY_REPORT_COLUMNS,
    computed: 'daily-report',
  },
};

/** The headers of a kind's columns in a language. */
export function headers(columns: ExportColumn[], lang: ExportLang): string[] {
  return columns.map((c) => c[lang]);
}
