import { useEffect, useMemo, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, todayLocal } from '../../lib/format';
import { Link, useLocation } from '../../lib/router';
import { useUser } from '../../lib/session';
import { downloadCsv, fold } from '../../lib/text';
import { Badge, ErrorNote, Field, Loading, OccupancyBar, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type Counts = components['schemas']['CapacityCountsResponse'];
type FacilityRow = components['schemas']['FacilityCapacityRowResponse'];

const REFRESH_MS = 60_000;

/** Free beds of an area at a glance: totals, one card per facility, the units below to drill into. */
export default function CapacityBoard() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const { query } = useLocation();
  const area = query.get('area') ?? undefined;
  const [search, setSearch] = useState('');
  const [loadedAt, setLoadedAt] = useState<Date>();

  const board = useApi(async () => {
    const data = await ok(api.GET('/api/v1/capacity', { params: { query: area ? { adminUnitCode: area } : {} } }));
    const unit = data.adminUnitCode ? await ok(api.GET('/api/v1/admin-units/{code}', { params: { path: { code: data.adminUnitCode } } })) : null;
    setLoadedAt(new Date());
    return { ...data, parentCode: unit?.parentCode ?? null };
  }, [area]);

  // Refresh every minute while the board is open.
  useEffect(() => {
    const timer = setInterval(board.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [board.reload]);

  const facilities = useMemo(() => {
    const needle = fold(search.trim());
    const rows = board.data?.facilities ?? [];
    return needle ? rows.filter((f) => fold(`${f.name} ${f.code}`).includes(needle)) : rows;
  }, [board.data, search]);

  if (!board.data) return board.error ? <ErrorNote error={board.error} /> : <Loading />;
  const data = board.data;
  const ownUnit = user.role === 'district_committee' ? user.adminUnitCode : null;
  const canGoUp = data.adminUnitCode !== null && data.adminUnitCode !== ownUnit;

  const exportCsv = () => {
    const header = [
      t('capacity.col.code'), t('capacity.col.facility'), t('capacity.col.status'), t('capacity.col.unit'),
      t('capacity.total'), t('capacity.occupied'), t('capacity.available'), t('capacity.outOfService'),
      `${t('capacity.available')} – ${t('enum.sex.male')}`, `${t('capacity.available')} – ${t('enum.sex.female')}`, `${t('capacity.available')} – ${t('enum.sexPolicy.mixed')}`, t('capacity.col.lastChange'),
    ];
    const rows = facilities.map((f) => [
      f.code, f.name, enumText('facilityStatus', f.status), f.adminUnitCode,
      f.totalBeds, f.occupied, f.available, f.outOfService, f.bySex.male.available, f.bySex.female.available, f.bySex.mixed.available,
      f.lastChangedAt ? formatDateTime(f.lastChangedAt, lang) : '',
    ]);
    downloadCsv(`cong-suat-${data.adminUnitCode ?? 'toan-quoc'}-${todayLocal()}.csv`, [header, ...rows]);
  };

  return (
    <div className="capacity">
      <PageTitle
        actions={
          <>
            <button type="button" onClick={board.reload} disabled={board.loading}>
              {t('common.refresh')}
            </button>
            <button type="button" onClick={exportCsv}>
              {t('capacity.export')}
            </button>
          </>
        }
      >
        {t('capacity.title')}: {data.name ?? t('capacity.allAreas')}
      </PageTitle>
      <p className="muted" aria-live="polite">
        {t('capacity.updatedAt', { time: formatDateTime(loadedAt ?? null, lang) })} · {t('capacity.autoRefresh')}
      </p>
      {canGoUp && (
        <p>
          <Link to={data.parentCode ? `/capacity?area=${data.parentCode}` : '/capacity'}>← {t('capacity.up')}</Link>
        </p>
      )}
      {board.error && <ErrorNote error={board.error} />}

      <section aria-labelledby="totals-title" className="card totals" data-testid="totals">
        <h2 id="totals-title">{t('capacity.totals')}</h2>
        <CountsGrid counts={data.totals} testId="totals" />
        <OccupancyBar rate={data.totals.occupancyRate} label={t('capacity.occupancy')} />
      </section>

      {data.childUnits.length > 0 && (
        <section aria-labelledby="units-title">
          <h2 id="units-title">{t('capacity.childUnits')}</h2>
          <ul className="unit-list">
            {data.childUnits.map((u) => (
              <li key={u.adminUnitCode} className="card unit">
                <Link to={`/capacity?area=${u.adminUnitCode}`} className="unit-name">
                  {u.name}
                </Link>
                <span className="muted">{t('capacity.facilityCount', { n: formatNumber(u.facilityCount, lang) })}</span>
                <span>
                  <strong>{formatNumber(u.available, lang)}</strong> {t('capacity.freeOf', { total: formatNumber(u.totalBeds, lang) })}
                </span>
                <OccupancyBar rate={u.occupancyRate} label={`${t('capacity.occupancy')} ${u.name}`} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="facilities-title">
        <h2 id="facilities-title">{t('capacity.facilities')}</h2>
        <Field label={t('capacity.search')}>
          {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('capacity.searchHint')} />}
        </Field>
        {facilities.length === 0 && <p className="muted">{t('capacity.noFacilities')}</p>}
        <ul className="facility-list">
          {facilities.map((f) => (
            <FacilityCard key={f.facilityId} row={f} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function CountsGrid({ counts, testId }: { counts: Counts; testId: string }) {
  const { t, lang } = useI18n();
  const items = [
    ['total', t('capacity.total'), counts.totalBeds],
    ['occupied', t('capacity.occupied'), counts.occupied],
    ['available', t('capacity.available'), counts.available],
    ['out-of-service', t('capacity.outOfService'), counts.outOfService],
  ] as const;
  return (
    <dl className="counts">
      {items.map(([key, label, value]) => (
        <div key={key} className={`count count-${key}`}>
          <dt>{label}</dt>
          <dd data-testid={`${testId}-${key}`}>{formatNumber(value, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

function FacilityCard({ row }: { row: FacilityRow }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  return (
    <li className="card facility" data-testid={`facility-${row.code}`}>
      <div className="facility-head">
        <h3>
          <Link to={`/facilities/${row.facilityId}/rooms`}>{row.name}</Link>
        </h3>
        <Badge kind={row.status}>{enumText('facilityStatus', row.status)}</Badge>
      </div>
      <p className="muted">
        {row.code} · {enumText('facilityKind', row.kind)}
      </p>
      <p className="muted" data-testid="f-last-change">
        {row.lastChangedAt ? (
          <>
            {t('capacity.lastChange')} <time dateTime={String(row.lastChangedAt)}>{formatDateTime(row.lastChangedAt, lang)}</time>
          </>
        ) : (
          t('capacity.lastChangeUnknown')
        )}
      </p>
      <OccupancyBar rate={row.occupancyRate} label={`${t('capacity.occupancy')} ${row.name}`} />
      <table className="by-sex">
        <caption className="visually-hidden">{t('capacity.bySexCaption', { name: row.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('capacity.beds')}</th>
            <th scope="col">{t('capacity.total')}</th>
            <th scope="col">{t('capacity.occupied')}</th>
            <th scope="col">{t('capacity.available')}</th>
          </tr>
        </thead>
        <tbody>
          {(['male', 'female', 'mixed'] as const).map((sex) => (
            <tr key={sex}>
              <th scope="row">{enumText('sexPolicy', sex)}</th>
              <td>{formatNumber(row.bySex[sex].totalBeds, lang)}</td>
              <td>{formatNumber(row.bySex[sex].occupied, lang)}</td>
              <td>{formatNumber(row.bySex[sex].available, lang)}</td>
            </tr>
          ))}
          <tr className="sum">
            <th scope="row">{t('capacity.all')}</th>
            <td data-testid="f-total">{formatNumber(row.totalBeds, lang)}</td>
            <td data-testid="f-occupied">{formatNumber(row.occupied, lang)}</td>
            <td data-testid="f-available">{formatNumber(row.available, lang)}</td>
          </tr>
        </tbody>
      </table>
      {row.outOfService > 0 && <p className="muted">{t('capacity.outOfServiceN', { n: formatNumber(row.outOfService, lang) })}</p>}
    </li>
  );
}
