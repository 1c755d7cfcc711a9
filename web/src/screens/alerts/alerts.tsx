import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { Badge, ErrorNote, Field, Loading, PageTitle, Pager, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type Alert = components['schemas']['AlertResponse'];
type Status = Alert['status'];

/** Open alerts of the facility (camp managers) or the area (committees, admins); acknowledge them. */
export default function Alerts() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const limit = 50;
  const list = useApi(
    () =>
      ok(
        api.GET('/api/v1/alerts', {
          params: { query: { status, page, limit, ...(user.facilityId ? { facilityId: user.facilityId } : {}) } },
        }),
      ),
    [status, page, user.facilityId],
  );

  const acknowledge = async (alert: Alert) => {
    setError(undefined);
    try {
      await ok(api.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id: alert.id } } }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div>
      <PageTitle actions={<button type="button" onClick={list.reload}>{t('common.refresh')}</button>}>{t('alerts.title')}</PageTitle>
      <Field label={t('alerts.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => (setStatus(e.target.value as Status), setPage(1))}>
            {(['open', 'acknowledged', 'resolved'] as const).map((s) => (
              <option key={s} value={s}>
                {enumText('alertStatus', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNote error={error ?? list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{t('common.totalN', { n: formatNumber(list.data.total, lang) })}</p>
          {list.data.items.length === 0 && <p className="note note-ok">{t('alerts.none')}</p>}
          <ul className="alert-list">
            {list.data.items.map((a) => (
              <li key={a.id} className={`card alert alert-${a.type}`}>
                <div className="alert-head">
                  <Badge kind={a.type}>{enumText('alertType', a.type)}</Badge>
                  <time dateTime={String(a.raisedAt)} className="muted">
                    {formatDateTime(a.raisedAt, lang)}
                  </time>
                </div>
                <p>{a.message}</p>
                {a.subjectDate && <p className="muted">{t('alerts.subjectDate', { date: formatDate(a.subjectDate, lang) })}</p>}
                <div className="actions">
                  {a.stayId && <Link to={`/stays/${a.stayId}`}>{t('alerts.openStay')}</Link>}
                  {!a.stayId && (
                    <Link to={`/facilities/${a.facilityId}/rooms`}>{t('alerts.openFacility')}</Link>
                  )}
                  {a.status === 'open' && user.role !== 'district_committee' && (
                    <button type="button" onClick={() => acknowledge(a)}>
                      {t('alerts.acknowledge')}
                    </button>
                  )}
                  {a.acknowledgedAt && <span className="muted">{t('alerts.acknowledgedAt', { time: formatDateTime(a.acknowledgedAt, lang) })}</span>}
                </div>
              </li>
            ))}
          </ul>
          <Pager page={page} limit={limit} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
