import { useMemo, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, todayLocal } from '../../lib/format';
import { allPages, dayNumber } from '../../lib/pages';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { fold } from '../../lib/text';
import { ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type Room = components['schemas']['RoomResponse'];
type Stay = components['schemas']['StayResponse'];

/** The rooms of a facility as cards; each bed coloured by its status and its occupant's classification. */
export default function RoomMap({ facilityId }: { facilityId: string }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const [building, setBuilding] = useState('');
  const [search, setSearch] = useState('');

  const map = useApi(async () => {
    const [facility, rooms, admitted, positive] = await Promise.all([
      ok(api.GET('/api/v1/facilities/{id}', { params: { path: { id: facilityId } } })),
      allPages((page, limit) => ok(api.GET('/api/v1/facilities/{id}/rooms', { params: { path: { id: facilityId }, query: { page, limit } } }))),
      allPages((page, limit) => ok(api.GET('/api/v1/stays', { params: { query: { facilityId, status: 'admitted', page, limit } } }))),
      allPages((page, limit) => ok(api.GET('/api/v1/stays', { params: { query: { facilityId, status: 'positive', page, limit } } }))),
    ]);
    const byBed = new Map<string, Stay>([...admitted, ...positive].map((s) => [s.bedId, s]));
    return { facility, rooms, byBed };
  }, [facilityId]);

  const buildings = useMemo(
    () => [...new Set((map.data?.rooms ?? []).map((r) => r.building ?? ''))].sort(),
    [map.data],
  );

  if (!map.data) return map.error ? <ErrorNote error={map.error} /> : <Loading />;
  const { facility, rooms, byBed } = map.data;
  const today = todayLocal();
  const needle = fold(search.trim());
  const shown = rooms.filter(
    (r) =>
      (!building || (r.building ?? '') === building) &&
      (!needle || fold(r.code).includes(needle) || r.beds.some((b) => fold(byBed.get(b.id)?.person.fullName ?? '').includes(needle))),
  );
  const beds = rooms.flatMap((r) => r.beds);
  const count = (status: string) => beds.filter((b) => b.status === status).length;

  return (
    <div className="room-map">
      <PageTitle
        actions={
          <>
            {user.role !== 'district_committee' && (
              <Link className="button primary" to={`/admit?facility=${facilityId}`}>
                {t('nav.admit')}
              </Link>
            )}
            <button type="button" onClick={map.reload}>
              {t('common.refresh')}
            </button>
          </>
        }
      >
        {t('rooms.title')}: {facility.name}
      </PageTitle>
      <p className="muted" data-testid="bed-summary">
        {t('rooms.summary', {
          total: formatNumber(beds.length, lang),
          occupied: formatNumber(count('occupied'), lang),
          available: formatNumber(count('available'), lang),
          out: formatNumber(count('out_of_service'), lang),
        })}
      </p>
      <Legend />
      <div className="filters">
        {buildings.length > 1 && (
          <Field label={t('rooms.building')}>
            {(p) => (
              <select {...p} value={building} onChange={(e) => setBuilding(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {buildings.map((b) => (
                  <option key={b} value={b}>
                    {b || '—'}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('rooms.search')}>
          {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
      </div>
      {rooms.length === 0 && <p className="muted">{t('rooms.none')}</p>}
      <ul className="rooms">
        {shown.map((room) => (
          <RoomCard key={room.id} room={room} byBed={byBed} today={today} />
        ))}
      </ul>
    </div>
  );

  function RoomCard({ room, byBed, today }: { room: Room; byBed: Map<string, Stay>; today: string }) {
    const occupants = room.beds.map((b) => byBed.get(b.id)).filter((s): s is Stay => Boolean(s));
    const cohort = occupants[0]?.cohortDate;
    return (
      <li className="card room" data-testid={`room-${room.code}`}>
        <div className="room-head">
          <h2>
            {t('rooms.room')} {room.code}
          </h2>
          <span className="muted">
            {enumText('sexPolicy', room.sexPolicy)}
            {room.floor !== null && ` · ${t('rooms.floor', { n: room.floor })}`}
          </span>
        </div>
        {cohort && (
          <p className="cohort">
            {t('rooms.cohort', { date: formatDate(cohort, lang), day: dayNumber(cohort, today) })}
          </p>
        )}
        <ul className="beds">
          {room.beds.map((bed) => {
            const stay = byBed.get(bed.id);
            const label = stay
              ? t('rooms.bedOccupied', {
                  bed: bed.code,
                  name: stay.person.fullName,
                  classification: enumText('classification', stay.classification),
                  day: dayNumber(todayLocal(new Date(stay.periodStartAt)), today),
                })
              : t('rooms.bedFree', { bed: bed.code, status: enumText('bedStatus', bed.status) });
            const cls = stay ? `bed bed-${stay.status === 'positive' ? 'positive' : `c-${stay.classification.toLowerCase()}`}` : `bed bed-${bed.status}`;
            return (
              <li key={bed.id}>
                {stay ? (
                  <Link to={`/stays/${stay.id}`} className={cls} title={label}>
                    <span className="bed-code">{bed.code}</span>
                    <span className="bed-who">{stay.person.fullName}</span>
                    <span className="bed-meta">
                      {enumText('classification', stay.classification)} · {t('rooms.dayN', { n: dayNumber(todayLocal(new Date(stay.periodStartAt)), today) })}
                    </span>
                  </Link>
                ) : (
                  <span className={cls} title={label}>
                    <span className="bed-code">{bed.code}</span>
                    <span className="bed-meta">{enumText('bedStatus', bed.status)}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </li>
    );
  }
}

function Legend() {
  const { t } = useI18n();
  const enumText = useEnumText();
  const items: [string, string][] = [
    ['bed-available', enumText('bedStatus', 'available')],
    ['bed-out_of_service', enumText('bedStatus', 'out_of_service')],
    ['bed-c-f1', enumText('classification', 'F1')],
    ['bed-c-f2', enumText('classification', 'F2')],
    ['bed-c-f3', enumText('classification', 'F3')],
    ['bed-c-precaution', enumText('classification', 'precaution')],
    ['bed-positive', t('rooms.positive')],
  ];
  return (
    <ul className="legend" aria-label={t('rooms.legend')}>
      {items.map(([cls, label]) => (
        <li key={cls}>
          <span className={`swatch ${cls}`} aria-hidden="true" /> {label}
        </li>
      ))}
    </ul>
  );
}
