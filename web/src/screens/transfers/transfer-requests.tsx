import { FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { BedSelect, FacilityPicker, type FreeBed, useChosenFacility, useFreeBeds } from '../../lib/facilities';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/idempotent';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { Badge, ErrorNote, Field, Loading, PageTitle, Pager, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { useSubmission } from '../../lib/submission';

type Request = components['schemas']['TransferRequestResponse'];
type Status = Request['status'];
type Direction = 'incoming' | 'outgoing';

/** Requests to move people between facilities: the facility's incoming and outgoing ones, decided here. */
export default function TransferRequests() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const { facilityId, facilities } = useChosenFacility();
  const [direction, setDirection] = useState<Direction>('incoming');
  const [status, setStatus] = useState<Status | ''>('pending');
  const [page, setPage] = useState(1);
  const limit = 50;
  const list = useApi(
    async () =>
      facilityId
        ? ok(api.GET('/api/v1/transfer-requests', { params: { query: { facilityId, direction, ...(status ? { status } : {}), page, limit } } }))
        : null,
    [facilityId, direction, status, page],
  );
  // Beds to offer on accepting: the chosen facility's free beds (it is the target of incoming requests).
  const freeBeds = useFreeBeds(direction === 'incoming' ? facilityId : null);

  return (
    <div>
      <PageTitle actions={<button type="button" onClick={list.reload}>{t('common.refresh')}</button>}>{t('transferRequests.title')}</PageTitle>
      <div className="filters">
        <FacilityPicker facilityId={facilityId} facilities={facilities} />
        <Field label={t('transferRequests.direction')}>
          {(p) => (
            <select {...p} value={direction} onChange={(e) => (setDirection(e.target.value as Direction), setPage(1))}>
              <option value="incoming">{t('transferRequests.incoming')}</option>
              <option value="outgoing">{t('transferRequests.outgoing')}</option>
            </select>
          )}
        </Field>
        <Field label={t('transferRequests.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => (setStatus(e.target.value as Status | ''), setPage(1))}>
              <option value="">{t('common.all')}</option>
              {(['pending', 'accepted', 'rejected', 'cancelled'] as const).map((s) => (
                <option key={s} value={s}>
                  {enumText('transferStatus', s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {list.error && <ErrorNote error={list.error} />}
      {!list.data ? (
        list.loading && <Loading />
      ) : (
        <>
          <p className="muted">{t('common.totalN', { n: formatNumber(list.data.total, lang) })}</p>
          {list.data.items.length === 0 && <p className="note">{t('transferRequests.none')}</p>}
          <ul className="alert-list">
            {list.data.items.map((r) => (
              <RequestCard key={r.id} request={r} direction={direction} freeBeds={freeBeds} onDone={list.reload} />
            ))}
          </ul>
          <Pager page={page} limit={limit} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function RequestCard({ request: r, direction, freeBeds, onDone }: { request: Request; direction: Direction; freeBeds: FreeBed[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const keyFor = useIdempotencyKey();
  const [toBedId, setToBedId] = useState('');
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const { busy, error, run } = useSubmission();
  const pending = r.status === 'pending';

  const act = (call: () => Promise<unknown>) =>
    run(async () => {
      await call();
      onDone();
    });

  const accept = (e: FormEvent) => {
    e.preventDefault();
    const body = toBedId ? { toBedId } : {};
    return act(() =>
      ok(api.POST('/api/v1/transfer-requests/{id}/accept', { params: { path: { id: r.id }, header: { 'Idempotency-Key': keyFor({ id: r.id, ...body }) } }, body })),
    );
  };
  const reject = (e: FormEvent) => {
    e.preventDefault();
    return act(() => ok(api.POST('/api/v1/transfer-requests/{id}/reject', { params: { path: { id: r.id } }, body: { reason: reason.trim() } })));
  };
  const cancel = () => act(() => ok(api.POST('/api/v1/transfer-requests/{id}/cancel', { params: { path: { id: r.id } }, body: {} })));

  return (
    <li className="card alert" data-testid={`transfer-${r.id}`}>
      <div className="alert-head">
        <strong>
          {t('transferRequests.person', { name: r.personFullName, sex: enumText('sex', r.sex), classification: enumText('classification', r.classification) })}
        </strong>
        <Badge kind={r.status}>{enumText('transferStatus', r.status)}</Badge>
      </div>
      <p>{t('transferRequests.fromTo', { from: r.fromFacilityName, to: r.toFacilityName })}</p>
      <p>
        <span className="muted">{t('transferRequests.reason')}:</span> {r.reason}
      </p>
      <p className="muted">
        {t('transferRequests.requestedAt', { time: formatDateTime(r.requestedAt, lang) })}
        {r.decidedAt && <> · {t('transferRequests.decidedAt', { time: formatDateTime(r.decidedAt, lang) })}</>}
      </p>
      {r.decisionReason && (
        <p>
          <span className="muted">{t('transferRequests.decisionReason')}:</span> {r.decisionReason}
        </p>
      )}
      {(r.status === 'accepted' || direction === 'outgoing' || user.role !== 'camp_manager') && (
        <p>
          <Link to={`/stays/${r.stayId}`}>{t('transferRequests.openStay')}</Link>
        </p>
      )}
      {pending && direction === 'incoming' && (
        <>
          <form onSubmit={accept} className="inline-form">
            <Field label={t('transferRequests.bed')}>
              {(p) => <BedSelect {...p} beds={freeBeds} value={toBedId} onChange={setToBedId} emptyLabel={t('admit.auto')} />}
            </Field>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {t('transferRequests.accept')}
              </button>
              {!rejecting && (
                <button type="button" className="danger" onClick={() => setRejecting(true)}>
                  {t('transferRequests.reject')}
                </button>
              )}
            </div>
          </form>
          {rejecting && (
            <form onSubmit={reject} className="inline-form">
              <Field label={t('transferRequests.rejectReason')} hint={t('requestTransfer.reasonHint')}>
                {(p) => <input {...p} required minLength={5} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
              <button type="submit" className="danger" disabled={busy || reason.trim().length < 5}>
                {t('transferRequests.reject')}
              </button>
            </form>
          )}
        </>
      )}
      {pending && direction === 'outgoing' && (user.role === 'admin' || r.requestedBy === user.id) && (
        <button type="button" onClick={cancel} disabled={busy}>
          {t('transferRequests.cancel')}
        </button>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
