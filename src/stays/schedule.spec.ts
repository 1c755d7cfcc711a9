import { expectedReleaseAt, homeMonitoringUntil, postReleaseTestDates, scheduleTests } from './schedule';

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

  it('puts the post-release test on day 7 after the release day, inside 7 or 14 days at home', () => {
    expect(homeMonitoringUntil('2021-08-01', 7)).toBe('2021-08-08');
    expect(postReleaseTestDates('2021-08-01', [7])).toEqual([{ day: 7, dueDate: '2021-08-08' }]);
    expect(postReleaseTestDates('2021-08-30', [14, 7, 7]).map((t) => t.dueDate)).toEqual(['2021-09-06', '2021-09-13']);
  });
});
