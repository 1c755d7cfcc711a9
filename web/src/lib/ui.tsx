import { ReactNode, useId } from 'react';
import { ApiError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import { formatPercent } from './format';

/** An API error in the reader's language: the sentence for its code, and the field problems if any. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t, errorText } = useI18n();
  if (!error) return null;
  let text = t('error.generic');
  let fields: { field: string; message: string }[] = [];
  if (error instanceof ApiError) {
    text = errorText(error.code) ?? errorText(`HTTP_${error.status}`) ?? (typeof error.body.message === 'string' ? error.body.message : t('error.generic'));
    fields = error.body.errors ?? [];
    if (!fields.length && Array.isArray(error.body.message)) fields = error.body.message.map((m) => ({ field: '', message: m }));
  } else if (error instanceof TypeError) {
    text = t('error.network');
  }
  return (
    <div className="note note-error" role="alert">
      <p>{text}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>{f.field ? `${f.field}: ${f.message}` : f.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A labelled form field: the label is tied to the control by id, the hint by aria-describedby. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': hintId })}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

/** How full something is, as a bar that also says its number (never colour alone). */
export function OccupancyBar({ rate, label }: { rate: number; label: string }) {
  const { lang } = useI18n();
  const level = rate >= 0.9 ? 'high' : rate >= 0.7 ? 'mid' : 'low';
  const percent = Math.round(Math.min(1, Math.max(0, rate)) * 100);
  return (
    <div className="occupancy">
      <div
        className={`bar bar-${level}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={formatPercent(rate, lang)}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <span className="bar-value">{formatPercent(rate, lang)}</span>
    </div>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

/** A translated label for an enum value, e.g. tEnum('classification', 'F1'). */
export function useEnumText(): (group: string, value: string | null | undefined) => string {
  const { t } = useI18n();
  return (group, value) => {
    if (value === null || value === undefined) return '—';
    const key = `enum.${group}.${value}` as MessageKey;
    const text = t(key);
    return text === key ? value : text;
  };
}

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

/** Previous / page N / next under a paged list; next is off once this page reaches the total. */
export function Pager({ page, limit, total, onPage }: { page: number; limit: number; total: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.pageN', { n: page })}</span>
      <button type="button" disabled={page * limit >= total} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </div>
  );
}
