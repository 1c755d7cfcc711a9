import { FormEvent, useEffect, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { BedSelect, freeBedsOf } from '../../lib/facilities';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/idempotent';
import { allPages } from '../../lib/pages';
import { Link, useLocation } from '../../lib/router';
import { useUser } from '../../lib/session';
import { ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';
import { ScheduleTable } from '../stays/schedule-table';
import { useSubmission } from '../../lib/submission';

type Person = components['schemas']['PersonResponse'];
type Stay = components['schemas']['StayResponse'];
type Classification = components['schemas']['AdmitPersonDto']['classification'];
type Sex = components['schemas']['CreatePersonDto']['sex'];

const CLASSIFICATIONS: Classification[] = ['F1', 'F2', 'F3', 'precaution', 'F0'];

interface NewPerson {
  fullName: string;
  sex: Sex | '';
  birthYear: string;
  idNumber: string;
  phone: string;
  residenceAdminUnitCode: string;
  address: string;
  vaccinationDoses: string;
}

const EMPTY_PERSON: NewPerson = { fullName: '', sex: '', birthYear: '', idNumber: '', phone: '', residenceAdminUnitCode: '', address: '', vaccinationDoses: '0' };

/** Admission at the gate: find or enter the person, choose the classification and the bed, admit once. */
export default function Admit() {
  const { t } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const [facilityId, setFacilityId] = useState(query.get('facility') ?? user.facilityId ?? '');
  const [admitted, setAdmitted] = useState<Stay | null>(null);

  const facilities = useApi(
    () => (user.role === 'admin' ? allPages((page, limit) => ok(api.GET('/api/v1/facilities', { params: { query: { page, limit } } }))) : Promise.resolve([])),
    [user.role],
  );

  return (
    <div className="admit">
      <PageTitle>{t('admit.title')}</PageTitle>
      {user.role === 'admin' && (
        <Field label={t('admit.facility')}>
          {(p) => (
            <select {...p} value={facilityId} onChange={(e) => setFacilityId(e.target.value)}>
              <option value="">{t('admit.chooseFacility')}</option>
              {(facilities.data ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({f.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {admitted ? (
        <Admitted stay={admitted} onNext={() => setAdmitted(null)} />
      ) : facilityId ? (
        <AdmitForm key={facilityId} facilityId={facilityId} onAdmitted={setAdmitted} />
      ) : null}
    </div>
  );
}

function AdmitForm({ facilityId, onAdmitted }: { facilityId: string; onAdmitted: (stay: Stay) => void }) {
  const { t } = useI18n();
  const enumText = useEnumText();
  const keyFor = useIdempotencyKey();
  const [mode, setMode] = useState<'find' | 'new'>('find');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [personId, setPersonId] = useState('');
  const [person, setPerson] = useState<NewPerson>(EMPTY_PERSON);
  const [classification, setClassification] = useState<Classification>('F1');
  const [vaccinated, setVaccinated] = useState<'' | 'yes' | 'no'>('');
  const [placement, setPlacement] = useState<'auto' | 'bed'>('auto');
  const [bedId, setBedId] = useState('');
  const { busy, error, setError, pending, run } = useSubmission();

  const rooms = useApi(
    () => allPages((page, limit) => ok(api.GET('/api/v1/facilities/{id}/rooms', { params: { path: { id: facilityId }, query: { page, limit } } }))),
    [facilityId],
  );

  // Search as the manager types (names without diacritics work, or a whole ID number).
  useEffect(() => {
    if (mode !== 'find' || q.trim().length < 2) {
      setFound(null);
      return;
    }
    const timer = setTimeout(() => {
      ok(api.GET('/api/v1/people', { params: { query: { q: q.trim(), limit: 20 } } })).then(
        (page) => setFound(page.items),
        (err) => setError(err),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q, mode]);

  const setField = (field: keyof NewPerson) => (e: { target: { value: string } }) => setPerson((p) => ({ ...p, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending()) return; // a second click while the first is on its way does nothing
    const body: components['schemas']['AdmitPersonDto'] = {
      facilityId,
      classification,
      ...(vaccinated ? { vaccinated: vaccinated === 'yes' } : {}),
      ...(placement === 'bed' && bedId ? { bedId } : {}),
      ...(mode === 'find'
        ? { personId }
        : {
            person: {
              fullName: person.fullName.trim(),
              sex: person.sex as Sex,
              ...(person.birthYear ? { birthYear: Number(person.birthYear) } : {}),
              ...(person.idNumber.trim() ? { idNumber: person.idNumber.trim() } : {}),
              ...(person.phone.trim() ? { phone: person.phone.trim() } : {}),
              ...(person.residenceAdminUnitCode.trim() ? { residenceAdminUnitCode: person.residenceAdminUnitCode.trim() } : {}),
              ...(person.address.trim() ? { address: person.address.trim() } : {}),
              vaccinationDoses: Number(person.vaccinationDoses || 0),
            },
          }),
    };
    await run(async () => {
      const stay = await ok(api.POST('/api/v1/stays', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      onAdmitted(stay);
    });
  };

  const freeBeds = freeBedsOf(rooms.data ?? []);
  const ready = mode === 'find' ? Boolean(personId) : Boolean(person.fullName.trim() && person.sex);

  return (
    <form onSubmit={submit} className="card form" noValidate>
      <fieldset>
        <legend>{t('admit.person')}</legend>
        <div className="radios" role="radiogroup" aria-label={t('admit.person')}>
          <label>
            <input type="radio" name="mode" checked={mode === 'find'} onChange={() => setMode('find')} /> {t('admit.findPerson')}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} /> {t('admit.newPerson')}
          </label>
        </div>
        {mode === 'find' ? (
          <>
            <Field label={t('admit.search')} hint={t('admit.searchHint')}>
              {(p) => <input {...p} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />}
            </Field>
            {found && found.length === 0 && <p className="muted">{t('admit.noneFound')}</p>}
            {found && found.length > 0 && (
              <ul className="choices" aria-label={t('admit.results')}>
                {found.map((p) => (
                  <li key={p.id}>
                    <label>
                      <input type="radio" name="personId" value={p.id} checked={personId === p.id} onChange={() => setPersonId(p.id)} />{' '}
                      <strong>{p.fullName}</strong> · {enumText('sex', p.sex)} · {p.birthYear ?? formatDate(p.dateOfBirth, 'vi')} ·{' '}
                      {p.idNumber ?? t('admit.noId')}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <div className="grid">
            <Field label={t('person.fullName')}>{(p) => <input {...p} name="fullName" required value={person.fullName} onChange={setField('fullName')} autoComplete="off" />}</Field>
            <Field label={t('person.sex')}>
              {(p) => (
                <select {...p} name="sex" required value={person.sex} onChange={setField('sex')}>
                  <option value="">{t('common.choose')}</option>
                  <option value="male">{enumText('sex', 'male')}</option>
                  <option value="female">{enumText('sex', 'female')}</option>
                </select>
              )}
            </Field>
            <Field label={t('person.birthYear')}>{(p) => <input {...p} name="birthYear" inputMode="numeric" value={person.birthYear} onChange={setField('birthYear')} />}</Field>
            <Field label={t('person.idNumber')} hint={t('person.idNumberHint')}>
              {(p) => <input {...p} name="idNumber" value={person.idNumber} onChange={setField('idNumber')} autoComplete="off" />}
            </Field>
            <Field label={t('person.phone')}>{(p) => <input {...p} name="phone" type="tel" value={person.phone} onChange={setField('phone')} />}</Field>
            <Field label={t('person.residence')} hint={t('person.residenceHint')}>
              {(p) => <input {...p} name="residence" inputMode="numeric" value={person.residenceAdminUnitCode} onChange={setField('residenceAdminUnitCode')} />}
            </Field>
            <Field label={t('person.address')}>{(p) => <input {...p} name="address" value={person.address} onChange={setField('address')} />}</Field>
            <Field label={t('person.doses')}>
              {(p) => <input {...p} name="doses" type="number" min={0} max={10} value={person.vaccinationDoses} onChange={setField('vaccinationDoses')} />}
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('admit.quarantine')}</legend>
        <div className="grid">
          <Field label={t('stay.classification')}>
            {(p) => (
              <select {...p} name="classification" value={classification} onChange={(e) => setClassification(e.target.value as Classification)}>
                {CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {enumText('classification', c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('stay.vaccinated')}>
            {(p) => (
              <select {...p} name="vaccinated" value={vaccinated} onChange={(e) => setVaccinated(e.target.value as '' | 'yes' | 'no')}>
                <option value="">{t('admit.vaccinatedFromRecord')}</option>
                <option value="yes">{t('common.yes')}</option>
                <option value="no">{t('common.no')}</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('admit.placement')}</legend>
        <div className="radios">
          <label>
            <input type="radio" name="placement" checked={placement === 'auto'} onChange={() => setPlacement('auto')} /> {t('admit.auto')}
          </label>
          <label>
            <input type="radio" name="placement" checked={placement === 'bed'} onChange={() => setPlacement('bed')} /> {t('admit.chosenBed')}
          </label>
        </div>
        {placement === 'bed' &&
          (rooms.data ? (
            <Field label={t('admit.bed')}>
              {(p) => <BedSelect {...p} name="bed" beds={freeBeds} value={bedId} onChange={setBedId} emptyLabel={t('common.choose')} />}
            </Field>
          ) : (
            <Loading />
          ))}
      </fieldset>

      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={!ready || busy || (placement === 'bed' && !bedId)}>
        {busy ? t('admit.busy') : t('admit.submit')}
      </button>
    </form>
  );
}

function Admitted({ stay, onNext }: { stay: Stay; onNext: () => void }) {
  const { t, lang } = useI18n();
  return (
    <section className="card result" aria-labelledby="admitted-title" data-testid="admitted">
      <h2 id="admitted-title" tabIndex={-1} ref={(el) => el?.focus()}>
        {t('admit.done', { name: stay.person.fullName })}
      </h2>
      <p className="big" data-testid="admitted-bed">
        {t('admit.placedIn', { room: stay.roomCode, bed: stay.bedCode })}
      </p>
      <p>{t('admit.expectedRelease', { date: formatDateTime(stay.expectedReleaseAt, lang) })}</p>
      <h3>{t('stay.schedule')}</h3>
      <ScheduleTable tests={stay.scheduledTests} />
      <div className="actions">
        <Link className="button" to={`/stays/${stay.id}`}>
          {t('admit.openStay')}
        </Link>
        <Link className="button" to={`/facilities/${stay.facilityId}/rooms`}>
          {t('admit.openRoomMap')}
        </Link>
        <button type="button" className="primary" onClick={onNext}>
          {t('admit.next')}
        </button>
      </div>
    </section>
  );
}
