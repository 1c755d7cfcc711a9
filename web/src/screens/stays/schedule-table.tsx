import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Badge, useEnumText } from '../../lib/ui';

type ScheduledTest = components['schemas']['ScheduledTestResponse'];

export function ScheduleTable({ tests, actions }: { tests: ScheduledTest[]; actions?: (test: ScheduledTest) => React.ReactNode }) {
  const { t, lang } = useI18n();
  const enumText = useEnumText();
  if (tests.length === 0) return <p className="muted">{t('stay.noSchedule')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('stay.testDay')}</th>
            <th scope="col">{t('stay.dueDate')}</th>
            <th scope="col">{t('stay.testState')}</th>
            {actions && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {tests.map((test) => (
            <tr key={test.day}>
              <td>{t('rooms.dayN', { n: test.day })}</td>
              <td>{formatDate(test.dueDate, lang)}</td>
              <td>
                <Badge kind={test.state}>{enumText('testState', test.state)}</Badge>
              </td>
              {actions && <td>{actions(test)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
