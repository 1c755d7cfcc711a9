import { api, ok } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatNumber, todayLocal } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { ErrorNote, Loading, PageTitle } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { DatePicker } from './date-picker';
import { COUNT_KEYS, TodayCounts } from './facility-today';

/** For committees: the today board's counts for every facility of the area and their totals. */
export default function AreaToday() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const today = todayLocal();
  const area = query.get('area') ?? undefined;
  const date = query.get('date') ?? today;

  const board = useApi(
    () => ok(api.GET('/api/v1/today', { params: { query: { ...(area ? { adminUnitCode: area } : {}), date } } })),
    [area, date],
  );

  const go = (next: string) => {
    const params = new URLSearchParams();
    if (area) params.set('area', area);
    if (next !== today) params.set('date', next);
    const qs = params.toString();
    navigate(`/today${qs ? `?${qs}` : ''}`);
  };

  if (!board.data) return board.error ? <ErrorNote error={board.error} /> : <Loading />;
  const data = board.data;
  const dateQuery = date === today ? '' : `?date=${date}`;

  return (
    <div className="today">
      <PageTitle
        actions={
          <button type="button" onClick={board.reload} disabled={board.loading}>
            {t('common.refresh')}
          </button>
        }
      >
        {t('today.areaTitle')}: {data.name ?? t('capacity.allAreas')}
      </PageTitle>
      <DatePicker date={date} onChange={go} />
      {board.error && <ErrorNote error={board.error} />}
      <section className="card" aria-labelledby="area-totals">
        <h2 id="area-totals">
          {t('today.totals')} — {formatDate(data.date, lang)}
        </h2>
        <TodayCounts counts={data.totals} testId="totals" />
      </section>
      <section className="card" aria-labelledby="area-facilities">
        <h2 id="area-facilities">{t('today.facilities')}</h2>
        {data.facilities.length === 0 ? (
          <p className="muted">{t('today.noFacilities')}</p>
        ) : (
          <div className="table-wrap">
            <table className="today-table" data-testid="area-facilities">
              <thead>
                <tr>
                  <th scope="col">{t('today.facility')}</th>
                  {COUNT_KEYS.map((key) => (
                    <th key={key} scope="col" className="num">
                      {t(`today.count.${key}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.facilities.map((f) => (
                  <tr key={f.facilityId} data-testid={`facility-${f.code}`}>
                    <th scope="row">
                      <Link to={`/facilities/${f.facilityId}/today${dateQuery}`}>{f.name}</Link>
                    </th>
                    {COUNT_KEYS.map((key) => (
                      <td key={key} data-testid={`f-${key}`} className={f.counts[key] > 0 && key !== 'inQuarantine' ? 'num strong' : 'num'}>
                        {formatNumber(f.counts[key], lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
