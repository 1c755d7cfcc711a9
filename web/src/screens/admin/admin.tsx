import { FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { allPages } from '../../lib/pages';
import { Badge, ErrorNote, Field, Loading, PageTitle, Pager, useEnumText } from '../../lib/ui';
import { useApi } from '../../lib/use-api';

type Tab = 'users' | 'policies' | 'jobs' | 'audit';
const TABS: Tab[] = ['users', 'policies', 'jobs', 'audit'];

/** Users, quarantine policies, scheduled jobs and the audit log. */
export default function Admin() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('users');
  return (
    <div className="admin">
      <PageTitle>{t('admin.title')}</PageTitle>
      <div className="tabs" role="group" aria-label={t('admin.title')}>
        {TABS.map((name) => (
          <button key={name} type="button" aria-pressed={tab === name} onClick={() => setTab(name)}>
            {t(`admin.tab.${name}` as MessageKey)}
          </button>
        ))}
      </div>
      {tab === 'users' && <Users />}
      {tab === 'policies' && <Policies />}
      {tab === 'jobs' && <Jobs />}
      {tab === 'audit' && <Audit />}
    </div>
  );
}

type User = components['schemas']['UserResponse'];
type Role = components['schemas']['CreateUserDto']['role'];

function Users() {
  const { t } = useI18n();
  const enumText = useEnumText();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const users = useApi(() => allPages((page, limit) => ok(api.GET('/api/v1/users', { params: { query: { page, limit } } }))), []);
  const facilities = useApi(() => allPages((page, limit) => ok(api.GET('/api/v1/facilities', { params: { query: { page, limit } } }))), []);
  const facilityName = (id: string | null) => (id ? (facilities.data?.find((f) => f.id === id)?.name ?? id) : '');

  const change = async (user: User, body: components['schemas']['UpdateUserDto'], message: string) => {
    setError(undefined);
    setNotice('');
    try {
      await ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }));
      setNotice(message);
      users.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.tab.users')}</h2>
      <NewUser facilities={facilities.data ?? []} onCreated={users.reload} />
      <ErrorNote error={error ?? users.error} />
      {notice && (
        <p className="note note-ok" role="status">
          {notice}
        </p>
      )}
      {!users.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.username')}</th>
                <th scope="col">{t('admin.fullName')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.scope')}</th>
                <th scope="col">{t('admin.active')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{u.fullName}</td>
                  <td>{enumText('role', u.role)}</td>
                  <td>{u.adminUnitCode ?? facilityName(u.facilityId)}</td>
                  <td>{u.active ? t('common.yes') : t('common.no')}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => change(u, { active: !u.active }, u.active ? t('admin.deactivated', { name: u.username }) : t('admin.activated', { name: u.username }))}>
                      {u.active ? t('admin.deactivate') : t('admin.activate')}
                    </button>
                    <ResetPassword onReset={(password) => change(u, { password }, t('admin.passwordReset', { name: u.username }))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ResetPassword({ onReset }: { onReset: (password: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('admin.resetPassword')}
      </button>
    );
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        onReset(password);
        setOpen(false);
        setPassword('');
      }}
    >
      <Field label={t('admin.newPassword')}>
        {(p) => <input {...p} type="password" autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <button type="submit" disabled={password.length < 8}>
        {t('common.save')}
      </button>
    </form>
  );
}

function NewUser({ facilities, onCreated }: { facilities: components['schemas']['FacilityResponse'][]; onCreated: () => void }) {
  const { t } = useI18n();
  const enumText = useEnumText();
  const [form, setForm] = useState({ username: '', fullName: '', password: '', role: 'camp_manager' as Role, adminUnitCode: '', facilityId: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        api.POST('/api/v1/users', {
          body: {
            username: form.username.trim(),
            fullName: form.fullName.trim(),
            password: form.password,
            role: form.role,
            ...(form.role === 'district_committee' ? { adminUnitCode: form.adminUnitCode.trim() } : {}),
            ...(form.role === 'camp_manager' ? { facilityId: form.facilityId } : {}),
          },
        }),
      );
      setForm({ ...form, username: '', fullName: '', password: '' });
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="card">
      <summary>{t('admin.newUser')}</summary>
      <form onSubmit={submit}>
        <div className="grid">
          <Field label={t('admin.username')}>{(p) => <input {...p} value={form.username} onChange={set('username')} autoComplete="off" />}</Field>
          <Field label={t('admin.fullName')}>{(p) => <input {...p} value={form.fullName} onChange={set('fullName')} />}</Field>
          <Field label={t('admin.password')} hint={t('admin.passwordHint')}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} />}
          </Field>
          <Field label={t('admin.role')}>
            {(p) => (
              <select {...p} value={form.role} onChange={set('role')}>
                {(['camp_manager', 'district_committee', 'admin'] as const).map((r) => (
                  <option key={r} value={r}>
                    {enumText('role', r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.role === 'district_committee' && (
            <Field label={t('admin.adminUnit')} hint={t('person.residenceHint')}>
              {(p) => <input {...p} inputMode="numeric" value={form.adminUnitCode} onChange={set('adminUnitCode')} />}
            </Field>
          )}
          {form.role === 'camp_manager' && (
            <Field label={t('admit.facility')}>
              {(p) => (
                <select {...p} value={form.facilityId} onChange={set('facilityId')}>
                  <option value="">{t('admit.chooseFacility')}</option>
                  {facilities.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.create')}
        </button>
      </form>
    </details>
  );
}

type Classification = components['schemas']['CreatePolicyDto']['classification'];

function Policies() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const policies = useApi(() => allPages((page, limit) => ok(api.GET('/api/v1/policies', { params: { query: { page, limit } } }))), []);
  const [form, setForm] = useState({ classification: 'F1' as Classification, vaccinated: 'no', durationDays: '14', testDays: '1, 7, 14', homeMonitoringDays: '14', notes: '' });
  const [error, setError] = useState<unknown>();
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await ok(
        api.POST('/api/v1/policies', {
          body: {
            classification: form.classification,
            vaccinated: form.vaccinated === 'yes',
            durationDays: Number(form.durationDays),
            testDays: form.testDays.split(/[,\s]+/).filter(Boolean).map(Number),
            homeMonitoringDays: Number(form.homeMonitoringDays),
            ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
          },
        }),
      );
      policies.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="policies-title">
      <h2 id="policies-title">{t('admin.tab.policies')}</h2>
      <details className="card">
        <summary>{t('admin.newPolicy')}</summary>
        <form onSubmit={submit}>
          <div className="grid">
            <Field label={t('stay.classification')}>
              {(p) => (
                <select {...p} value={form.classification} onChange={set('classification')}>
                  {(['F0', 'F1', 'F2', 'F3', 'precaution'] as const).map((c) => (
                    <option key={c} value={c}>
                      {enumText('classification', c)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('stay.vaccinated')}>
              {(p) => (
                <select {...p} value={form.vaccinated} onChange={set('vaccinated')}>
                  <option value="yes">{t('common.yes')}</option>
                  <option value="no">{t('common.no')}</option>
                </select>
              )}
            </Field>
            <Field label={t('admin.durationDays')}>{(p) => <input {...p} type="number" min={1} value={form.durationDays} onChange={set('durationDays')} />}</Field>
            <Field label={t('admin.testDays')} hint={t('admin.testDaysHint')}>{(p) => <input {...p} value={form.testDays} onChange={set('testDays')} />}</Field>
            <Field label={t('admin.homeDays')}>{(p) => <input {...p} type="number" min={0} value={form.homeMonitoringDays} onChange={set('homeMonitoringDays')} />}</Field>
            <Field label={t('admin.notes')}>{(p) => <input {...p} value={form.notes} onChange={set('notes')} />}</Field>
          </div>
          <ErrorNote error={error} />
          <button type="submit" className="primary">
            {t('admin.create')}
          </button>
        </form>
      </details>
      {!policies.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stay.classification')}</th>
                <th scope="col">{t('stay.vaccinated')}</th>
                <th scope="col">{t('admin.durationDays')}</th>
                <th scope="col">{t('admin.testDays')}</th>
                <th scope="col">{t('admin.homeDays')}</th>
                <th scope="col">{t('admin.effectiveFrom')}</th>
              </tr>
            </thead>
            <tbody>
              {policies.data.map((p) => (
                <tr key={p.id}>
                  <td>{enumText('classification', p.classification)}</td>
                  <td>{p.vaccinated ? t('common.yes') : t('common.no')}</td>
                  <td>{formatNumber(p.durationDays, lang)}</td>
                  <td>{p.testDays.join(', ')}</td>
                  <td>{formatNumber(p.homeMonitoringDays, lang)}</td>
                  <td>{formatDate(p.effectiveFrom, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Jobs() {
  const { t, lang } = useI18n();
  const jobs = useApi(() => ok(api.GET('/api/v1/jobs')), []);
  const [running, setRunning] = useState('');
  const [error, setError] = useState<unknown>();
  const run = async (name: string) => {
    setRunning(name);
    setError(undefined);
    try {
      await ok(api.POST('/api/v1/jobs/{name}/run', { params: { path: { name }, query: { wait: true } } }));
      jobs.reload();
    } catch (err) {
      setError(err);
    } finally {
      setRunning('');
    }
  };
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">{t('admin.tab.jobs')}</h2>
      <ErrorNote error={error ?? jobs.error} />
      {!jobs.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.job')}</th>
                <th scope="col">{t('admin.schedule')}</th>
                <th scope="col">{t('admin.lastSuccess')}</th>
                <th scope="col">{t('admin.lastResult')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((j) => (
                <tr key={j.name}>
                  <td>
                    {j.name} {j.stale && <Badge kind="overdue">{t('admin.stale')}</Badge>}
                  </td>
                  <td>
                    <code>{j.cron}</code>
                  </td>
                  <td>{formatDateTime(j.lastSucceededAt, lang)}</td>
                  <td>
                    {j.lastError ? (
                      <span className="danger-text">{j.lastError}</span>
                    ) : j.lastRaised !== null ? (
                      t('admin.raisedResolved', { raised: j.lastRaised, resolved: j.lastResolved ?? 0, ms: formatNumber(j.lastDurationMs ?? 0, lang) })
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <button type="button" disabled={running !== ''} onClick={() => run(j.name)}>
                      {running === j.name ? t('admin.running') : t('admin.runNow')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Audit() {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  const [filters, setFilters] = useState({ action: '', entityId: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const [page, setPage] = useState(1);
  const limit = 50;
  const events = useApi(
    () =>
      ok(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              page,
              limit,
              ...(applied.action.trim() ? { action: applied.action.trim() } : {}),
              ...(applied.entityId.trim() ? { entityId: applied.entityId.trim() } : {}),
              ...(applied.from ? { from: new Date(`${applied.from}T00:00:00+07:00`).toISOString() } : {}),
              ...(applied.to ? { to: new Date(`${applied.to}T23:59:59+07:00`).toISOString() } : {}),
            },
          },
        }),
      ),
    [applied, page],
  );
  const set = (field: keyof typeof filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [field]: e.target.value }));
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.tab.audit')}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setApplied(filters);
        }}
      >
        <Field label={t('admin.action')} hint="stay.released">
          {(p) => <input {...p} value={filters.action} onChange={set('action')} />}
        </Field>
        <Field label={t('admin.entityId')}>{(p) => <input {...p} value={filters.entityId} onChange={set('entityId')} />}</Field>
        <Field label={t('admin.from')}>{(p) => <input {...p} type="date" value={filters.from} onChange={set('from')} />}</Field>
        <Field label={t('admin.to')}>{(p) => <input {...p} type="date" value={filters.to} onChange={set('to')} />}</Field>
        <button type="submit">{t('common.search')}</button>
      </form>
      <ErrorNote error={events.error} />
      {!events.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{t('common.totalN', { n: formatNumber(events.data.total, lang) })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.at')}</th>
                  <th scope="col">{t('admin.action')}</th>
                  <th scope="col">{t('admin.entity')}</th>
                  <th scope="col">{t('admin.actor')}</th>
                  <th scope="col">{t('admin.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at, lang)}</td>
                    <td>{enumText('auditAction', e.action)}</td>
                    <td>
                      {e.entityType} <code>{e.entityId.slice(0, 8)}</code>
                    </td>
                    <td>
                      <code>{e.actorId?.slice(0, 8) ?? '—'}</code>
                    </td>
                    <td>{e.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} limit={limit} total={events.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
