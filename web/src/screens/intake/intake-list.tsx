import { FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { BedSelect, type FreeBed, useFreeBeds } from '../../lib/facilities';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { Badge, ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { RowErrors } from './intake-lists';
import { useSubmission } from '../../lib/submission';

type Row = components['schemas']['IntakeRowResponse'];

/** One intake list: its people, each admitted on arrival (optionally into a chosen bed) or marked as not arriving. */
export default function IntakeList({ listId }: { listId: string }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const list = useApi(() => ok(api.GET('/api/v1/intake-lists/{id}', { params: { path: { id: listId } } })), [listId]);
  const canAdmit = user.role === 'admin' || user.role === 'camp_manager';
  const freeBeds = useFreeBeds(canAdmit ? (list.data?.facilityId ?? null) : null);

  if (!list.data) return list.error ? <ErrorNote error={list.error} /> : <Loading />;
  const l = list.data;
  return (
    <div>
      <p>
        <Link to={`/intake-lists?facility=${l.facilityId}`}>← {t('intake.back')}</Link>
      </p>
      <PageTitle actions={<button type="button" onClick={list.reload}>{t('common.refresh')}</button>}>
        {t('intake.listTitle', { file: l.fileName })}
      </PageTitle>
      <p className="muted">
        {formatDateTime(l.createdAt, lang)}
        {l.note && <> · {l.note}</>} · {t('intake.expected')}: {formatNumber(l.expected, lang)} · {t('intake.admitted')}:{' '}
        {formatNumber(l.admitted, lang)} · {t('intake.rejected')}: {formatNumber(l.rejected, lang)}
      </p>
      <section aria-labelledby="people-title">
        <h2 id="people-title">{t('intake.people')}</h2>
        <ul className="alert-list">
          {l.items.map((row) => (
            <RowCard key={row.id} listId={l.id} row={row} canAdmit={canAdmit} freeBeds={freeBeds} onDone={list.reload} />
          ))}
        </ul>
      </section>
      {l.errors.length > 0 && (
        <section aria-labelledby="invalid-title">
          <h2 id="invalid-title">{t('intake.invalidRows')}</h2>
          <RowErrors errors={l.errors} caption={t('intake.errors')} />
        </section>
      )}
    </div>
  );
}

function RowCard({ listId, row, canAdmit, freeBeds, onDone }: { listId: string; row: Row; canAdmit: boolean; freeBeds: FreeBed[]; onDone: () => void }) {
  const { t } = useI18n();
  const enumText = useEnumText();
  const [bedId, setBedId] = useState('');
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const { busy, error, run } = useSubmission();
  const params = { path: { id: listId, rowId: row.id } };

  // Admitting a row is idempotent in the API (the row remembers its stay), so a double click admits once.
  const act = async (e: FormEvent, call: () => Promise<unknown>) => {
    e.preventDefault();
    await run(async () => {
      await call();
      onDone();
    });
  };

  return (
    <li className="card alert" data-testid={`intake-row-${row.rowNumber}`}>
      <div className="alert-head">
        <strong>{row.fullName}</strong>
        <Badge kind={row.status}>{enumText('intakeRowStatus', row.status)}</Badge>
      </div>
      <p className="muted">
        {t('intake.row')} {row.rowNumber} · {enumText('sex', row.sex)} · {row.birthYear ?? '—'} · {enumText('classification', row.classification)}
        {row.idNumber && <> · {row.idNumber}</>}
      </p>
      {row.address && <p>{row.address}</p>}
      {row.exposureNote && <p className="muted">{row.exposureNote}</p>}
      {row.rejectReason && <p>{row.rejectReason}</p>}
      {row.stayId && <Link to={`/stays/${row.stayId}`}>{t('intake.openStay')}</Link>}
      {canAdmit && row.status === 'expected' && (
        <>
          <form
            className="inline-form"
            onSubmit={(e) =>
              act(e, () =>
                ok(api.POST('/api/v1/intake-lists/{id}/rows/{rowId}/admit', { params, body: bedId ? { bedId } : {} })),
              )
            }
          >
            <Field label={t('intake.bed')}>
              {(p) => <BedSelect {...p} beds={freeBeds} value={bedId} onChange={setBedId} emptyLabel={t('admit.auto')} />}
            </Field>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {t('intake.admit')}
              </button>
              {!rejecting && (
                <button type="button" className="danger" onClick={() => setRejecting(true)}>
                  {t('intake.reject')}
                </button>
              )}
            </div>
          </form>
          {rejecting && (
            <form
              className="inline-form"
              onSubmit={(e) => act(e, () => ok(api.POST('/api/v1/intake-lists/{id}/rows/{rowId}/reject', { params, body: { reason: reason.trim() } })))}
            >
              <Field label={t('intake.rejectReason')}>
                {(p) => <input {...p} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
              <button type="submit" className="danger" disabled={busy || !reason.trim()}>
                {t('intake.reject')}
              </button>
            </form>
          )}
        </>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
