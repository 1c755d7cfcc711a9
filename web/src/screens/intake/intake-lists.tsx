import { FormEvent, useRef, useState } from 'react';
import { api, ApiError, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { FacilityPicker, useChosenFacility } from '../../lib/facilities';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { ErrorNote, Field, Loading, PageTitle, Pager } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type ImportResult = components['schemas']['IntakeImportResponse'];
type RowError = components['schemas']['IntakeRowErrorResponse'];

/** Lists of people a district sends to a facility: the template, an upload with its check, the facility's lists. */
export default function IntakeLists() {
  const { t, lang } = useI18n();
  const user = useUser();
  const { facilityId, facilities } = useChosenFacility();
  const [page, setPage] = useState(1);
  const limit = 50;
  const lists = useApi(
    async () => (facilityId ? ok(api.GET('/api/v1/intake-lists', { params: { query: { facilityId, page, limit } } })) : null),
    [facilityId, page],
  );
  const canUpload = user.role === 'admin' || user.role === 'district_committee';

  return (
    <div>
      <PageTitle actions={<button type="button" onClick={lists.reload}>{t('common.refresh')}</button>}>{t('intake.title')}</PageTitle>
      <div className="filters">
        <FacilityPicker facilityId={facilityId} facilities={facilities} />
      </div>
      <section className="card" aria-labelledby="template-title">
        <h2 id="template-title">{t('intake.template')}</h2>
        <div className="actions">
          <a className="button" href="/api/v1/intake-lists/template?format=xlsx" download>
            {t('intake.templateXlsx')}
          </a>
          <a className="button" href="/api/v1/intake-lists/template?format=csv" download>
            {t('intake.templateCsv')}
          </a>
        </div>
      </section>
      {canUpload && facilityId && <Upload facilityId={facilityId} onDone={lists.reload} />}

      <section aria-labelledby="lists-title">
        <h2 id="lists-title">{t('intake.lists')}</h2>
        {lists.error && <ErrorNote error={lists.error} />}
        {!lists.data ? (
          lists.loading && <Loading />
        ) : lists.data.items.length === 0 ? (
          <p className="note">{t('intake.none')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table data-testid="intake-lists">
                <thead>
                  <tr>
                    <th scope="col">{t('intake.createdAt')}</th>
                    <th scope="col">{t('intake.fileName')}</th>
                    <th scope="col">{t('intake.rows')}</th>
                    <th scope="col">{t('intake.expected')}</th>
                    <th scope="col">{t('intake.admitted')}</th>
                    <th scope="col">{t('intake.rejected')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lists.data.items.map((l) => (
                    <tr key={l.id}>
                      <td>
                        <Link to={`/intake-lists/${l.id}`}>{formatDateTime(l.createdAt, lang)}</Link>
                      </td>
                      <td>
                        {l.fileName}
                        {l.note && <div className="muted">{l.note}</div>}
                      </td>
                      <td>
                        {formatNumber(l.valid, lang)} / {formatNumber(l.rows, lang)}
                      </td>
                      <td>{formatNumber(l.expected, lang)}</td>
                      <td>{formatNumber(l.admitted, lang)}</td>
                      <td>{formatNumber(l.rejected, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={page} limit={limit} total={lists.data.total} onPage={setPage} />
          </>
        )}
      </section>
    </div>
  );
}

/** Upload a file for the facility; shows the check: valid and invalid rows, errors by row and column. */
function Upload({ facilityId, onDone }: { facilityId: string; onDone: () => void }) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ summary: Omit<ImportResult, 'id' | 'facilityId'>; id?: string }>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file || busy) return;
    const form = new FormData();
    form.append('facilityId', facilityId);
    if (note.trim()) form.append('note', note.trim());
    form.append('file', file);
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const res = await ok(
        api.POST('/api/v1/intake-lists', { body: { facilityId, file: '' }, bodySerializer: () => form }),
      );
      setResult({ summary: res, id: res.id });
      onDone();
    } catch (err) {
      // No valid row: the API still says why, row by row.
      const details = err instanceof ApiError ? (err.body as { details?: Omit<ImportResult, 'id' | 'facilityId'> }).details : undefined;
      if (details) setResult({ summary: details });
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">{t('intake.upload')}</h2>
      <form onSubmit={submit}>
        <div className="grid">
          <Field label={t('intake.file')}>
            {(p) => <input {...p} ref={fileInput} type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />}
          </Field>
          <Field label={t('intake.note')}>{(p) => <input {...p} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('intake.busy') : t('intake.submit')}
        </button>
      </form>
      <ErrorNote error={error} />
      {result && <CheckResult {...result} />}
    </section>
  );
}

function CheckResult({ summary, id }: { summary: { rows: number; valid: number; invalid: number; errors: RowError[] }; id?: string }) {
  const { t, lang } = useI18n();
  return (
    <div className="inline-form" role="status" data-testid="intake-result">
      <h3>{t('intake.result')}</h3>
      <p className={summary.invalid ? 'note note-warn' : 'note note-ok'}>
        {t('intake.resultSummary', {
          rows: formatNumber(summary.rows, lang),
          valid: formatNumber(summary.valid, lang),
          invalid: formatNumber(summary.invalid, lang),
        })}
      </p>
      {summary.errors.length > 0 && <RowErrors errors={summary.errors} caption={t('intake.errors')} />}
      {id && (
        <p>
          <Link to={`/intake-lists/${id}`}>{t('intake.openList')}</Link>
        </p>
      )}
    </div>
  );
}

export function RowErrors({ errors, caption }: { errors: RowError[]; caption: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('intake.row')}</th>
            <th scope="col">{t('intake.field')}</th>
            <th scope="col">{t('intake.message')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row}</td>
              <td>{e.field}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
