import { releaseBlockers } from './release-rules';

const schedule = [
  { day: 1, dueDate: '2021-08-01' },
  { day: 7, dueDate: '2021-08-07' },
];
const served = { releaseAt: new Date('2021-08-08T00:00:00Z'), expectedReleaseAt: new Date('2021-08-08T00:00:00Z') };

describe('releaseBlockers', () => {
  it('lets a person go after the full period with every test negative', () => {
    const tests = [
      { scheduledDay: 1, result: 'negative' as const },
      { scheduledDay: 7, result: 'negative' as const },
    ];
    expect(releaseBlockers({ ...served, schedule, tests })).toEqual([]);
  });

  it('names the period and each missing, pending or positive test', () => {
    const blockers = releaseBlockers({
      releaseAt: new Date('2021-08-05T00:00:00Z'),
      expectedReleaseAt: served.expectedReleaseAt,
      schedule: [...schedule, { day: 14, dueDate: '2021-08-14' }],
      tests: [
        { scheduledDay: 1, result: 'positive' },
        { scheduledDay: 7, result: 'pending' },
      ],
    });
    expect(blockers).toEqual([
      'the quarantine period is not over until 2021-08-08T00:00:00.000Z',
      'the day 1 test (2021-08-01) is positive',
      'the day 7 test (2021-08-07) has no result yet',
      'no day 14 test (2021-08-14) has been recorded',
    ]);
  });

  it('does not count an extra test (no scheduled day) for a scheduled one', () => {
    const blockers = releaseBlockers({ ...served, schedule, tests: [{ scheduledDay: null, result: 'negative' }] });
    expect(blockers).toHaveLength(2);
  });

  it('accepts a negative retest after a pending one for the same day', () => {
    const tests = [
      { scheduledDay: 1, result: 'negative' as const },
      { scheduledDay: 7, result: 'pending' as const },
      { scheduledDay: 7, result: 'negative' as const },
    ];
    expect(releaseBlockers({ ...served, schedule, tests })).toEqual([]);
  });
});
