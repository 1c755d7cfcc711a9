import { FormEvent, ReactNode, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime, formatNumber, todayLocal } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/idempotent';
import { Link, navigate, useLocation } from '../../lib/router';
import { useUser } from '../../lib/session';
import { ErrorNote, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { DatePicker } from './date-picker';
import { useSubmission } from '../../lib/submission';

type Board = components['schemas']['FacilityTodayResponse'];
type Item = components['schemas']['TodayStayItem'];
type ListKey = Exclude<keyof Board, 'facilityId' | 'date' | 'counts'>;
export type CountKey = keyof Board['counts'];

/** The board's figures in the order a manager reads them; the lists follow the same order. */
export const COUNT_KEYS: CountKey[] = [
  'inQuarantine',
  'arrivals',
  'testsDue',
  'testsOverdue',
  'releasesDue',
  'releasesOverdue',
  'readyForRelease',
  'healthChecksMissing',
  'positives',
];
const LISTS: ListKey[] = ['positives', 'readyForRelease', 'testsOverdue', 'testsDue', 'healthChecksMissing', 'releasesOverdue', 'releasesDue', 'arrivals'];
/** Lists that call for attention get a warning colour on their count. */
const URGENT = new Set<CountKey>(['testsOverdue', 'releasesOverdue', 'healthChecksMissing', 'positives']);

/** A camp's day on one screen (lists with nobody in them are left out; their count says 0): who arrives, who is due a test or a release, who missed a check, who is positive. */
export default function FacilityToday({ facilityId }: { facilityId: string }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const today = todayLocal();
  const date = query.get('date') ?? today;
  const [released, setReleased] = useState<{ stayId: string; fullName: string } | null>(null);

  const board = useApi(async () => {
    const [data, facility] = await Promise.all([
      ok(api.GET('/api/v1/facilities/{id}/today', { params: { path: { id: facilityId }, query: { date } } })),
      ok(api.GET('/api/v1/facilities/{id}', { params: { path: { id: facilityId } } })),
    ]);
    return { data, facility };
  }, [facilityId, date]);

  const go = (next: string) => navigate(`/facilities/${facilityId}/today${next === today ? '' : `?date=${next}`}`);

  if (!board.data) return board.error ? <ErrorNote error={board.error} /> : <Loading />;
  const { data, facility } = board.data;
  const canWrite = user.role !== 'district_committee';

  return (
    <div className="today">
      <PageTitle
        actions={
          <>
            {canWrite && (
              <Link className="button primary" to={`/facilities/${facilityId}/health-round`}>
                {t('nav.healthRound')}
              </Link>
            )}
            <Link className="button" to={`/facilities/${facilityId}/rooms`}>
              {t('today.roomMap')}
            </Link>
            <button type="button" onClick={board.reload} disabled={board.loading}>
              {t('common.refresh')}
            </button>
          </>
        }
      >
        {t('today.title')}: {facility.name}
      </PageTitle>
      <DatePicker date={date} onChange={go} />
      {board.error && <ErrorNote error={board.error} />}
      {released && (
        <p className="note note-ok" role="status" data-testid="released-note">
          {t('today.released', { name: released.fullName })}{' '}
          <a href={`/api/v1/stays/${released.stayId}/certificate`} download>
            {t('today.certificate')}
          </a>
        </p>
      )}

      <section className="card" aria-labelledby="today-counts">
        <h2 id="today-counts">{t('today.counts', { date: formatDate(data.date, lang) })}</h2>
        <TodayCounts counts={data.counts} testId="count" linkLists />
        <p className="certificates-link">
          <a href={`/api/v1/facilities/${facilityId}/certificates?releasedOn=${data.date}`} download>
            {t('today.dayCertificates')}
          </a>
        </p>
      </section>

      {LISTS.every((key) => data[key].length === 0) && <p className="muted">{t('today.empty')}</p>}
      {LISTS.filter((key) => data[key].length > 0).map((key) => (
        <TodayList
          key={key}
          list={key}
          items={data[key]}
          facilityId={facilityId}
          canWrite={canWrite}
          onReleased={(item) => {
            setReleased(item);
            board.reload();
          }}
        />
      ))}
    </div>
  );
}

export function TodayCounts({ counts, testId, linkLists = false }: { counts: Board['counts']; testId: string; linkLists?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <dl className="counts today-counts">
      {COUNT_KEYS.map((key) => (
        <div key={key} className={`count${URGENT.has(key) && counts[key] > 0 ? ' count-urgent' : ''}`}>
          <dt>{linkLists && key !== 'inQuarantine' && counts[key] > 0 ? <a href={`#list-${key}`}>{t(`today.count.${key}` as MessageKey)}</a> : t(`today.count.${key}` as MessageKey)}</dt>
          <dd data-testid={`${testId}-${key}`}>{formatNumber(counts[key], lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

function TodayList({
  list,
  items,
  facilityId,
  canWrite,
  onReleased,
}: {
  list: ListKey;
  items: Item[];
  facilityId: string;
  canWrite: boolean;
  onReleased: (item: Item) => void;
}) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const title = t(`today.count.${list}` as MessageKey);

  const about = (i: Item): string => {
    switch (list) {
      case 'arrivals':
        return t('today.admittedAt', { time: formatDateTime(i.admittedAt, lang) });
      case 'testsDue':
      case 'testsOverdue':
        return t('today.testDay', { day: i.testDay ?? '—', date: formatDate(i.dueDate, lang) });
      case 'releasesDue':
      case 'releasesOverdue':
      case 'readyForRelease':
        return t('today.releaseAt', { time: formatDateTime(i.expectedReleaseAt, lang) });
      case 'healthChecksMissing':
        return t('today.round', { round: enumText('round', i.round), date: formatDate(i.roundDate, lang) });
      case 'positives':
        return i.positiveResultAt ? t('today.positiveAt', { time: formatDateTime(i.positiveResultAt, lang) }) : t('today.positiveNoResult');
    }
  };

  const action = (i: Item): ReactNode => {
    if (!canWrite || i.status === 'released') return <Link to={`/stays/${i.stayId}`}>{t('today.action.open')}</Link>;
    switch (list) {
      case 'testsDue':
      case 'testsOverdue':
        return <Link to={`/stays/${i.stayId}#record-sample`}>{t('today.action.sample')}</Link>;
      case 'releasesDue':
      case 'releasesOverdue':
        return <Link to={`/stays/${i.stayId}#release`}>{t('today.action.review')}</Link>;
      case 'readyForRelease':
        return <ReleaseButton item={i} onReleased={onReleased} />;
      case 'healthChecksMissing':
        return <Link to={`/facilities/${facilityId}/health-round?room=${encodeURIComponent(i.roomCode)}`}>{t('today.action.healthCheck')}</Link>;
      case 'positives':
        return <Link to={`/stays/${i.stayId}#release`}>{t('today.action.treatment')}</Link>;
      default:
        return <Link to={`/stays/${i.stayId}`}>{t('today.action.open')}</Link>;
    }
  };

  return (
    <section className="card today-list" id={`list-${list}`} aria-labelledby={`title-${list}`} data-testid={`list-${list}`}>
      <h2 id={`title-${list}`}>
        {title} <span className="muted">({formatNumber(items.length, lang)})</span>
      </h2>
      <ul className="today-rows">
          {items.map((i) => (
            <li key={`${i.stayId}-${i.testDay ?? ''}-${i.round ?? ''}`}>
              <div className="today-who">
                <Link to={`/stays/${i.stayId}`} className="today-name">
                  {i.fullName}
                </Link>
                <span className="muted">
                  {t('admit.placedIn', { room: i.roomCode, bed: i.bedCode })} · {enumText('classification', i.classification)}
                </span>
                <span>{about(i)}</span>
              </div>
              <div className="today-action">{action(i)}</div>
            </li>
          ))}
      </ul>
    </section>
  );
}

/** Releases a person who is ready (period served, every test negative): outcome completed, one key per click. */
function ReleaseButton({ item, onReleased }: { item: Item; onReleased: (item: Item) => void }) {
  const { t } = useI18n();
  const keyFor = useIdempotencyKey();
  const { busy, error, pending, run } = useSubmission();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body: components['schemas']['ReleaseStayDto'] = { outcome: 'completed' };
    await run(async () => {
      await ok(api.POST('/api/v1/stays/{id}/release', { params: { path: { id: item.stayId }, header: { 'Idempotency-Key': keyFor(body) } }, body }));
      onReleased(item);
    });
  };

  return (
    <form onSubmit={submit}>
      <button type="submit" className="primary" disabled={busy} aria-label={`${t('today.action.release')}: ${item.fullName}`}>
        {busy ? t('today.action.releasing') : t('today.action.release')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
