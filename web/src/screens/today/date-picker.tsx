import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { todayLocal } from '../../lib/format';
import { Field } from '../../lib/ui';

/** Picks the day a board shows (a local calendar day, YYYY-MM-DD); today by default. */
export function DatePicker({ date, onChange }: { date: string; onChange: (date: string) => void }) {
  const { t } = useI18n();
  const today = todayLocal();
  const [value, setValue] = useState(date);
  useEffect(() => setValue(date), [date]);
  return (
    <form
      className="filters date-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (value) onChange(value);
      }}
    >
      <Field label={t('today.date')}>{(p) => <input {...p} type="date" value={value} onChange={(e) => setValue(e.target.value)} required />}</Field>
      <div className="actions field-actions">
        <button type="submit">{t('today.show')}</button>
        {date !== today && (
          <button type="button" onClick={() => onChange(today)}>
            {t('today.todayButton')}
          </button>
        )}
      </div>
    </form>
  );
}
