import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type Lang, type MessageKey } from '../../i18n';
import { useFacilities, type FacilitySummary } from '../../lib/facilities';
import { formatDate, formatDateTime, formatNumber, todayLocal } from '../../lib/format';
import { useLocation } from '../../lib/router';
import { useUser } from '../../lib/session';
import { Badge, ErrorNote, Field, Loading, PageTitle, Pager, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  ExportFormat,
  ExportKind,
  fileUrl,
  FILTERS_OF,
  filtersFor,
  FilterValues,
  isActive,
  NO_FILTERS,
  requestExport,
} from './export-request';

type ExportRow = components['schemas']['ExportResponse'];
type AdminUnit = components['schemas']['AdminUnitResponse'];

const POLL_MS = 2_000;
const STAY_STATUSES = ['admitted', 'positive', 'released'];
const CLASSIFICATIONS = ['F0', 'F1', 'F2', 'F3', 'precaution'];
const TEST_RESULTS = ['pending', 'negative', 'positive'];
const TEST_KINDS = ['rt_pcr', 'rapid_antigen'];
const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'];
const ALERT_TYPES = [
  'test_due', 'test_overdue', 'release_overdue', 'release_ready', 'capacity_high', 'capacity_full', 'understaffed', 'fever',
  'low_spo2', 'symptoms_reported', 'health_check_missed', 'positive_result', 'positive_after_release', 'post_release_test_due',
  'home_monitoring_absent', 'capacity_counts_mismatch',
];

