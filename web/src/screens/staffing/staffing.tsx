import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, todayLocal } from '../../lib/format';
import { allPages } from '../../lib/pages';
import { useUser } from '../../lib/session';
import { ErrorNote, Field, Loading, PageTitle, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type Assignment = components['schemas']['AssignmentResponse'];
type Coverage = components['schemas']['FacilityCoverageResponse'];

// Vietnam keeps UTC+7 all year: a local wall-clock time is this offset, always.
const OFFSET = '+07:00';
const SHIFTS = [
  { start: 6, end: 14 },
  { start: 14, end: 22 },
  { start: 22, end: 30 },
] as const;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function at(day: string, hour: number): Date {
  return new Date(new Date(`${day}T00:00:00${OFFSET}`).getTime() + hour * 3_600_000);
}

/** The facility's week: who is on duty in each shift, and where the frame falls short of its requirement. */
export default function Staffing() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const user = useUser();
  const [facilityId, setFacilityId] = useState(user.facilityId ?? '');
  const [monday, setMonday] = useState(mondayOf(todayLocal()));
  const facilities = useApi(
    () => (user.facilityId ? Promise.resolve([]) : allPages((page, limit) => ok(api.GET('/api/v1/facilities', { params: { query: { page, limit } } })))),
    [user.facilityId],
  );

  const week = useApi(async () => {
    if (!facilityId) return null;
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    const from = at(monday, 0).toISOString();
    const to = at(addDays(monday, 7), 6).toISOString();
    const [assignments, coverage] = await Promise.all([
      allPages((page, limit) =>
        ok(api.GET('/api/v1/facilities/{id}/assignments', { params: { path: { id: facilityId }, query: { from, to, page, limit } } })),
      ),
      Promise.all(
        days.flatMap((day) =>
          SHIFTS.map((s) =>
            ok(
              api.GET('/api/v1/facilities/{id}/staffing', {
                params: { path: { id: facilityId }, query: { at: at(day, (s.start + s.end) / 2).toISOString() } },
              }),
            ),
          ),
        ),
      ),
    ]);
    return { days, assignments, coverage };
  }, [facilityId, monday]);

  return (
    <div className="staffing">
      <PageTitle>{t('staffing.title')}</PageTitle>
      <div className="filters">
        {!user.facilityId && (
          <Field label={t('admit.facility')}>
            {(p) => (
              <select {...p} value={facilityId} onChange={(e) => setFacilityId(e.target.value)}>
                <option value="">{t('admit.chooseFacility')}</option>
                {(facilities.data ?? []).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="week-nav" role="group" aria-label={t('staffing.week')}>
          <button type="button" onClick={() => setMonday(addDays(monday, -7))}>
            ← {t('staffing.prevWeek')}
          </button>
          <span>
            {formatDate(monday, lang)} – {formatDate(addDays(monday, 6), lang)}
          </span>
          <button type="button" onClick={() => setMonday(addDays(monday, 7))}>
            {t('staffing.nextWeek')} →
          </button>
        </div>
      </div>
      <ErrorNote error={week.error} />
      {facilityId && !week.data && !week.error && <Loading />}
      {week.data && (
        <div className="table-wrap">
          <table className="roster" data-testid="roster">
            <caption>{t('staffing.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffing.day')}</th>
                {SHIFTS.map((s) => (
                  <th key={s.start} scope="col">
                    {String(s.start).padStart(2, '0')}:00–{String(s.end % 24).padStart(2, '0')}:00
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {week.data.days.map((day, d) => (
                <tr key={day}>
                  <th scope="row">{formatDate(day, lang)}</th>
                  {SHIFTS.map((s, i) => {
                    const cov: Coverage = week.data!.coverage[d * SHIFTS.length + i];
                    const start = at(day, s.start).getTime();
                    const end = at(day, s.end).getTime();
                    const onDuty = week.data!.assignments.filter(
                      (a: Assignment) => new Date(a.startsAt).getTime() < end && new Date(a.endsAt).getTime() > start,
                    );
                    return (
                      <td key={s.start} className={cov.gap > 0 ? 'gap' : ''}>
                        <p className="cover">
                          {t('staffing.cover', { onDuty: formatNumber(cov.onDuty, lang), required: formatNumber(cov.required, lang) })}
                          {cov.gap > 0 && <strong> · {t('staffing.gap', { n: formatNumber(cov.gap, lang) })}</strong>}
                        </p>
                        {cov.roles
                          .filter((r) => r.gap > 0)
                          .map((r) => (
                            <p key={r.role} className="gap-role">
                              {t('staffing.roleGap', { role: enumText('staffRole', r.role), n: r.gap })}
                            </p>
                          ))}
                        <ul>
                          {onDuty.map((a) => (
                            <li key={a.id}>
                              {a.staffName} <span className="muted">({enumText('staffRole', a.role)})</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
