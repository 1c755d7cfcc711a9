import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { Badge, ErrorNote, Field, Loading, PageTitle, Pager, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type Status = 'admitted' | 'positive' | 'released';

/** Stays of the facility (or the area the user sees), searchable by name without diacritics or by ID number. */
export default function StaysList() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | ''>('admitted');
  const [page, setPage] = useState(1);
  const limit = 50;

  const list = useApi(
    () =>
      ok(
        api.GET('/api/v1/stays', {
          params: {
            query: {
              ...(user.facilityId ? { facilityId: user.facilityId } : {}),
              ...(status ? { status } : {}),
              ...(q.trim().length >= 2 ? { q: q.trim() } : {}),
              page,
              limit,
            },
          },
        }),
      ),
    [q, status, page, user.facilityId],
  );

  return (
    <div>
      <PageTitle>{t('stays.title')}</PageTitle>
      <div className="filters">
        <Field label={t('stays.search')} hint={t('admit.searchHint')}>
          {(p) => <input {...p} type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />}
        </Field>
        <Field label={t('stays.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => (setStatus(e.target.value as Status | ''), setPage(1))}>
              <option value="">{t('common.all')}</option>
              {(['admitted', 'positive', 'released'] as const).map((s) => (
                <option key={s} value={s}>
                  {enumText('stayStatus', s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {list.error && <ErrorNote error={list.error} />}
      {!list.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{t('common.totalN', { n: formatNumber(list.data.total, lang) })}</p>
          <div className="table-wrap">
            <table data-testid="stays-table">
              <thead>
                <tr>
                  <th scope="col">{t('person.fullName')}</th>
                  <th scope="col">{t('stay.bed')}</th>
                  <th scope="col">{t('stay.classification')}</th>
                  <th scope="col">{t('stay.status')}</th>
                  <th scope="col">{t('stay.admittedAt')}</th>
                  <th scope="col">{t('stay.expectedRelease')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/stays/${s.id}`}>{s.person.fullName}</Link>
                    </td>
                    <td>
                      {s.roomCode} / {s.bedCode}
                    </td>
                    <td>{enumText('classification', s.classification)}</td>
                    <td>
                      <Badge kind={s.status}>{enumText('stayStatus', s.status)}</Badge>
                    </td>
                    <td>{formatDate(s.admittedAt, lang)}</td>
                    <td>{formatDateTime(s.expectedReleaseAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} limit={limit} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
