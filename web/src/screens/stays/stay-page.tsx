import { FormEvent, useEffect, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { BedSelect, useFacilities, useFreeBeds } from '../../lib/facilities';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/idempotent';
import { allPages } from '../../lib/pages';
import { Link } from '../../lib/router';
import { useUser } from '../../lib/session';
import { Badge, ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { RequestTransfer } from '../transfers/request-transfer';
import { ScheduleTable } from './schedule-table';
import { useSubmission } from '../../lib/submission';

type Stay = components['schemas']['StayDetailResponse'];
type Sample = components['schemas']['TestSampleResponse'];
type HealthCheck = components['schemas']['HealthCheckResponse'];
type TestKind = components['schemas']['RecordTestDto']['kind'];
type FinalResult = components['schemas']['RecordResultDto']['result'];

/** One person's stay: details, tests and results, release (with override) and transfer, and its history. */
export default function StayPage({ stayId }: { stayId: string }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const stay = useApi(async () => {
    const [detail, samples, checks] = await Promise.all([
      ok(api.GET('/api/v1/stays/{id}', { params: { path: { id: stayId } } })),
      allPages((page, limit) => ok(api.GET('/api/v1/stays/{id}/tests', { params: { path: { id: stayId }, query: { page, limit } } }))),
      allPages((page, limit) => ok(api.GET('/api/v1/stays/{id}/health-checks', { params: { path: { id: stayId }, query: { page, limit } } }))),
    ]);
    const facility = await ok(api.GET('/api/v1/facilities/{id}', { params: { path: { id: detail.facilityId } } }));
    return { detail, samples, checks, facility };
  }, [stayId]);

  // A link such as /stays/…#release (from the today board) lands on that part once the stay is shown.
  const loaded = Boolean(stay.data);
  useEffect(() => {
    const target = loaded && window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
  }, [loaded]);

  if (!stay.data) return stay.error ? <ErrorNote error={stay.error} /> : <Loading />;
  const { detail: s, samples, checks, facility } = stay.data;
  const open = s.status !== 'released';
  const canWrite = user.role !== 'district_committee';
  const p = s.person;

  return (
    <div className="stay">
      <PageTitle actions={<Badge kind={s.status}>{enumText('stayStatus', s.status)}</Badge>}>{p.fullName}</PageTitle>
      <div className="columns">
        <section className="card" aria-labelledby="stay-details">
          <h2 id="stay-details">{t('stay.details')}</h2>
          <dl className="details">
            <dt>{t('stay.facility')}</dt>
            <dd>{facility.name}</dd>
            <dt>{t('stay.bed')}</dt>
            <dd>
              <Link to={`/facilities/${s.facilityId}/rooms`}>
                {t('admit.placedIn', { room: s.roomCode, bed: s.bedCode })}
              </Link>
            </dd>
            <dt>{t('stay.classification')}</dt>
            <dd>{enumText('classification', s.classification)}</dd>
            <dt>{t('stay.vaccinated')}</dt>
            <dd>{s.vaccinated ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('stay.admittedAt')}</dt>
            <dd>{formatDateTime(s.admittedAt, lang)}</dd>
            <dt>{t('stay.periodStart')}</dt>
            <dd>{formatDateTime(s.periodStartAt, lang)}</dd>
            <dt>{t('stay.expectedRelease')}</dt>
            <dd data-testid="expected-release">{formatDateTime(s.expectedReleaseAt, lang)}</dd>
            {s.releasedAt && (
              <>
                <dt>{t('stay.releasedAt')}</dt>
                <dd data-testid="released-at">{formatDateTime(s.releasedAt, lang)}</dd>
              </>
            )}
            {s.releaseOutcome && (
              <>
                <dt>{t('stay.releaseOutcome')}</dt>
                <dd data-testid="release-outcome">{enumText('releaseOutcome', s.releaseOutcome)}</dd>
              </>
            )}
            {s.releaseDestination && (
              <>
                <dt>{t('stay.releaseDestination')}</dt>
                <dd>{s.releaseDestination}</dd>
              </>
            )}
            {s.releaseOverrideReason && (
              <>
                <dt>{t('stay.overrideReason')}</dt>
                <dd>{s.releaseOverrideReason}</dd>
              </>
            )}
            {s.homeMonitoringUntil && (
              <>
                <dt>{t('stay.homeMonitoringUntil')}</dt>
                <dd>{formatDate(s.homeMonitoringUntil, lang)}</dd>
              </>
            )}
            <dt>{t('stay.policy')}</dt>
            <dd>
              {t('stay.policyText', {
                days: s.policy.durationDays,
                tests: s.policy.testDays.join(', '),
                home: s.policy.homeMonitoringDays,
              })}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="person-details">
          <h2 id="person-details">{t('stay.person')}</h2>
          <dl className="details">
            <dt>{t('person.sex')}</dt>
            <dd>{enumText('sex', p.sex)}</dd>
            <dt>{t('person.birth')}</dt>
            <dd>{p.dateOfBirth ? formatDate(p.dateOfBirth, lang) : (p.birthYear ?? '—')}</dd>
            <dt>{t('person.idNumber')}</dt>
            <dd>{p.idNumber ?? '—'}</dd>
            <dt>{t('person.phone')}</dt>
            <dd>{p.phone ?? '—'}</dd>
            <dt>{t('person.residence')}</dt>
            <dd>{p.residenceAdminUnitCode ?? '—'}</dd>
            <dt>{t('person.address')}</dt>
            <dd>{p.address ?? '—'}</dd>
            <dt>{t('person.doses')}</dt>
            <dd>{p.vaccinationDoses}</dd>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="tests-title">
        <h2 id="tests-title">{t('stay.schedule')}</h2>
        <ScheduleTable tests={s.scheduledTests} />
        {open && canWrite && <RecordSample stay={s} onDone={stay.reload} />}
        <Samples samples={samples} canWrite={canWrite} onDone={stay.reload} />
      </section>

      {s.releaseOutcome === 'completed' && (
        <section className="card" aria-labelledby="certificate-title" id="certificate">
          <h2 id="certificate-title">{t('certificate.title')}</h2>
          <a className="button primary" href={`/api/v1/stays/${s.id}/certificate`} download data-testid="certificate-download">
            {t('certificate.download')}
          </a>
        </section>
      )}

      <HealthChecks checks={checks} stay={s} canWrite={open && canWrite} />

      {open && canWrite && <Release stay={s} onDone={stay.reload} />}
      {open && canWrite && <Transfer stay={s} onDone={stay.reload} />}
      {open && <RequestTransfer stayId={s.id} facilityId={s.facilityId} onDone={stay.reload} />}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('stay.history')}</h2>
        <ol className="history">
          {s.history.map((e) => (
            <li key={e.id}>
              <time dateTime={String(e.at)}>{formatDateTime(e.at, lang)}</time> — {enumText('auditAction', e.action)}
              {e.reason && <span className="muted"> · {e.reason}</span>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function RecordSample({ stay, onDone }: { stay: Stay; onDone: () => void }) {
  const { t } = useI18n();
  const enumText = useEnumText();
  const keyFor = useIdempotencyKey();
  const next = stay.scheduledTests.find((x) => x.state === 'due' || x.state === 'overdue') ?? stay.scheduledTests.find((x) => x.state === 'upcoming');
  const [day, setDay] = useState(next ? String(next.day) : '');
  const [kind, setKind] = useState<TestKind>('rt_pcr');
  const [result, setResult] = useState<FinalResult | ''>('');
  const [takenBy, setTakenBy] = useState('');
  const { busy, error, pending, run } = useSubmission();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body: components['schemas']['RecordTestDto'] = {
      kind,
      ...(day ? { scheduledDay: Number(day) } : {}),
      ...(result ? { result } : {}),
      ...(takenBy.trim() ? { takenBy: takenBy.trim() } : {}),
    };
    await run(async () => {
      await ok(api.POST('/api/v1/stays/{id}/tests', { params: { path: { id: stay.id }, header: { 'Idempotency-Key': keyFor(body) } }, body }));
      setDone(true);
      setResult('');
      onDone();
    });
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-labelledby="record-title" id="record-sample">
      <h3 id="record-title">{t('stay.recordSample')}</h3>
      <div className="grid">
        <Field label={t('stay.testDay')}>
          {(p) => (
            <select {...p} value={day} onChange={(e) => setDay(e.target.value)}>
              <option value="">{t('stay.extraTest')}</option>
              {stay.scheduledTests.map((x) => (
                <option key={x.day} value={x.day}>
                  {t('rooms.dayN', { n: x.day })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('stay.testKind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as TestKind)}>
              <option value="rt_pcr">{enumText('testKind', 'rt_pcr')}</option>
              <option value="rapid_antigen">{enumText('testKind', 'rapid_antigen')}</option>
            </select>
          )}
        </Field>
        <Field label={t('stay.resultNow')}>
          {(p) => (
            <select {...p} value={result} onChange={(e) => setResult(e.target.value as FinalResult | '')}>
              <option value="">{t('stay.resultPending')}</option>
              <option value="negative">{enumText('testResult', 'negative')}</option>
              <option value="positive">{enumText('testResult', 'positive')}</option>
            </select>
          )}
        </Field>
        <Field label={t('stay.takenBy')}>{(p) => <input {...p} value={takenBy} onChange={(e) => setTakenBy(e.target.value)} />}</Field>
      </div>
      <ErrorNote error={error} />
      {done && !error && (
        <p className="note note-ok" role="status">
          {t('stay.sampleSaved')}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('stay.saveSample')}
      </button>
    </form>
  );
}

function Samples({ samples, canWrite, onDone }: { samples: Sample[]; canWrite: boolean; onDone: () => void }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  if (samples.length === 0) return <p className="muted">{t('stay.noSamples')}</p>;

  const record = async (sample: Sample, result: FinalResult) => {
    if (busy) return;
    setBusy(sample.id);
    setError(undefined);
    try {
      await ok(api.PATCH('/api/v1/tests/{id}', { params: { path: { id: sample.id } }, body: { result } }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <h3>{t('stay.samples')}</h3>
      <ErrorNote error={error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('stay.testDay')}</th>
              <th scope="col">{t('stay.testKind')}</th>
              <th scope="col">{t('stay.sampledAt')}</th>
              <th scope="col">{t('stay.result')}</th>
            </tr>
          </thead>
          <tbody>
            {samples.map((x) => (
              <tr key={x.id} className={x.currentPeriod ? '' : 'muted'}>
                <td>{x.scheduledDay ? t('rooms.dayN', { n: x.scheduledDay }) : t('stay.extraTest')}</td>
                <td>{enumText('testKind', x.kind)}</td>
                <td>{formatDateTime(x.sampledAt, lang)}</td>
                <td>
                  <Badge kind={x.result}>{enumText('testResult', x.result)}</Badge>
                  {x.result === 'pending' && canWrite && (
                    <span className="row-actions">
                      <button type="button" disabled={busy === x.id} onClick={() => record(x, 'negative')}>
                        {t('stay.markNegative')}
                      </button>
                      <button type="button" className="danger" disabled={busy === x.id} onClick={() => record(x, 'positive')}>
                        {t('stay.markPositive')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What the console can see standing between the stay and its release; the API has the last word. */
function missingForRelease(stay: Stay, t: ReturnType<typeof useI18n>['t'], lang: 'vi' | 'en'): string[] {
  const missing: string[] = [];
  if (new Date(stay.expectedReleaseAt) > new Date()) missing.push(t('release.periodNotOver', { date: formatDateTime(stay.expectedReleaseAt, lang) }));
  for (const test of stay.scheduledTests) {
    if (test.state === 'negative') continue;
    if (test.state === 'positive') missing.push(t('release.testPositive', { day: test.day }));
    else if (test.state === 'taken') missing.push(t('release.testPending', { day: test.day }));
    else missing.push(t('release.testMissing', { day: test.day, date: formatDate(test.dueDate, lang) }));
  }
  return missing;
}

type ReleaseMode = 'completed' | 'treatment' | 'other';

function Release({ stay, onDone }: { stay: Stay; onDone: () => void }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const keyFor = useIdempotencyKey();
  const missing = missingForRelease(stay, t, lang);
  // A confirmed case leaves for treatment; the API refuses that outcome for anyone else.
  const confirmed = stay.classification === 'F0';
  const [mode, setMode] = useState<ReleaseMode>(confirmed ? 'treatment' : 'completed');
  const [reason, setReason] = useState('');
  const [destination, setDestination] = useState('');
  const { busy, error, pending, run } = useSubmission();
  const override = mode === 'other';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body: components['schemas']['ReleaseStayDto'] =
      mode === 'other'
        ? { override: { reason: reason.trim() } }
        : mode === 'treatment'
          ? { outcome: 'transferred_to_treatment', destination: destination.trim() }
          : {};
    await run(async () => {
      await ok(api.POST('/api/v1/stays/{id}/release', { params: { path: { id: stay.id }, header: { 'Idempotency-Key': keyFor(body) } }, body }));
      onDone();
    });
  };

  return (
    <section className="card" aria-labelledby="release-title" id="release">
      <h2 id="release-title">{t('release.title')}</h2>
      {missing.length === 0 ? (
        <p className="note note-ok">{t('release.ready')}</p>
      ) : (
        <div className="note note-warn">
          <p>{t('release.missing')}</p>
          <ul data-testid="release-missing">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit}>
        {confirmed ? (
          <fieldset>
            <legend>{t('stay.releaseOutcome')}</legend>
            <div className="radios">
              {(['treatment', 'completed', 'other'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name="release-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
                  {enumText('releaseOutcome', m === 'treatment' ? 'transferred_to_treatment' : m)}
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <label className="check">
            <input type="checkbox" checked={override} onChange={(e) => setMode(e.target.checked ? 'other' : 'completed')} /> {t('release.override')}
          </label>
        )}
        {mode === 'treatment' && (
          <Field label={t('release.destination')} hint={t('release.destinationHint')}>
            {(p) => <input {...p} name="destination" value={destination} onChange={(e) => setDestination(e.target.value)} required minLength={2} maxLength={300} />}
          </Field>
        )}
        {override && (
          <Field label={t('release.reason')} hint={t('release.reasonHint')}>
            {(p) => <textarea {...p} name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} />}
          </Field>
        )}
        <ErrorNote error={error} />
        <button
          type="submit"
          className="primary"
          disabled={busy || (override && reason.trim().length < 10) || (mode === 'treatment' && destination.trim().length < 2)}
        >
          {override ? t('release.submitOverride') : mode === 'treatment' ? t('release.submitTreatment') : t('release.submit')}
        </button>
      </form>
    </section>
  );
}

function Transfer({ stay, onDone }: { stay: Stay; onDone: () => void }) {
  const { t } = useI18n();
  const keyFor = useIdempotencyKey();
  const [toFacilityId, setToFacilityId] = useState(stay.facilityId);
  const [toBedId, setToBedId] = useState('');
  const { busy, error, pending, run } = useSubmission();
  const [done, setDone] = useState(false);
  const facilities = useFacilities();
  const freeBeds = useFreeBeds(toFacilityId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body: components['schemas']['TransferStayDto'] = { toFacilityId, ...(toBedId ? { toBedId } : {}) };
    await run(async () => {
      await ok(api.POST('/api/v1/stays/{id}/transfer', { params: { path: { id: stay.id }, header: { 'Idempotency-Key': keyFor(body) } }, body }));
      setDone(true);
      setToBedId('');
      onDone();
    });
  };

  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer.title')}</h2>
      <form onSubmit={submit}>
        <div className="grid">
          <Field label={t('transfer.facility')}>
            {(p) => (
              <select {...p} value={toFacilityId} onChange={(e) => (setToFacilityId(e.target.value), setToBedId(''))}>
                {(facilities.data ?? [{ id: stay.facilityId, name: '…', code: '' }]).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('transfer.bed')}>
            {(p) => <BedSelect {...p} beds={freeBeds} value={toBedId} onChange={setToBedId} emptyLabel={t('admit.auto')} />}
          </Field>
        </div>
        <ErrorNote error={error} />
        {done && !error && (
          <p className="note note-ok" role="status">
            {t('transfer.done')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('transfer.submit')}
        </button>
      </form>
    </section>
  );
}

/** The stay's health checks, newest first, with a way to the round of its room. */
function HealthChecks({ checks, stay, canWrite }: { checks: HealthCheck[]; stay: Stay; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  return (
    <section className="card" aria-labelledby="health-title" id="health-checks">
      <h2 id="health-title">{t('health.title')}</h2>
      {checks.length === 0 ? (
        <p className="muted">{t('health.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="health-checks">
            <thead>
              <tr>
                <th scope="col">{t('health.takenAt')}</th>
                <th scope="col">{t('health.round')}</th>
                <th scope="col">{t('round.temperature')}</th>
                <th scope="col">{t('round.spo2')}</th>
                <th scope="col">{t('round.symptoms')}</th>
                <th scope="col">{t('round.note')}</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.takenAt, lang)}</td>
                  <td>{c.round ? enumText('round', c.round) : t('round.noRound')}</td>
                  <td>{formatNumber(c.temperatureC, lang, 1)}</td>
                  <td>{c.spo2 ?? '—'}</td>
                  <td>{c.symptoms.length ? c.symptoms.map((x) => enumText('symptom', x)).join(', ') : '—'}</td>
                  <td>{c.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <p>
          <Link to={`/facilities/${stay.facilityId}/health-round?room=${encodeURIComponent(stay.roomCode)}`}>{t('health.enterRound', { room: stay.roomCode })}</Link>
        </p>
      )}
    </section>
  );
}
