import { RecordedTest } from '../stays/release-rules';
import { scheduleTests } from '../stays/schedule';
import { scheduleStates } from './schedule-states';

// A 14-day period starting on 1 August: tests due on 1, 7 and 14 August.
const schedule = scheduleTests('2021-08-01', [1, 7, 14]);
const states = (tests: RecordedTest[], today: string) => scheduleStates(schedule, tests, today).map((t) => t.state);

describe('scheduleStates', () => {
  it('shows every test upcoming before the period starts and the first one due on day 1', () => {
    expect(states([], '2021-07-31')).toEqual(['upcoming', 'upcoming', 'upcoming']);
    expect(states([], '2021-08-01')).toEqual(['due', 'upcoming', 'upcoming']);
  });

  it('marks a day without a sample overdue once its due day has passed', () => {
    expect(states([], '2021-08-02')).toEqual(['overdue', 'upcoming', 'upcoming']);
    expect(states([], '2021-08-20')).toEqual(['overdue', 'overdue', 'overdue']);
  });

  it('follows a sample from taken to its result, whatever the day', () => {
    expect(states([{ scheduledDay: 1, result: 'pending' }], '2021-08-03')).toEqual(['taken', 'upcoming', 'upcoming']);
    expect(states([{ scheduledDay: 1, result: 'negative' }], '2021-08-08')).toEqual(['negative', 'overdue', 'upcoming']);
    expect(states([{ scheduledDay: 7, result: 'positive' }], '2021-08-07')).toEqual(['overdue', 'positive', 'upcoming']);
  });

  it('counts a sample taken ahead of its day', () => {
    expect(states([{ scheduledDay: 14, result: 'pending' }], '2021-08-13')).toEqual(['overdue', 'overdue', 'taken']);
  });

  it('lets a positive sample decide over a negative one, and a negative over a pending retest', () => {
    const day7 = (...results: RecordedTest['result'][]) => results.map((result) => ({ scheduledDay: 7, result }));
    expect(states(day7('negative', 'positive'), '2021-08-09')[1]).toBe('positive');
    expect(states(day7('pending', 'negative'), '2021-08-09')[1]).toBe('negative');
  });

  it('ignores extra tests that fulfil no scheduled day', () => {
    expect(states([{ scheduledDay: null, result: 'negative' }], '2021-08-01')).toEqual(['due', 'upcoming', 'upcoming']);
  });

  it('keeps the days and due dates of the schedule', () => {
    expect(scheduleStates(schedule, [], '2021-08-07')).toEqual([
      { day: 1, dueDate: '2021-08-01', state: 'overdue' },
      { day: 7, dueDate: '2021-08-07', state: 'due' },
      { day: 14, dueDate: '2021-08-14', state: 'upcoming' },
    ]);
  });
});
