import { FormEvent, useMemo, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, localDateTimeToIso, todayLocal } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/idempotent';
import { allPages } from '../../lib/pages';
import { Link, useLocation } from '../../lib/router';
import { Badge, ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { useSubmission } from '../../lib/submission';

type Stay = components['schemas']['StayResponse'];
type Symptom = components['schemas']['FacilityHealthCheckDto']['symptoms'][number];
type Check = components['schemas']['FacilityHealthCheckDto'];
type Saved = components['schemas']['RecordedHealthChecksResponse'];

const SYMPTOMS: Symptom[] = ['fever', 'cough', 'sore_throat', 'runny_nose', 'aches', 'shortness_of_breath', 'loss_of_taste_smell', 'other'];

interface Entry {
  temperature: string;
  spo2: string;
  symptoms: Symptom[];
  note: string;
}
const EMPTY: Entry = { temperature: '', spo2: '', symptoms: [], note: '' };

/** "37,5" or "37.5" → 37.5; null when it is not a temperature the API takes (34.0–43.0, one decimal). */
export function parseTemperature(value: string): number | null {
  const v = value.trim().replace(',', '.');
  if (!/^\d{2}(\.\d)?$/.test(v)) return null;
  const n = Number(v);
  return n >= 34 && n <= 43 ? n : null;
}

function parseSpo2(value: string): number | null {
  const v = value.trim();
  if (!/^\d{2,3}$/.test(v)) return null;
  const n = Number(v);
  return n >= 50 && n <= 100 ? n : null;
}

/** A health round for a room or a floor: one row per person, saved in one request (all or nothing). */
export default function HealthRound({ facilityId }: { facilityId: string }) {
  const { t } = useI18n();
  const enumText = useEnumText();
  const { query } = useLocation();
  const keyFor = useIdempotencyKey();

  const data = useApi(async () => {
    const [facility, rooms, admitted, positive] = await Promise.all([
      ok(api.GET('/api/v1/facilities/{id}', { params: { path: { id: facilityId } } })),
      allPages((page, limit) => ok(api.GET('/api/v1/facilities/{id}/rooms', { params: { path: { id: facilityId }, query: { page, limit } } }))),
      allPages((page, limit) => ok(api.GET('/api/v1/stays', { params: { query: { facilityId, status: 'admitted', page, limit } } }))),
      allPages((page, limit) => ok(api.GET('/api/v1/stays', { params: { query: { facilityId, status: 'positive', page, limit } } }))),
    ]);
    rooms.sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
    return { facility, rooms, stays: [...admitted, ...positive] };
  }, [facilityId]);

  const initialPlace = () => {
    const room = query.get('room');
    const floor = query.get('floor');
    const found = room ? data.data?.rooms.find((r) => r.code === room) : undefined;
    if (found) return `room:${found.id}`;
    if (floor) return `floor:${floor}`;
    return '';
  };
  const [placeState, setPlace] = useState<string | null>(null);
  const place = placeState ?? initialPlace() ?? '';
  const [time, setTime] = useState('');
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const { busy, error, setError, pending, run } = useSubmission();
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState<{ result: Saved; names: Map<string, string> } | null>(null);

  const floors = useMemo(
    () => [...new Set((data.data?.rooms ?? []).map((r) => r.floor).filter((f): f is number => f !== null))].sort((a, b) => a - b),
    [data.data],
  );

  const shown: Stay[] = useMemo(() => {
    if (!data.data || !place) return [];
    const roomIds = new Set(
      data.data.rooms.filter((r) => (place.startsWith('room:') ? `room:${r.id}` === place : `floor:${r.floor}` === place)).map((r) => r.id),
    );
    return data.data.stays
      .filter((s) => roomIds.has(s.roomId))
      .sort((a, b) => a.roomCode.localeCompare(b.roomCode, 'vi', { numeric: true }) || a.bedCode.localeCompare(b.bedCode, 'vi', { numeric: true }));
  }, [data.data, place]);

  if (!data.data) return data.error ? <ErrorNote error={data.error} /> : <Loading />;
  const { facility, rooms } = data.data;

  const entry = (id: string) => entries[id] ?? EMPTY;
  const update = (id: string, change: Partial<Entry>) => setEntries((all) => ({ ...all, [id]: { ...(all[id] ?? EMPTY), ...change } }));
  const toggle = (id: string, symptom: Symptom, on: boolean) => {
    const current = entry(id).symptoms;
    update(id, { symptoms: on ? SYMPTOMS.filter((s) => s === symptom || current.includes(s)) : current.filter((s) => s !== symptom) });
  };
  const tempError = (id: string) => entry(id).temperature.trim() !== '' && parseTemperature(entry(id).temperature) === null;
  const spo2Error = (id: string) => entry(id).spo2.trim() !== '' && parseSpo2(entry(id).spo2) === null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    setSaved(null);
    setError(undefined);
    if (shown.some((s) => tempError(s.id) || spo2Error(s.id))) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const takenAt = time ? localDateTimeToIso(todayLocal(), time) : undefined;
    const checks: Check[] = shown
      .filter((s) => entry(s.id).temperature.trim() !== '')
      .map((s) => {
        const x = entry(s.id);
        const spo2 = parseSpo2(x.spo2);
        return {
          stayId: s.id,
          ...(takenAt ? { takenAt } : {}),
          temperatureC: parseTemperature(x.temperature)!,
          ...(spo2 !== null ? { spo2 } : {}),
          symptoms: x.symptoms,
          ...(x.note.trim() ? { note: x.note.trim() } : {}),
        };
      });
    if (checks.length === 0) {
      setError(new Error('nothing'));
      return;
    }
    const body = { checks };
    await run(async () => {
      const result = await ok(
        api.POST('/api/v1/facilities/{id}/health-checks', { params: { path: { id: facilityId }, header: { 'Idempotency-Key': keyFor(body) } }, body }),
      );
      keyFor.reset();
      setSaved({ result, names: new Map(shown.map((s) => [s.id, s.person.fullName])) });
      setEntries({});
      setTime('');
    });
  };

  const nothing = error instanceof Error && error.message === 'nothing';

  return (
    <div className="health-round">
      <PageTitle
        actions={
          <Link className="button" to={`/facilities/${facilityId}/today`}>
            {t('nav.today')}
          </Link>
        }
      >
        {t('round.title')}: {facility.name}
      </PageTitle>
      {saved && <SavedNote saved={saved} />}
      {rooms.length === 0 ? (
        <p className="muted">{t('round.noRooms')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="filters round-filters">
            <Field label={t('round.place')}>
              {(p) => (
                <select {...p} value={place} onChange={(e) => (setPlace(e.target.value), setSaved(null))}>
                  <option value="">{t('common.choose')}</option>
                  {floors.length > 0 && (
                    <optgroup label={t('round.floorsGroup')}>
                      {floors.map((f) => (
                        <option key={f} value={`floor:${f}`}>
                          {t('round.floor', { n: f })}
                        </option>
                      ))}
                    </optgroup>
                  )}
                  <optgroup label={t('round.roomsGroup')}>
                    {rooms.map((r) => (
                      <option key={r.id} value={`room:${r.id}`}>
                        {t('round.room', { code: r.code })}
                      </option>
                    ))}
                  </optgroup>
                </select>
              )}
            </Field>
            <Field label={t('round.time')} hint={t('round.timeHint')}>
              {(p) => <input {...p} type="time" value={time} onChange={(e) => setTime(e.target.value)} />}
            </Field>
          </div>
          {place && shown.length === 0 && <p className="muted">{t('round.nobody')}</p>}
          {shown.length > 0 && (
            <div className="table-wrap">
              <table className="round-table" data-testid="round-table">
                <caption className="visually-hidden">{t('round.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('round.person')}</th>
                    <th scope="col">{t('round.temperature')}</th>
                    <th scope="col">{t('round.spo2')}</th>
                    <th scope="col">{t('round.symptoms')}</th>
                    <th scope="col">{t('round.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => {
                    const x = entry(s.id);
                    const name = s.person.fullName;
                    return (
                      <tr key={s.id} data-testid={`round-row-${s.id}`}>
                        <th scope="row">
                          <Link to={`/stays/${s.id}`}>{name}</Link>
                          <span className="muted round-bed">
                            {t('admit.placedIn', { room: s.roomCode, bed: s.bedCode })}
                            {s.status === 'positive' && (
                              <>
                                {' '}
                                <Badge kind="positive">{enumText('stayStatus', 'positive')}</Badge>
                              </>
                            )}
                          </span>
                        </th>
                        <td data-label={t('round.temperature')}>
                          <input
                            className="num-input"
                            inputMode="decimal"
                            autoComplete="off"
                            aria-label={t('round.temperatureOf', { name })}
                            aria-invalid={tempError(s.id) || undefined}
                            aria-describedby={tempError(s.id) ? `temp-error-${s.id}` : undefined}
                            value={x.temperature}
                            onChange={(e) => update(s.id, { temperature: e.target.value })}
                          />
                          {tempError(s.id) && (
                            <small id={`temp-error-${s.id}`} className="danger-text">
                              {t('round.badTemperature')}
                            </small>
                          )}
                        </td>
                        <td data-label={t('round.spo2')}>
                          <input
                            className="num-input"
                            inputMode="numeric"
                            autoComplete="off"
                            aria-label={t('round.spo2Of', { name })}
                            aria-invalid={spo2Error(s.id) || undefined}
                            aria-describedby={spo2Error(s.id) ? `spo2-error-${s.id}` : undefined}
                            value={x.spo2}
                            onChange={(e) => update(s.id, { spo2: e.target.value })}
                          />
                          {spo2Error(s.id) && (
                            <small id={`spo2-error-${s.id}`} className="danger-text">
                              {t('round.badSpo2')}
                            </small>
                          )}
                        </td>
                        <td data-label={t('round.symptoms')}>
                          <fieldset className="symptoms">
                            <legend className="visually-hidden">{t('round.symptomsOf', { name })}</legend>
                            {SYMPTOMS.map((sym) => (
                              <label key={sym} className="chip">
                                <input type="checkbox" checked={x.symptoms.includes(sym)} onChange={(e) => toggle(s.id, sym, e.target.checked)} />
                                {enumText('symptom', sym)}
                              </label>
                            ))}
                          </fieldset>
                        </td>
                        <td data-label={t('round.note')}>
                          <input aria-label={t('round.noteOf', { name })} value={x.note} maxLength={1000} onChange={(e) => update(s.id, { note: e.target.value })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {invalid && (
            <div className="note note-error" role="alert">
              <p>{t('round.fixFirst')}</p>
            </div>
          )}
          {nothing ? (
            <div className="note note-warn" role="alert">
              <p>{t('round.nothingEntered')}</p>
            </div>
          ) : (
            <ErrorNote error={error} />
          )}
          {shown.length > 0 && (
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('round.busy') : t('round.submit')}
            </button>
          )}
        </form>
      )}
    </div>
  );
}

/** What a saved round did: how many checks, which round they fell in, and the alerts they raised. */
function SavedNote({ saved }: { saved: { result: Saved; names: Map<string, string> } }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const { result, names } = saved;
  const rounds = [...new Set(result.items.map((i) => (i.round ? `${enumText('round', i.round)} ${formatDate(i.roundDate, lang)}` : t('round.noRound'))))];
  const withAlerts = result.items.filter((i) => i.alertsRaised.length > 0);
  return (
    <section className="card" aria-labelledby="round-saved" data-testid="round-saved">
      <h2 id="round-saved" className="visually-hidden">
        {t('round.alertsTitle')}
      </h2>
      <div className="note note-ok" role="status">
        <p>
          {t('round.saved', { n: result.recorded, alerts: result.alertsRaised })} {t('round.savedRound', { round: rounds.join(', ') })}
        </p>
      </div>
      {withAlerts.length > 0 && (
        <>
          <h3>{t('round.alertsTitle')}</h3>
          <ul className="round-alerts" data-testid="round-alerts">
            {withAlerts.map((i) => (
              <li key={i.id}>
                <Link to={`/stays/${i.stayId}`}>{names.get(i.stayId) ?? i.stayId}</Link>: {formatNumber(i.temperatureC, lang, 1)} °C
                {i.spo2 !== null && ` · SpO2 ${i.spo2} %`}{' '}
                {i.alertsRaised.map((a) => (
                  <Badge key={a} kind="overdue">
                    {enumText('alertType', a)}
                  </Badge>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
