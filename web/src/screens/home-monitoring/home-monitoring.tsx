import { FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber, todayLocal } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/idempotent';
import { Badge, ErrorNote, Field, Loading, PageTitle, Pager, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { useSubmission } from '../../lib/submission';

type Item = components['schemas']['HomeMonitoringItemResponse'];
type CheckStatus = components['schemas']['RecordHomeCheckDto']['status'];
const CHECK_STATUSES: CheckStatus[] = ['ok', 'symptoms', 'absent', 'tested_negative', 'tested_positive'];

/** People released from any facility who live in the committee's area and are monitored at home on a day. */
export default function HomeMonitoring() {
  const { t, lang } = useI18n();
  const [area, setArea] = useState('');
  const [activeOn, setActiveOn] = useState(todayLocal());
  const [page, setPage] = useState(1);
  const limit = 50;
  const code = /^\d{2,5}$/.test(area.trim()) ? area.trim() : undefined;
  const list = useApi(
    () =>
      ok(
        api.GET('/api/v1/home-monitoring', {
          params: { query: { ...(code ? { adminUnitCode: code } : {}), ...(activeOn ? { activeOn } : {}), page, limit } },
        }),
      ),
    [code, activeOn, page],
  );

  return (
    <div>
      <PageTitle actions={<button type="button" onClick={list.reload}>{t('common.refresh')}</button>}>{t('homeMonitoring.title')}</PageTitle>
      <div className="filters">
        <Field label={t('homeMonitoring.area')} hint={t('homeMonitoring.areaHint')}>
          {(p) => <input {...p} inputMode="numeric" value={area} onChange={(e) => (setArea(e.target.value), setPage(1))} />}
        </Field>
        <Field label={t('homeMonitoring.activeOn')}>
          {(p) => <input {...p} type="date" value={activeOn} onChange={(e) => (setActiveOn(e.target.value), setPage(1))} />}
        </Field>
      </div>
      {list.error && <ErrorNote error={list.error} />}
      {!list.data ? (
        list.loading && <Loading />
      ) : (
        <>
          <p className="muted">{t('common.totalN', { n: formatNumber(list.data.total, lang) })}</p>
          {list.data.items.length === 0 && <p className="note">{t('homeMonitoring.none')}</p>}
          <ul className="alert-list">
            {list.data.items.map((item) => (
              <PersonCard key={item.stayId} item={item} onDone={list.reload} />
            ))}
          </ul>
          <Pager page={page} limit={limit} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function PersonCard({ item, onDone }: { item: Item; onDone: () => void }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const keyFor = useIdempotencyKey();
  const [status, setStatus] = useState<CheckStatus>('ok');
  const [note, setNote] = useState('');
  const { busy, error, pending, run } = useSubmission();
  const [saved, setSaved] = useState(false);
  const p = item.person;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body = { status, ...(note.trim() ? { note: note.trim() } : {}) };
    setSaved(false);
    await run(async () => {
      await ok(
        api.POST('/api/v1/stays/{id}/home-monitoring/checks', {
          params: { path: { id: item.stayId }, header: { 'Idempotency-Key': keyFor({ stayId: item.stayId, ...body }) } },
          body,
        }),
      );
      setSaved(true);
      setNote('');
      onDone();
    });
  };

  return (
    <li className="card alert" data-testid={`home-${item.stayId}`}>
      <div className="alert-head">
        <strong>{p.fullName}</strong>
        <span className="muted">
          {enumText('sex', p.sex)} · {p.birthYear ?? '—'}
        </span>
      </div>
      <p className="muted">{p.idNumber ?? ''}</p>
      <p>
        <span className="muted">{t('homeMonitoring.address')}:</span> {p.address ?? '—'} ({p.residenceAdminUnitCode ?? '—'})
      </p>
      <p>
        <span className="muted">{t('homeMonitoring.phone')}:</span> {p.phone ?? '—'}
      </p>
      <p>{t('homeMonitoring.releasedFrom', { facility: item.facilityName, time: formatDateTime(item.releasedAt, lang) })}</p>
      <p>{t('homeMonitoring.until', { date: formatDate(item.monitoringUntil, lang) })}</p>
      {item.postReleaseTests.length > 0 && (
        <>
          <p className="muted">{t('homeMonitoring.tests')}</p>
          <ul>
            {item.postReleaseTests.map((test) => (
              <li key={test.day}>
                {t('homeMonitoring.testDay', {
                  day: test.day,
                  date: formatDate(test.dueDate, lang),
                  state: enumText('postReleaseTestState', test.state),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <span className="muted">{t('homeMonitoring.lastCheck')}:</span>{' '}
        {item.lastCheck ? (
          <>
            <Badge kind={item.lastCheck.status}>{enumText('homeCheckStatus', item.lastCheck.status)}</Badge> {formatDateTime(item.lastCheck.at, lang)}
            {item.lastCheck.note && <> · {item.lastCheck.note}</>}
          </>
        ) : (
          t('homeMonitoring.noCheck')
        )}
      </p>
      <form className="inline-form" onSubmit={submit}>
        <h3 className="visually-hidden">{t('homeMonitoring.record')}</h3>
        <div className="grid">
          <Field label={t('homeMonitoring.status')}>
            {(fp) => (
              <select {...fp} value={status} onChange={(e) => setStatus(e.target.value as CheckStatus)}>
                {CHECK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {enumText('homeCheckStatus', s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('homeMonitoring.note')}>{(fp) => <input {...fp} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('homeMonitoring.submit')}
        </button>
        {saved && !error && (
          <span className="muted" role="status">
            {' '}
            {t('homeMonitoring.recorded')}
          </span>
        )}
      </form>
      <ErrorNote error={error} />
    </li>
  );
}
