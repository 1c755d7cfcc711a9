import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type MessageKey } from '../../i18n';
import { addDays, formatDate, formatNumber, todayLocal } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { EXPORT_FORMATS, requestExport, type ExportFormat } from '../exports/export-request';
import { DailyChart } from './daily-chart';

type Figures = components['schemas']['DailyFiguresResponse'];

const FIGURES: { key: keyof Figures; label: MessageKey }[] = [
  { key: 'inQuarantine', label: 'report.inQuarantine' },
  { key: 'admitted', label: 'report.admitted' },
  { key: 'released', label: 'report.released' },
  { key: 'transferredIn', label: 'report.transferredIn' },
  { key: 'transferredOut', label: 'report.transferredOut' },
  { key: 'positives', label: 'report.positives' },
  { key: 'testsSampled', label: 'report.testsSampled' },
  { key: 'resultsPending', label: 'report.resultsPending' },
  { key: 'bedsTotal', label: 'report.bedsTotal' },
  { key: 'bedsOccupied', label: 'report.bedsOccupied' },
];

/** The daily bulletin of an area: the figures of a chosen day against the day before, and 14 days as a chart. */
export default function DailyReport() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const today = todayLocal();
  const area = query.get('area') ?? undefined;
  const date = query.get('date') ?? today;
  const [dateInput, setDateInput] = useState(date);

  const report = useApi(async () => {
    const scope = area ? { adminUnitCode: area } : {};
    const [daily, series] = await Promise.all([
      ok(api.GET('/api/v1/reports/daily', { params: { query: { ...scope, date } } })),
      ok(api.GET('/api/v1/reports/daily/series', { params: { query: { ...scope, from: addDays(date, -13), to: date } } })),
    ]);
    return { daily, series };
  }, [area, date]);

  const go = (next: { area?: string; date?: string }) => {
    const params = new URLSearchParams();
    if (next.area ?? area) params.set('area', (next.area ?? area)!);
    params.set('date', next.date ?? date);
    navigate(`/reports?${params.toString()}`);
  };

  const delta = (now: number, before: number) => {
    const d = now - before;
    return d === 0 ? '±0' : `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d), lang)}`;
  };

  return (
    <div className="report">
      <PageTitle>
        {t('report.title')}
        {report.data?.daily.name ? `: ${report.data.daily.name}` : ''}
      </PageTitle>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          go({ date: dateInput });
        }}
      >
        <Field label={t('report.date')}>
          {(p) => <input {...p} type="date" max={today} value={dateInput} onChange={(e) => setDateInput(e.target.value)} required />}
        </Field>
        <button type="submit">{t('report.show')}</button>
      </form>
      <ErrorNote error={report.error} />
      <ExportReport area={area} date={date} />
      {!report.data ? (
        !report.error && <Loading />
      ) : (
        <>
          <section className="card" aria-labelledby="report-totals">
            <h2 id="report-totals">{t('report.totalsOf', { date: formatDate(report.data.daily.date, lang) })}</h2>
            <div className="table-wrap">
              <table data-testid="report-totals">
                <thead>
                  <tr>
                    <th scope="col">{t('report.figure')}</th>
                    <th scope="col">{formatDate(report.data.daily.date, lang)}</th>
                    <th scope="col">{t('report.dayBefore')}</th>
                    <th scope="col">{t('report.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {FIGURES.map((f) => (
                    <tr key={f.key}>
                      <th scope="row">{t(f.label)}</th>
                      <td>{formatNumber(report.data!.daily.totals[f.key], lang)}</td>
                      <td>{formatNumber(report.data!.daily.previous[f.key], lang)}</td>
                      <td>{delta(report.data!.daily.totals[f.key], report.data!.daily.previous[f.key])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="report-chart">
            <h2 id="report-chart">{t('report.last14')}</h2>
            <DailyChart days={report.data.series.days} />
          </section>
          {report.data.daily.childUnits.length > 0 && (
            <section className="card" aria-labelledby="report-units">
              <h2 id="report-units">{t('capacity.childUnits')}</h2>
              <RowsTable
                rows={report.data.daily.childUnits.map((u) => ({
                  key: u.adminUnitCode,
                  name: <Link to={`/reports?area=${u.adminUnitCode}&date=${date}`}>{u.name}</Link>,
                  figures: u,
                }))}
              />
            </section>
          )}
          <section className="card" aria-labelledby="report-facilities">
            <h2 id="report-facilities">{t('capacity.facilities')}</h2>
            <RowsTable rows={report.data.daily.facilities.map((f) => ({ key: f.facilityId, name: f.name, figures: f }))} />
          </section>
        </>
      )}
    </div>
  );
}

/** Asks for the shown report (the day, or its 14 days) as a file made in the background, then opens the Exports page. */
function ExportReport({ area, date }: { area?: string; date: string }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const from = addDays(date, -13);

  const request = async (days: { date: string } | { from: string; to: string }) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const id = await requestExport({ kind: 'daily-report', format, lang, filters: { ...(area ? { adminUnitCode: area } : {}), ...days } });
      navigate(`/exports?requested=${id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card report-export" aria-labelledby="report-export">
      <h2 id="report-export">{t('report.export')}</h2>
      <p className="muted">{t('report.exportHint')}</p>
      <div className="filters">
        <Field label={t('report.exportFormat')}>
          {(p) => (
            <select {...p} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {enumText('exportFormat', f)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions field-actions">
          <button type="button" disabled={busy} onClick={() => request({ date })}>
            {t('report.exportDay', { date: formatDate(date, lang) })}
          </button>
          <button type="button" disabled={busy} onClick={() => request({ from, to: date })}>
            {t('report.export14', { from: formatDate(from, lang), to: formatDate(date, lang) })}
          </button>
        </div>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}

function RowsTable({ rows }: { rows: { key: string; name: React.ReactNode; figures: Figures }[] }) {
  const { t, lang } = useI18n();
  const cols = FIGURES.filter((f) => f.key !== 'transferredIn' && f.key !== 'transferredOut' && f.key !== 'bedsTotal');
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('report.name')}</th>
            {cols.map((c) => (
              <th key={c.key} scope="col">
                {t(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {cols.map((c) => (
                <td key={c.key}>{formatNumber(r.figures[c.key], lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
