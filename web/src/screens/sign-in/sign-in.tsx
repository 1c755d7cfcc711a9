import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { useSession } from '../../lib/session';
import { ErrorNote, Field } from '../../lib/ui';

export function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="sign-in card">
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{t('signIn.lead')}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t('signIn.username')}>
          {(p) => <input {...p} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={t('signIn.password')}>
          {(p) => (
            <input {...p} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
