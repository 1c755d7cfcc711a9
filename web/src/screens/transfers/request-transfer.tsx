import { FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { useIdempotencyKey } from '../../lib/idempotent';
import { Link } from '../../lib/router';
import { ErrorNote, Field } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { useSubmission } from '../../lib/submission';

type CreateBody = components['schemas']['CreateTransferRequestDto'];

/** On the stay page: ask another facility to take this person in (the other side accepts or rejects). */
export function RequestTransfer({ stayId, facilityId, onDone }: { stayId: string; facilityId: string; onDone: () => void }) {
  const { t } = useI18n();
  const keyFor = useIdempotencyKey();
  const [search, setSearch] = useState('');
  const q = search.trim();
  // Any role may name any active facility as the target (a camp manager sees no other facility elsewhere).
  const facilities = useApi(
    () => ok(api.GET('/api/v1/transfer-requests/targets', { params: { query: { limit: 100, ...(q ? { q } : {}) } } })),
    [q],
  );
  const targets = (facilities.data?.items ?? []).filter((f) => f.id !== facilityId);
  const [toFacilityId, setToFacilityId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, pending, run } = useSubmission();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body: CreateBody = { stayId, toFacilityId, reason: reason.trim() };
    await run(async () => {
      await ok(api.POST('/api/v1/transfer-requests', { params: { header: { 'Idempotency-Key': keyFor(body) } }, body }));
      setDone(true);
      onDone();
    });
  };

  return (
    <section className="card" aria-labelledby="request-transfer-title">
      <h2 id="request-transfer-title">{t('requestTransfer.title')}</h2>
      <form onSubmit={submit}>
        <div className="grid">
          <Field label={t('requestTransfer.search')} hint={t('requestTransfer.searchHint')}>
            {(p) => <input {...p} type="search" value={search} onChange={(e) => (setSearch(e.target.value), setToFacilityId(''))} />}
          </Field>
          <Field label={t('requestTransfer.facility')}>
            {(p) => (
              <select {...p} required value={toFacilityId} onChange={(e) => setToFacilityId(e.target.value)}>
                <option value="">{facilities.data && targets.length === 0 ? t('requestTransfer.noTargets') : t('common.choose')}</option>
                {targets.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name} ({f.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('requestTransfer.reason')} hint={t('requestTransfer.reasonHint')}>
            {(p) => <input {...p} required minLength={5} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
        <ErrorNote error={error} />
        {done && !error && (
          <p className="note note-ok" role="status">
            {t('requestTransfer.done')} <Link to={`/transfer-requests?facility=${facilityId}`}>{t('requestTransfer.list')}</Link>
          </p>
        )}
        <button type="submit" disabled={busy || !toFacilityId || reason.trim().length < 5}>
          {t('requestTransfer.submit')}
        </button>
      </form>
    </section>
  );
}
