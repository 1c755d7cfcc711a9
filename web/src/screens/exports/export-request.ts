import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { addDays, localDateTimeToIso } from '../../lib/format';

export type CreateExport = components['schemas']['CreateExportDto'];
export type ExportKind = CreateExport['kind'];
export type ExportFormat = CreateExport['format'];
export type ExportStatus = components['schemas']['ExportResponse']['status'];

export const EXPORT_KINDS: ExportKind[] = ['stays', 'people', 'tests', 'health-checks', 'alerts', 'daily-report'];
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx'];

/** The filters the form offers; which ones a kind takes mirrors the API's filter classes for that kind. */
export type FilterName =
  | 'facility'
  | 'area'
  | 'stayStatus'
  | 'classification'
  | 'testResult'
  | 'testKind'
  | 'alertType'
  | 'alertStatus'
  | 'period'
  | 'reportDays';

export const FILTERS_OF: Record<ExportKind, FilterName[]> = {
  stays: ['facility', 'area', 'stayStatus', 'classification', 'period'],
  people: ['facility', 'area'],
  tests: ['facility', 'area', 'testResult', 'testKind', 'period'],
  'health-checks': ['facility', 'area', 'period'],
  alerts: ['facility', 'area', 'alertType', 'alertStatus'],
  'daily-report': ['area', 'reportDays'],
};

/** Which time the period of a list filters on. */
const PERIOD_FIELDS: Partial<Record<ExportKind, [string, string]>> = {
  stays: ['admittedFrom', 'admittedTo'],
  tests: ['sampledFrom', 'sampledTo'],
  'health-checks': ['takenFrom', 'takenTo'],
};

/** What the form holds: one value per filter, blank meaning "any". Days are local calendar days (YYYY-MM-DD). */
export interface FilterValues {
  facilityId: string;
  adminUnitCode: string;
  stayStatus: string;
  classification: string;
  testResult: string;
  testKind: string;
  alertType: string;
  alertStatus: string;
  /** A list's period, both days included. */
  from: string;
  to: string;
  /** The daily report: one day, or a range of days. */
  reportMode: 'day' | 'range';
  date: string;
  reportFrom: string;
  reportTo: string;
}

export const NO_FILTERS: FilterValues = {
  facilityId: '',
  adminUnitCode: '',
  stayStatus: '',
  classification: '',
  testResult: '',
  testKind: '',
  alertType: '',
  alertStatus: '',
  from: '',
  to: '',
  reportMode: 'day',
  date: '',
  reportFrom: '',
  reportTo: '',
};

/** The API's `filters` for a kind: only the filters that kind takes, and only those given. */
export function filtersFor(kind: ExportKind, v: FilterValues): Record<string, string> {
  const applies = new Set(FILTERS_OF[kind]);
  const out: Record<string, string> = {};
  const set = (name: FilterName, key: string, value: string) => {
    if (applies.has(name) && value) out[key] = value;
  };
  set('facility', 'facilityId', v.facilityId);
  set('area', 'adminUnitCode', v.adminUnitCode);
  set('stayStatus', 'status', v.stayStatus);
  set('classification', 'classification', v.classification);
  set('testResult', 'result', v.testResult);
  set('testKind', 'kind', v.testKind);
  set('alertType', 'type', v.alertType);
  set('alertStatus', 'status', v.alertStatus);
  const period = PERIOD_FIELDS[kind];
  if (period && applies.has('period')) {
    // The API's upper bound is exclusive: a period "to 30/11" ends at the start of 01/12, local time.
    if (v.from) out[period[0]] = localDateTimeToIso(v.from, '00:00');
    if (v.to) out[period[1]] = localDateTimeToIso(addDays(v.to, 1), '00:00');
  }
  if (applies.has('reportDays')) {
    if (v.reportMode === 'day') set('reportDays', 'date', v.date);
    else {
      set('reportDays', 'from', v.reportFrom);
      set('reportDays', 'to', v.reportTo);
    }
  }
  return out;
}

/** Asks the API for an export; answers its id (the job runs in the background). */
export async function requestExport(body: CreateExport): Promise<string> {
  const queued = await ok(api.POST('/api/v1/exports', { body }));
  return queued.id;
}

export const isActive = (status: ExportStatus) => status === 'queued' || status === 'running';

/** Where an export's file is downloaded; the session cookie authenticates a plain link. */
export const fileUrl = (id: string) => `/api/v1/exports/${id}/file`;