/** Lists and the daily report as CSV or XLSX files made in the background: a request form and the caller's exports. */
export default function Exports() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [page, setPage] = useState(1);
  const limit = 20;
  const list = useApi(() => ok(api.GET('/api/v1/exports', { params: { query: { page, limit } } })), [page]);
  const items = list.data?.items;

  // While an export is queued or running, ask again every 2 seconds; stop once none is.
  const anyActive = (items ?? []).some((e) => isActive(e.status));
  useEffect(() => {
    if (!anyActive) return;
    const timer = setTimeout(list.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [anyActive, items, list.reload]);

  return (
    <div>
      <PageTitle actions={<button type="button" onClick={list.reload}>{t('common.refresh')}</button>}>{t('exports.title')}</PageTitle>
      <div className="exports-layout">
        <RequestForm onRequested={() => (setPage(1), list.reload())} />
        <section aria-labelledby="exports-mine">
          <h2 id="exports-mine">{t('exports.mine')}</h2>
          <p className="muted">{t('exports.expiryNote')}</p>
          {list.error && <ErrorNote error={list.error} />}
          {!list.data ? (
            list.loading && <Loading />
          ) : list.data.items.length === 0 ? (
            <p className="note">{t('exports.none')}</p>
          ) : (
            <>
              <ul className="export-list" data-testid="exports">
                {list.data.items.map((e) => (
                  <ExportCard key={e.id} exp={e} highlighted={query.get('requested')?.split(',').includes(e.id) ?? false} />
                ))}
              </ul>
              <Pager page={page} limit={limit} total={list.data.total} onPage={setPage} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** The units a user may export: a committee its own and those right below it, an admin the provinces; a manager none. */
function useAreaUnits(): AdminUnit[] {
  const user = useUser();
  const units = useApi(async () => {
    if (user.role === 'district_committee' && user.adminUnitCode) {
      const [own, children] = await Promise.all([
        ok(api.GET('/api/v1/admin-units/{code}', { params: { path: { code: user.adminUnitCode } } })),
        ok(api.GET('/api/v1/admin-units', { params: { query: { parentCode: user.adminUnitCode, limit: 200 } } })),
      ]);
      return [own, ...children.items];
    }
    if (user.role === 'admin') return (await ok(api.GET('/api/v1/admin-units', { params: { query: { level: 'province', limit: 200 } } }))).items;
    return [];
  }, [user.role, user.adminUnitCode]);
  return units.data ?? [];
}

function RequestForm({ onRequested }: { onRequested: () => void }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const today = todayLocal();
  const facilities = useFacilities();
  const units = useAreaUnits();
  const [kind, setKind] = useState<ExportKind>('stays');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [fileLang, setFileLang] = useState<Lang>(lang);
  const [values, setValues] = useState<FilterValues>({ ...NO_FILTERS, date: today });
  const [personal, setPersonal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  const isManager = user.role === 'camp_manager';
  const applies = new Set(FILTERS_OF[kind]);
  const shows = (name: (typeof FILTERS_OF)[ExportKind][number]) => applies.has(name) && !(isManager && (name === 'facility' || name === 'area'));
  const set = (patch: Partial<FilterValues>) => (setValues((v) => ({ ...v, ...patch })), setDone(false));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await requestExport({
        kind,
        format,
        lang: fileLang,
        filters: filtersFor(kind, values),
        ...(user.role === 'admin' && personal ? { includePersonalData: true } : {}),
      });
      setDone(true);
      onRequested();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const enumSelect = (label: MessageKey, group: string, options: string[], key: keyof FilterValues) => (
    <Field label={t(label)}>
      {(p) => (
        <select {...p} value={values[key]} onChange={(e) => set({ [key]: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {enumText(group, o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section className="card" aria-labelledby="export-request">
      <h2 id="export-request">{t('exports.request')}</h2>
      <form onSubmit={submit}>
        <div className="grid">
          <Field label={t('exports.kind')}>
            {(p) => (
              <select {...p} value={kind} onChange={(e) => (setKind(e.target.value as ExportKind), setDone(false))}>
                {EXPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {enumText('exportKind', k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>{t('exports.format')}</legend>
            <div className="radios">
              {EXPORT_FORMATS.map((f) => (
                <label key={f}>
                  <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                  {enumText('exportFormat', f)}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label={t('exports.fileLang')} hint={t('exports.fileLangHint')}>
            {(p) => (
              <select {...p} value={fileLang} onChange={(e) => setFileLang(e.target.value as Lang)}>
                <option value="vi">Tiếng Việt</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
        </div>

        <fieldset>
          <legend>{t('exports.filters')}</legend>
          <div className="grid">
            {shows('area') && units.length > 0 && (
              <Field label={t('exports.area')}>
                {(p) => (
                  <select {...p} value={values.adminUnitCode} onChange={(e) => set({ adminUnitCode: e.target.value })}>
                    <option value="">{t('exports.wholeArea')}</option>
                    {units.map((u) => (
                      <option key={u.code} value={u.code}>
                        {u.name} ({u.code})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {shows('facility') && (
              <Field label={t('exports.facility')}>
                {(p) => (
                  <select {...p} value={values.facilityId} onChange={(e) => set({ facilityId: e.target.value })}>
                    <option value="">{t('exports.allFacilities')}</option>
                    {(facilities.data ?? []).map((f: FacilitySummary) => (
                      <option key={f.id} value={f.id}>
                        {f.name} ({f.code})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {shows('stayStatus') && enumSelect('exports.stayStatus', 'stayStatus', STAY_STATUSES, 'stayStatus')}
            {shows('classification') && enumSelect('exports.classification', 'classification', CLASSIFICATIONS, 'classification')}
            {shows('testResult') && enumSelect('exports.testResult', 'testResult', TEST_RESULTS, 'testResult')}
            {shows('testKind') && enumSelect('exports.testKind', 'testKind', TEST_KINDS, 'testKind')}
            {shows('alertType') && enumSelect('exports.alertType', 'alertType', ALERT_TYPES, 'alertType')}
            {shows('alertStatus') && enumSelect('exports.alertStatus', 'alertStatus', ALERT_STATUSES, 'alertStatus')}
            {shows('period') && (
              <>
                <Field label={t(kind === 'stays' ? 'exports.admittedFrom' : kind === 'tests' ? 'exports.sampledFrom' : 'exports.takenFrom')}>
                  {(p) => <input {...p} type="date" max={values.to || today} value={values.from} onChange={(e) => set({ from: e.target.value })} />}
                </Field>
                <Field label={t('exports.periodTo')}>
                  {(p) => <input {...p} type="date" min={values.from || undefined} max={today} value={values.to} onChange={(e) => set({ to: e.target.value })} />}
                </Field>
              </>
            )}
          </div>
          {shows('reportDays') && (
            <>
              <div className="radios" role="radiogroup" aria-label={t('exports.reportDays')}>
                {(['day', 'range'] as const).map((m) => (
                  <label key={m}>
                    <input type="radio" name="report-mode" value={m} checked={values.reportMode === m} onChange={() => set({ reportMode: m })} />
                    {t(m === 'day' ? 'exports.oneDay' : 'exports.range')}
                  </label>
                ))}
              </div>
              <div className="grid">
                {values.reportMode === 'day' ? (
                  <Field label={t('report.date')}>
                    {(p) => <input {...p} type="date" max={today} required value={values.date} onChange={(e) => set({ date: e.target.value })} />}
                  </Field>
                ) : (
                  <>
                    <Field label={t('exports.rangeFrom')} hint={t('exports.rangeHint')}>
                      {(p) => <input {...p} type="date" max={values.reportTo || today} required value={values.reportFrom} onChange={(e) => set({ reportFrom: e.target.value })} />}
                    </Field>
                    <Field label={t('exports.periodTo')}>
                      {(p) => <input {...p} type="date" min={values.reportFrom || undefined} max={today} required value={values.reportTo} onChange={(e) => set({ reportTo: e.target.value })} />}
                    </Field>
                  </>
                )}
              </div>
            </>
          )}
        </fieldset>

        {user.role === 'admin' && kind !== 'daily-report' && (
          <div className="field">
            <label className="check">
              <input type="checkbox" checked={personal} onChange={(e) => setPersonal(e.target.checked)} aria-describedby="personal-warning" />
              {t('exports.includePersonalData')}
            </label>
            <p id="personal-warning" className="note note-warn">
              {t('exports.personalDataWarning')}
            </p>
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('exports.busy') : t('exports.submit')}
        </button>
      </form>
      <ErrorNote error={error} />
      {done && (
        <p className="note note-ok" role="status">
          {t('exports.requested')}
        </p>
      )}
    </section>
  );
}

function ExportCard({ exp, highlighted }: { exp: ExportRow; highlighted: boolean }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const title = `${enumText('exportKind', exp.kind)} · ${enumText('exportFormat', exp.format)}`;
  const filters = describeFilters(exp, enumText, lang);
  const card = useRef<HTMLLIElement>(null);
  // Coming from another screen's export action: bring the new export into view (on a phone it lies below the form).
  useEffect(() => {
    if (highlighted) card.current?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <li ref={card} className={`card export${highlighted ? ' export-new' : ''}`} data-testid={`export-${exp.id}`} aria-label={title}>
      <div className="export-head">
        <h3>{title}</h3>
        <Badge kind={`export-${exp.status}`}>{enumText('exportStatus', exp.status)}</Badge>
      </div>
      {filters && <p className="muted export-filters">{filters}</p>}
      {isActive(exp.status) && (
        <div className="occupancy">
          <progress
            className="export-progress"
            max={100}
            value={exp.progress}
            aria-label={t('exports.progressOf', { name: title })}
          />
          <span className="bar-value">{formatNumber(exp.progress, lang)} %</span>
        </div>
      )}
      <dl className="details">
        <dt>{t('exports.createdAt')}</dt>
        <dd>{formatDateTime(exp.createdAt, lang)}</dd>
        <dt>{t('exports.finishedAt')}</dt>
        <dd>{formatDateTime(exp.finishedAt, lang)}</dd>
        <dt>{t('exports.rowCount')}</dt>
        <dd data-testid="export-rows">{formatNumber(exp.rowCount, lang)}</dd>
        {exp.includePersonalData && (
          <>
            <dt>{t('exports.personalData')}</dt>
            <dd>{t('exports.personalDataIncluded')}</dd>
          </>
        )}
      </dl>
      {exp.status === 'failed' && (
        <p className="note note-error" role="alert">
          {exp.error ?? t('error.generic')}
        </p>
      )}
      {exp.status === 'done' && (
        <p className="export-download">
          <a className="button primary" href={fileUrl(exp.id)} download={exp.fileName}>
            {t('exports.download')}
            <span className="visually-hidden">: {exp.fileName}</span>
          </a>
          <span className="muted">{t('exports.expiresAt', { time: formatDateTime(exp.expiresAt, lang) })}</span>
        </p>
      )}
      {exp.status === 'expired' && <p className="muted">{t('exports.expired')}</p>}
    </li>
  );
}

/** "Ngày 30/11/2026 · Đang cách ly" — the filters an export was made with, in words. */
function describeFilters(exp: ExportRow, enumText: (group: string, value: string) => string, lang: Lang): string {
  const f = exp.filters as Record<string, string | undefined>;
  const parts: string[] = [];
  if (f.adminUnitCode) parts.push(f.adminUnitCode);
  if (f.date) parts.push(formatDate(f.date, lang));
  if (f.from && f.to) parts.push(`${formatDate(f.from, lang)} – ${formatDate(f.to, lang)}`);
  const from = f.admittedFrom ?? f.sampledFrom ?? f.takenFrom;
  const to = f.admittedTo ?? f.sampledTo ?? f.takenTo;
  if (from || to) parts.push(`${formatDate(from, lang)} – ${to ? formatDate(new Date(new Date(to).getTime() - 1), lang) : '…'}`);
  if (f.status) parts.push(enumText(exp.kind === 'alerts' ? 'alertStatus' : 'stayStatus', f.status));
  if (f.classification) parts.push(enumText('classification', f.classification));
  if (f.result) parts.push(enumText('testResult', f.result));
  if (f.kind) parts.push(enumText('testKind', f.kind));
  if (f.type) parts.push(enumText('alertType', f.type));
  return parts.join(' · ');
}
