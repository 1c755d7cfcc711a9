import { expectedReleaseAt, homeMonitoringUntil, scheduleTests } from './schedule';

describe('test schedule', () => {
  it('puts day 1 on the admission day and day 14 thirteen days later', () => {
    expect(scheduleTests('2021-08-01', [1, 7, 14])).toEqual([
      { day: 1, dueDate: '2021-08-01' },
      { day: 7, dueDate: '2021-08-07' },
      { day: 14, dueDate: '2021-08-14' },
    ]);
  });

  it('sorts and de-duplicates the policy days', () => {
    expect(scheduleTests('2021-08-30', [7, 1, 7]).map((t) => t.dueDate)).toEqual(['2021-08-30', '2021-09-05']);
  });

  it('ends the period after its duration, to the minute', () => {
    expect(expectedReleaseAt(new Date('2021-08-01T03:00:00Z'), 14).toISOString()).toBe('2021-08-15T03:00:00.000Z');
  });

  it('counts home monitoring from the release day', () => {
    expect(homeMonitoringUntil('2021-08-15', 14)).toBe('2021-08-29');
  });
});
